/**
 * Holdouts.
 *
 * | method | HTTP |
 * |---|---|
 * | create | `POST /holdouts`, then `POST /holdouts/{id}/overrides` when set (published API) |
 * | read   | `GET /holdouts/{id}` (+ `GET .../overrides` when the program manages overrides) (published API; the seed has list and create only) |
 * | update | `PATCH /holdouts/{id}` with the changed fields, `POST .../overrides` when they changed (published API) |
 * | delete | `DELETE /holdouts/{id}` (published API) |
 */
import * as pulumi from "@pulumi/pulumi";
import { withoutDot } from "../spec";
import { ConsoleClient, statsig } from "../client";
import type * as api from "../client/extras";
import { closedObject, entityIdentity, STRING_LIST } from "./common";
import type { EntityDefinition, Fields, InputsOf, OutputProperties, OutputsOf } from "./framework";
import { collectionCalls, entityParams, listsCanonical, makeProvider, overridesCalls, plainFields } from "./framework";
import { AdoptArgs } from "./adopt";
import { ProjectArgs } from "./project";
import { ID_TYPE_SCHEMA } from "./published";

/**
 * Arguments of a `Holdout` (the seed's `HoldoutCreate`).
 *
 * What a change to each field does (update in place or replace) is stated on the field, generated
 * from the entity's field table, as is the README's table "Resources and what a change does".
 *
 * An omitted optional field is not managed: whatever Statsig holds is kept and never shows as a
 * change. Set it (e.g. `description: ""`) to manage it.
 */
export interface HoldoutArgs extends AdoptArgs, ProjectArgs {
  /**
   * Holdout name: 3–100 letters, digits, `_`, `-` and spaces (no `.`). Changing it replaces the
   * holdout (deleted first when the new name maps to the same id).
   */
  name: pulumi.Input<string>;
  /** What the holdout measures. Updated in place (PATCH). */
  description?: pulumi.Input<string>;
  /**
   * Share of units held out, 0–100 per the seed spec (the published API documents 0–10). Updated in
   * place (PATCH).
   */
  passPercentage?: pulumi.Input<number>;
  /** Gates the holdout applies to (`statsig.Gate` ids); they must exist. Updated in place (PATCH). */
  gateIDs?: pulumi.Input<pulumi.Input<string>[]>;
  /**
   * Ids forced into (`passing…`) or out of (`failing…`) the holdout (see `HoldoutOverrides`); an
   * output only when managed. Replaced with one `POST .../overrides` when changed. Updated in place
   * (`POST /holdouts/{id}/overrides`).
   */
  overrides?: pulumi.Input<api.HoldoutOverrides>;
  /**
   * The unit held out: `userID`, `stableID` or a custom id type (published API,
   * `HoldoutCreateContractDto`). Unmanaged when omitted. It cannot change. Changing it replaces the
   * holdout (not in the published update; deleted first).
   */
  idType?: pulumi.Input<string>;
}

/**
 * Resolved inputs, as the provider receives them.
 *
 * @interface
 */
export type HoldoutInputs = InputsOf<HoldoutArgs>;

/** Fields only the service sets. */
const OUTPUT_ONLY = ["isEnabled"] as const;

/**
 * Outputs: what the service returns.
 */
export interface HoldoutOutputs extends OutputsOf<api.Holdout, HoldoutInputs, typeof OUTPUT_ONLY> {
  // Redeclared for their docs: the spec's description gives no unit, default or who sets them.
  /** Share of units held out, in percent (0–100). A new holdout gets 0 when the argument is omitted. */
  passPercentage?: api.Holdout["passPercentage"];
  /**
   * Whether the holdout is active. Set by the service (a new holdout is active); not an argument,
   * never shown as a change.
   */
  isEnabled?: api.Holdout["isEnabled"];
  /** Ids of the gates the holdout applies to, as Statsig holds them: the `gateIDs` argument when set. */
  gateIDs?: api.Holdout["gateIDs"];
}

/** The four id lists of a holdout's overrides. */
const OVERRIDE_LISTS = ["passingUserIDs", "failingUserIDs", "passingCustomIDs", "failingCustomIDs"] as const;

/** Every list present (empty when unset): what the service reports. */
const canonicalOverrides = listsCanonical<api.HoldoutOverrides>(OVERRIDE_LISTS);

/** The input schema of `overrides`. */
const OVERRIDES_SCHEMA = closedObject(
  Object.fromEntries(
    OVERRIDE_LISTS.map((l) => [l, { type: "array", maxItems: 2000, items: { type: "string", minLength: 1 } }]),
  ),
);

/**
 * What a change to each field does: `name` and `idType` (create only) replace, `overrides` is
 * POSTed, the rest is PATCHed.
 */
const fields = {
  ...plainFields({
    description: {},
    passPercentage: {},
    gateIDs: { unordered: true, refers: { ids: "Gate" } },
  }),
  idType: { replace: true, create: true, via: "not in the published update; deleted first" },
  overrides: { canonical: canonicalOverrides, via: "`POST /holdouts/{id}/overrides`" },
} as const satisfies Fields<HoldoutInputs>;

const calls = collectionCalls((c: ConsoleClient) => statsig(c).holdouts, fields, OUTPUT_ONLY);
const overrides = overridesCalls<api.HoldoutOverrides>((c) => statsig(c).holdouts.overrides, canonicalOverrides);

/** The holdout's definition for the generic provider. */
export const holdoutDefinition: EntityDefinition<HoldoutInputs, HoldoutOutputs> = {
  ...entityIdentity("holdout", withoutDot, {
    gateIDs: STRING_LIST,
    idType: ID_TYPE_SCHEMA,
    overrides: OVERRIDES_SCHEMA,
  }),
  validate(i) {
    const ids = i.gateIDs ?? [];
    const dup = ids.findIndex((g, k) => ids.indexOf(g) !== k);
    return dup >= 0 ? [{ property: `gateIDs[${dup}]`, reason: `duplicates "${ids[dup]}"` }] : [];
  },
  ...calls,

  afterCreate: (c, id, i) => overrides.create(c, id, i.overrides),
  read: async (c, id, managed) => overrides.read(c, id, await calls.read(c, id), managed.overrides !== undefined),
  async update(c, id, olds, n, changed) {
    await calls.update(c, id, olds, n, changed);
    await overrides.update(c, id, changed, n.overrides);
  },
};

/** The provider the runtime dispatches to. */
export const holdoutProvider = makeProvider(holdoutDefinition);

/**
 * A Statsig holdout: a share of units kept out of the listed gates, to measure their combined effect.
 *
 * ```ts
 * new statsig.Holdout("q3-holdout", { name: "q3 holdout", passPercentage: 5, gateIDs: [gate.id] });
 * ```
 *
 * What a change to each field does is stated on each field of `HoldoutArgs`. Type token: `pulumi-nodejs:dynamic/statsig:Holdout`.
 */
export class Holdout extends pulumi.dynamic.Resource {
  /** Declares a holdout. */
  constructor(name: string, args: HoldoutArgs, opts?: pulumi.CustomResourceOptions) {
    super(...entityParams(holdoutDefinition, name, args, opts));
  }
}

/** The outputs, one `pulumi.Output` per field of `HoldoutOutputs` (merged into the class). */
export interface Holdout extends OutputProperties<HoldoutOutputs> {}
