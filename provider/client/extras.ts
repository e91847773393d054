/**
 * The Console API's types, as this package speaks it: the seed spec's generated types
 * (`provider/spec/generated.ts`), plus the published API's extras, typed here and nowhere else.
 *
 * Published-API extras (README "Endpoints relied on beyond the seed spec"; openapi/README.md):
 * - conditions also carry `field` (for `custom_field`) and `customID` (for `unit_id`);
 * - `rules` in `PATCH /dynamic_configs/{id}`; `groups` and `targetingGateID` in
 *   `PATCH /experiments/{id}`;
 * - update bodies of tags, holdouts, autotunes (`PATCH /<c>/{id}`) and layers (`PATCH /layers/{id}`);
 * - id lists of segments (`/segments/{id}/id_list`, `add_ids`, `remove_ids`) and rule updates by
 *   `POST /segments/{id}/conditional`;
 * - every entity the service returns carries its `id` and `name`.
 *
 * The generated types read the spec's free-form objects (`type: object` without properties, such as
 * `defaultValue` or `parameterValues`) as `Record<string, never>`; `Loosen` reads them as JSON
 * objects instead, since any JSON object is valid there.
 */
import type { components } from "../spec/generated";
import type { PUBLISHED_CONDITION_TYPES } from "../spec/published";

type S = components["schemas"];

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

/** A targeting rule: the seed's `Rule` with published conditions. */
export type Rule = Omit<Loosen<S["Rule"]>, "conditions"> & {
  /** All must hold for the rule to match. */
  conditions?: Condition[];
};

/** A seed schema with free-form objects loosened and rules carrying published conditions. */
type Published<T> = T extends { rules?: unknown }
  ? Omit<Loosen<T>, "rules"> & {
      /** Targeting rules in evaluation order, with their server-assigned ids. */
      rules?: Rule[];
    }
  : Loosen<T>;

/** An entity as the service returns it: `id` and `name` are always present. */
type Returned<T> = Omit<Published<T>, "id" | "name"> & {
  /** The entity's id, derived by the service from its name (lower case, spaces to `_`). */
  id: string;
  /** The entity's name. */
  name: string;
};

/** Every field of a create body but the name, optional: the published update bodies' shape. */
type UpdateOf<C> = Partial<Omit<C, "name">>;

/**
 * A feature gate.
 *
 * @interface
 */
export type Gate = Returned<S["Gate"]>;
/** `POST /gates` body. */
export type GateCreate = Published<S["GateCreate"]>;
/** `PATCH /gates/{id}` body. */
export type GateUpdate = Published<S["GateUpdate"]>;
/** A gate's user and id overrides. */
export type Overrides = S["Overrides"];
/** A gate lifecycle action, `PUT /gates/{id}/<action>`. */
export type GateLifecycleAction = "enable" | "disable" | "launch" | "archive";

/**
 * A dynamic config.
 *
 * @interface
 */
export type DynamicConfig = Returned<S["DynamicConfig"]>;
/** `POST /dynamic_configs` body. */
export type DynamicConfigCreate = Published<S["DynamicConfigCreate"]>;
/** `PATCH /dynamic_configs/{id}` body; `rules` follows the published API. */
export type DynamicConfigUpdate = Published<S["DynamicConfigUpdate"]> & { rules?: Rule[] };

/**
 * An experiment.
 *
 * @interface
 */
export type Experiment = Returned<S["Experiment"]>;
/** `POST /experiments` body. */
export type ExperimentCreate = Published<S["ExperimentCreate"]>;
/** `PATCH /experiments/{id}` body; `groups` and `targetingGateID` follow the published API. */
export type ExperimentUpdate = Published<S["ExperimentUpdate"]> & Pick<ExperimentCreate, "groups" | "targetingGateID">;
/** One experiment group. */
export type ExperimentGroup = Loosen<S["ExperimentGroup"]>;

/**
 * A segment.
 *
 * @interface
 */
export type Segment = Returned<S["Segment"]>;
/** `POST /segments` body. */
export type SegmentCreate = Published<S["SegmentCreate"]>;
/** `PATCH /segments/{id}` body: the seed's takes the create body (`name` and `type` required). */
export type SegmentUpdate = SegmentCreate;
/** The ids of an id-list segment (published API: `/segments/{id}/id_list`, ≤1000 ids per call). */
export interface IdList {
  /** Unit ids. */
  ids: string[];
}

/**
 * A layer.
 *
 * @interface
 */
export type Layer = Returned<S["Layer"]>;
/** `POST /layers` body. */
export type LayerCreate = Published<S["LayerCreate"]>;
/** `PATCH /layers/{id}` body (published API; the seed has no layer update). */
export type LayerUpdate = UpdateOf<LayerCreate>;

/**
 * A holdout.
 *
 * @interface
 */
export type Holdout = Returned<S["Holdout"]>;
/** `POST /holdouts` body. */
export type HoldoutCreate = Published<S["HoldoutCreate"]>;
/** `PATCH /holdouts/{id}` body (published API). */
export type HoldoutUpdate = UpdateOf<HoldoutCreate>;

/**
 * A tag.
 *
 * @interface
 */
export type Tag = Returned<S["Tag"]>;
/** `POST /tags` body. */
export type TagCreate = Published<S["TagCreate"]>;
/** `PATCH /tags/{id}` body (published API). */
export type TagUpdate = UpdateOf<TagCreate>;

/**
 * An autotune.
 *
 * @interface
 */
export type Autotune = Returned<S["Autotune"]>;
/** `POST /autotunes` body. */
export type AutotuneCreate = Published<S["AutotuneCreate"]>;
/** `PATCH /autotunes/{id}` body (published API). */
export type AutotuneUpdate = UpdateOf<AutotuneCreate>;

/**
 * A metric definition (read-only here).
 *
 * @interface
 */
export type Metric = Loosen<S["Metric"]>;
/**
 * A target app (read-only here).
 *
 * @interface
 */
export type TargetApp = Loosen<S["TargetApp"]>;
/**
 * An API key, partially masked (read-only).
 *
 * @interface
 */
export type ApiKey = Loosen<S["ApiKey"]>;
/**
 * A user of the project (read-only).
 *
 * @interface
 */
export type User = Loosen<S["User"]>;
/**
 * One audit log entry (read-only).
 *
 * @interface
 */
export type AuditLogEntry = Loosen<S["AuditLogEntry"]>;
