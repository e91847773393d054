/**
 * How the seed spec's generated types become the types this package speaks: free-form objects read
 * as JSON (`Loosen`), conditions and rules with the published API's fields, and the generics every
 * entity's returned, create and update types are built with (dto/entities.ts).
 */
import type { components } from "../../spec/generated";
import type { PUBLISHED_CONDITION_TYPES } from "../../spec/published";

/** The seed spec's schemas, by name. */
export type S = components["schemas"];

/** A JSON value. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/**
 * A free-form JSON object (config values, parameters, return values). Typed as JSON rather than
 * `Record<string, unknown>` so that `pulumi.Unwrap` of an args type keeps it (it reads `unknown`
 * as `undefined`).
 */
export type JsonObject = { [key: string]: JsonValue };

/** `T` with every free-form object (generated as `Record<string, never>`) read as a `JsonObject`. */
export type Loosen<T> =
  T extends Record<string, never>
    ? Record<string, never> extends T
      ? JsonObject
      : T
    : T extends (infer U)[]
      ? Loosen<U>[]
      : T extends object
        ? { [K in keyof T]: Loosen<T[K]> }
        : T;

/**
 * A targeting condition as the published API has it: the seed's `Condition` with the published
 * condition types added, `operator` a free string (as published; `STATSIG_OPERATORS` lists the ones
 * Statsig evaluates), and the published `field` and `customID`.
 *
 * @useDeclaredType
 */
export type Condition = Omit<Loosen<S["Condition"]>, "type" | "operator"> & {
  /** The seed's condition types and the published API's (`public`, `environment_tier`, ...). */
  type?: NonNullable<S["Condition"]["type"]> | (typeof PUBLISHED_CONDITION_TYPES)[number];
  /** The comparison; none (absent, `null` or `""`) for `public` and the gate/segment types. */
  operator?: string | null;
  /** For `custom_field`: the custom field's name (published API). */
  field?: string | null;
  /** For `unit_id`: the custom id type, e.g. `companyID` (published API). */
  customID?: string | null;
};

/**
 * A targeting rule: the seed's `Rule` with published conditions.
 *
 * @useDeclaredType
 */
export type Rule = Omit<Loosen<S["Rule"]>, "conditions"> & {
  /** All must hold for the rule to match. */
  conditions?: Condition[];
};

/** A seed schema with free-form objects loosened and rules carrying published conditions. */
export type Published<T> = T extends { rules?: unknown }
  ? Omit<Loosen<T>, "rules"> & {
      /** Targeting rules in evaluation order, with their server-assigned ids. */
      rules?: Rule[];
    }
  : Loosen<T>;

/** An entity as the service returns it: `id` and `name` are always present. */
export type Returned<T> = Omit<Published<T>, "id" | "name"> & {
  /** The entity's id, derived by the service from its name (lower case, spaces to `_`). */
  id: string;
  /** The entity's name. */
  name: string;
};

/** Every field of a create body but the name, optional: the published update bodies' shape. */
export type UpdateOf<C> = Partial<Omit<C, "name">>;

/** Target app ids: the published DTOs take one id or a list (`oneOf: [string, string[]]`). */
export type TargetApps = string | string[];

/** Published fields as a request body takes them: `targetApps` may be one id (the service answers a list). */
export type Sent<F> = Omit<F, "targetApps"> & {
  /** Target app ids: a list, or one id. */
  targetApps?: TargetApps;
};
