/**
 * What an entity says about itself (`EntityDefinition`): its input schema, how diff treats each
 * field, and its API calls. Everything else is generic (see `provider.ts`).
 */
import type * as pulumi from "@pulumi/pulumi";
import type { ConsoleClient } from "../../client";
import type { Rule } from "../../client/extras";
import type { JsonSchema, ValidationIssue } from "../../spec";

/** How diff treats one input field. */
export interface FieldRule {
  /** A change replaces the resource (e.g. the name, from which the id derives). */
  replace?: boolean;
  /** Order does not matter (tags, target apps): compare sorted. */
  unordered?: boolean;
  /** Maps a value (input or output) to the form compared, e.g. strips server-assigned rule ids. */
  canonical?: (value: unknown) => unknown;
  /** Maps an output value back to an input value (for refresh's recorded inputs). */
  asInput?: (value: unknown) => unknown;
  /** Sent in the create body (`POST /<collection>`). */
  create?: boolean;
  /** Sent in the update body (`PATCH /<collection>/{id}`) when it changed. */
  patch?: boolean;
  /**
   * Documentation only (no effect on diff or update): the call that applies a change when it is
   * not the update body (`PUT /gates/{id}/rules`), or, for a field that replaces, how or why. The
   * README's change table and the field's "Updated in place" / "Changing it replaces" sentence in
   * its Args doc comment are generated from it by `npm run gen:docs` (scripts/gen-docs.ts).
   */
  via?: string;
  /** Documentation only: what else the README's change table says about the field (not in Args docs). */
  note?: string;
  /**
   * What the field's value refers to, for `generate`: the generated program writes the declared
   * entity's `<variable>.id` (or `.name`) instead of the literal, so Pulumi orders creates and
   * deletes (no effect on diff or update).
   */
  refers?: FieldReference;
}

/**
 * What a field refers to (`FieldRule.refers`); kinds are named by class name (`Gate`).
 *
 * - `{ ids: "Gate" }`: the value is the id of an entity of that kind, or a list of them
 *   (an experiment's `targetingGateID`, a holdout's `gateIDs`);
 * - `{ names: "Tag" }`: the value lists entities of that kind by name (tags);
 * - `{ conditions: { passes_gate: "Gate", ... } }`: the value is a list of rules, and each
 *   condition whose `type` is listed holds ids of that kind in its `targetValue` (one or a list).
 */
export type FieldReference =
  { readonly ids: string } | { readonly names: string } | { readonly conditions: Readonly<Record<string, string>> };

/**
 * Every input field of an entity and what a change to it does: the one table of replace and
 * update behaviour (the README's table and the Args docs' sentences are generated from it by
 * scripts/gen-docs.ts; tests/unit/readme.test.ts fails when the committed text differs).
 */
export type Fields<I> = { readonly [K in keyof I & string]-?: FieldRule };

/** The names of the fields whose rule sets `flag` (declare the map `as const` to keep the flags). */
export type FieldsWith<F, Flag extends "create" | "patch" | "replace"> = {
  [K in keyof F]: F[K] extends { readonly [P in Flag]: true } ? K : never;
}[keyof F] &
  string;

/** The fields whose rule sets `flag`, in declaration order. */
export function fieldsWith<F extends object, Flag extends "create" | "patch" | "replace">(
  fields: F,
  flag: Flag,
): FieldsWith<F, Flag>[] {
  const rules = new Map<string, FieldRule>(Object.entries(fields));
  // The filter is the runtime reading of the type: the keys whose rule has `flag: true`.
  return [...rules].filter(([, rule]) => rule[flag] === true).map(([k]) => k as FieldsWith<F, Flag>);
}

/**
 * A create whose entity exists but whose follow-up call failed (thrown by the framework around
 * `afterCreate`, or by a `create` that makes follow-ups itself).
 */
export class PartialCreateError extends Error {
  /** Records the id of the created entity and the failure of the follow-up call (kept as `cause`). */
  constructor(
    readonly id: string,
    cause: unknown,
  ) {
    super(cause instanceof Error ? cause.message : String(cause), { cause });
    this.name = "PartialCreateError";
  }
}

/** The entity outputs the framework relies on: the id, and the name it derives from. */
export interface EntityOutputs {
  /** The entity's id. */
  id: string;
  /** The entity's name. */
  name?: string;
}

/**
 * An entity's resolved inputs, as the provider receives them: its args with every `pulumi.Input`
 * unwrapped, without `adopt`, `project` and `deleteWhenReferenced` (options of the resource, not
 * fields of the entity).
 */
export type InputsOf<A> = Omit<pulumi.Unwrap<A>, "adopt" | "project" | "deleteWhenReferenced">;

/**
 * The rule of `name`: it replaces (the id derives from it) and goes in the create body. A new name
 * that maps to the same id deletes the old entity first (`framework/provider.ts`).
 */
export const NAME_FIELD = {
  replace: true,
  create: true,
  via: "deleted first when the new name maps to the same id",
} as const satisfies FieldRule;

/** The rule of a field sent on create and, when changed, on update. */
type CreatedAndPatched<R> = R & { readonly create: true; readonly patch: true };

/**
 * The fields of an entity that follows the plain collection pattern: `name` replaces (the id
 * derives from it) and goes in the create body; every other field goes in the create body and,
 * when changed, in the update body.
 */
export function plainFields<F extends Record<string, FieldRule>>(
  rest: F,
): { readonly name: typeof NAME_FIELD } & {
  readonly [K in keyof F]: CreatedAndPatched<F[K]>;
} {
  const out: Record<string, FieldRule> = { name: NAME_FIELD };
  for (const [k, rule] of Object.entries(rest)) out[k] = { ...rule, create: true, patch: true };
  // Built key by key from `rest` above, exactly as the return type states.
  return out as ReturnType<typeof plainFields<F>>;
}

/**
 * An entity's outputs: the entity as the service returns it (`E`), restricted to its `id`, the
 * input fields it has and the output-only fields (the list `X`, an entity's `OUTPUT_ONLY`); plus
 * the input fields read from elsewhere (a gate's overrides, a segment's ids), present when the
 * program manages them. An entity's outputs interface extends it, redeclaring the outputs whose
 * spec description gives no unit, default or meaning with docs that do.
 */
export type OutputsOf<E extends { id: string }, I, X extends readonly (keyof E)[] = []> = Documented<
  Pick<E, "id" | Extract<keyof I, keyof E> | X[number]> &
    // Partial<Pick<...>> rather than a fresh mapped type: the properties keep their doc comments.
    Partial<Pick<I, Exclude<keyof I, keyof E>>>,
  CommonOutputDocs
>;

/**
 * `O` with the doc comments of the properties it shares with `D` taken from `D`: the spec's
 * descriptions ("Timestamp when the gate was created.") give no unit, default or who sets the value.
 * `D`'s property types must be `O`'s (they are written as `api.X["field"]`), so only the docs change.
 */
type Documented<O, D> = Omit<O, keyof D> & Pick<D, Extract<keyof D, keyof O>>;

/**
 * Output docs shared by every entity that has the field (a field the entity lacks is not added).
 * Types are those of `provider/client/extras.ts`.
 */
export interface CommonOutputDocs {
  /**
   * The entity's id in Statsig, derived by the service from the name (lower case, spaces to `_`).
   * Also the Pulumi resource id; it changes only when the resource is replaced.
   */
  id: string;
  /** The entity's name, as the `name` argument sets it (changing the name replaces the resource). */
  name: string;
  /**
   * When the entity was created, in epoch milliseconds (UTC). Set by the service; never an input,
   * never shown as a change.
   */
  createdTime?: number;
  /**
   * When the entity was last changed (by this program or in the console), in epoch milliseconds
   * (UTC). Set by the service; never shown as a change.
   */
  lastModifiedTime?: number;
  /**
   * Free-text description as Statsig holds it: the `description` argument when set, otherwise
   * whatever the console holds.
   */
  description?: string;
  /**
   * Tag names as Statsig holds them (order not significant): the `tags` argument when set,
   * otherwise whatever the console holds.
   */
  tags?: string[];
  /**
   * Target app ids as Statsig holds them (order not significant): the `targetApps` argument when
   * set, otherwise whatever the console holds.
   */
  targetApps?: string[];
  /**
   * Targeting rules in evaluation order, as the arguments' rules plus the rule `id`s the service
   * assigns. The ids are outputs only and never show as a change. `passPercentage` is percent,
   * 0–100 (100 when omitted).
   */
  rules?: Rule[];
}

/** What an entity must say about itself; everything else is generic. */
export interface EntityDefinition<I extends { name: string }, O extends EntityOutputs> {
  /** Lower-case noun used in messages: `gate`, `dynamic config`. */
  kind: string;
  /** Resource class name and type token suffix: `Gate`. */
  typeName: string;
  /** JSON schema of the inputs, built from the spec's component schemas. */
  inputSchema: JsonSchema;
  /** Rules beyond the schema (cross-field, uniqueness, sums); no API calls. */
  validate?(inputs: I): ValidationIssue[];
  /** Every input field, with how diff compares it and how a change is applied. */
  fields: Fields<I>;
  /** Fields only the service sets (timestamps, status), kept as outputs after the input fields. */
  outputOnly: readonly (keyof O & string)[];
  /** Refuses changes the service cannot make (thrown at preview, with what to do instead). */
  guardChanges?(olds: O, news: I, changed: string[]): void;
  /**
   * Consequences of an accepted change worth a warning at preview (e.g. an experiment's reset
   * discarding its data), each naming the entity.
   */
  warnChanges?(olds: O, news: I, changed: string[]): string[];
  /**
   * Creates the entity (the create call alone; follow-ups go in `afterCreate`); returns its id, or
   * its id and the create's answer when `afterCreate` needs it.
   */
  create(client: ConsoleClient, inputs: I): Promise<string | { id: string; created?: unknown }>;
  /**
   * The calls that follow the create (lifecycle, sub-resources, fields the create body lacks).
   * The entity exists by then: the framework records a failure here as a partially created
   * resource (`PartialCreateError`), which the next `up` finishes with an update. `created` is the
   * create's answer, when `create` returned it.
   */
  afterCreate?(client: ConsoleClient, id: string, inputs: I, created: unknown): Promise<void>;
  /** Reads the entity; undefined when it does not exist. `managed` is what the program sets. */
  read(client: ConsoleClient, id: string, managed: Partial<I>): Promise<O | undefined>;
  /** Applies the changed fields with only the endpoints they need. */
  update(client: ConsoleClient, id: string, olds: O, news: I, changed: Set<string>): Promise<void>;
  /**
   * Who still refers to the entity, asked before deleting it (`gate "a"`, `experiment "b"`; the
   * first page of each; `total` counts them all). An entity with it takes the
   * `deleteWhenReferenced` input, and a delete fails naming the referrers unless that is true.
   */
  referencedBy?(client: ConsoleClient, id: string): Promise<{ referrers: string[]; total: number }>;
  /** Deletes the entity (a 404 is handled generically). */
  delete(client: ConsoleClient, id: string): Promise<void>;
}
