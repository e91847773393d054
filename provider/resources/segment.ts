/**
 * Segments: rule-based, or id lists.
 *
 * | method | HTTP |
 * |---|---|
 * | create | `POST /segments`, then for an `id_list` segment `POST /segments/{id}/id_list/reset` with the first 1000 ids and `PATCH /segments/{id}/add_ids` per further 1000 (published API) |
 * | read   | `GET /segments/{id}` (+ `GET /segments/{id}/id_list` when the program manages `ids`) |
 * | update | `PATCH /segments/{id}` (the seed's, with its required `name` and `type`) for description/rules/tags; `GET /segments/{id}/id_list`, then `PATCH .../add_ids` and `.../remove_ids` with only the difference from the live list, 1000 ids per call |
 * | delete | `DELETE /segments/{id}` |
 */
import * as pulumi from "@pulumi/pulumi";
import { ConsoleClient, statsig } from "../client";
import type * as api from "../client/extras";
import { ValidationIssue, withoutDot } from "../spec";
import { entityIdentity, RuleArgs, RULES_FIELD, ruleSchema, STRING_LIST, validateRules } from "./common";
import type { EntityDefinition, Fields, InputsOf, OutputProperties, OutputsOf } from "./framework";
import {
  changedBody,
  collectionCalls,
  entityParams,
  fieldsWith,
  makeProvider,
  NAME_FIELD,
  orNotFound,
} from "./framework";
import { AdoptArgs } from "./adopt";
import { ProjectArgs } from "./project";
import { ID_TYPE_SCHEMA, TEAM_SCHEMA } from "./published";

/** The service accepts at most this many ids per id-list call. */
export const ID_LIST_CHUNK = 1000;

/** Segment kinds. */
export type SegmentType = "rule_based" | "id_list";

/**
 * The segment fields of the published API beyond the seed's create body
 * (`SegmentCreateContractDto`). The published API has no segment update, so a change to either
 * replaces the segment (deleting it first: the new one has the same id). Each is unmanaged when
 * omitted.
 */
export interface SegmentPublishedArgs {
  /**
   * The unit the segment holds: `userID` (Statsig's default), `stableID` or a custom id type. It
   * cannot change. Changing it replaces the segment (the published API has no segment update;
   * deleted first).
   */
  idType?: pulumi.Input<string>;
  /**
   * The owning team's name (Statsig Enterprise). Set at create only. Changing it replaces the
   * segment (the published API has no segment update; deleted first).
   */
  team?: pulumi.Input<string>;
}

/**
 * Arguments of a `Segment` (the seed's `SegmentCreate`, plus `ids` for id lists).
 *
 * What a change to each field does (update in place or replace) is stated on the field, generated
 * from the entity's field table, as is the README's table "Resources and what a change does".
 *
 * An omitted optional field is not managed: whatever Statsig holds is kept and never shows as a
 * change. Set it (e.g. `description: ""`) to manage it.
 */
export interface SegmentArgs extends AdoptArgs, ProjectArgs, SegmentPublishedArgs {
  /**
   * Segment name: 3–100 letters, digits, `_`, `-` and spaces (no `.`). Changing it replaces the
   * segment (deleted first when the new name maps to the same id).
   */
  name: pulumi.Input<string>;
  /**
   * `rule_based` (targeting rules) or `id_list` (explicit unit ids). Changing it replaces the
   * segment (deleted first: the new one has the same id).
   */
  type: pulumi.Input<SegmentType>;
  /** What the segment groups. Updated in place (PATCH). */
  description?: pulumi.Input<string>;
  /** Rules of a `rule_based` segment. Updated in place (PATCH). */
  rules?: pulumi.Input<RuleArgs[]>;
  /** Tag names (a `statsig.Tag`'s `name` output). Updated in place (PATCH). */
  tags?: pulumi.Input<pulumi.Input<string>[]>;
  /**
   * Unit ids of an `id_list` segment (order does not matter; duplicates are ignored). Updated in
   * place (only the added and removed ids, 1000 per call).
   */
  ids?: pulumi.Input<pulumi.Input<string>[]>;
}

/**
 * Resolved inputs, as the provider receives them.
 *
 * @interface
 */
export type SegmentInputs = InputsOf<SegmentArgs>;

/** Fields only the service sets. */
const OUTPUT_ONLY = ["createdTime"] as const;

/**
 * Outputs: the segment as the service returns it, and its ids (when managed).
 */
export interface SegmentOutputs extends OutputsOf<api.Segment, SegmentInputs, typeof OUTPUT_ONLY> {
  // Redeclared for their docs: the spec's description gives no allowed values.
  /** `rule_based` (membership from `rules`) or `id_list` (membership from `ids`), as the argument sets it. */
  type?: api.Segment["type"];
}

/** Why `idType` and `team` replace (documentation of `fields`). */
const NO_SEGMENT_UPDATE = "the published API has no segment update; deleted first";

/**
 * What a change to each field does. The seed's PATCH takes the create body, so `name` and `type`
 * travel with every update of the `patch` fields; `ids` use the id-list endpoints.
 */
const fields = {
  name: NAME_FIELD,
  type: { replace: true, create: true, via: "deleted first: the new one has the same id" },
  description: { create: true, patch: true },
  rules: { ...RULES_FIELD, create: true, patch: true },
  tags: { unordered: true, create: true, patch: true, refers: { names: "Tag" } },
  ids: {
    canonical: (v) => (Array.isArray(v) ? [...new Set(v)] : v),
    unordered: true,
    via: "only the added and removed ids, 1000 per call",
  },
  // Published create only (`SegmentCreateContractDto`); no published update takes them.
  idType: { replace: true, create: true, via: NO_SEGMENT_UPDATE },
  team: { replace: true, create: true, via: NO_SEGMENT_UPDATE },
} as const satisfies Fields<SegmentInputs>;

function chunks<T>(xs: T[], n: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += n) out.push(xs.slice(i, i + n));
  return out;
}

async function setIds(c: ConsoleClient, id: string, ids: string[]): Promise<void> {
  const [first = [], ...rest] = chunks([...new Set(ids)], ID_LIST_CHUNK);
  const list = statsig(c).segments.ids;
  await list.reset(id, first);
  for (const chunk of rest) await list.add(id, chunk);
}

const calls = collectionCalls((c: ConsoleClient) => statsig(c).segments, fields, OUTPUT_ONLY);

/** The segment's definition for the generic provider. */
export const segmentDefinition: EntityDefinition<SegmentInputs, SegmentOutputs> = {
  ...entityIdentity("segment", withoutDot, {
    type: { enum: ["rule_based", "id_list"] },
    rules: { type: "array", items: ruleSchema({ returnValue: false }) },
    tags: STRING_LIST,
    ids: STRING_LIST,
    idType: ID_TYPE_SCHEMA,
    team: TEAM_SCHEMA,
  }),
  validate(i) {
    const issues: ValidationIssue[] = validateRules(i.rules);
    if (i.type === "id_list" && i.rules?.length)
      issues.push({ property: "rules", reason: "an id_list segment has no rules; use ids, or type rule_based" });
    if (i.type === "rule_based" && i.ids !== undefined)
      issues.push({ property: "ids", reason: "only an id_list segment has ids; use rules, or type id_list" });
    return issues;
  },

  ...calls,

  async afterCreate(c, id, i) {
    if (i.type === "id_list" && i.ids?.length) await setIds(c, id, i.ids);
  },

  async read(c, id, managed) {
    const out = await calls.read(c, id);
    if (!out || managed.ids === undefined || out.type !== "id_list") return out;
    const list = await orNotFound(() => statsig(c).segments.ids.get(id));
    return list && { ...out, ids: list.ids ?? [] };
  },

  async update(c, id, olds, n, changed) {
    const body = changedBody(changed, n, fieldsWith(fields, "patch"));
    // The seed's PATCH takes the create body, whose `name` and `type` are required.
    if (body) await statsig(c).segments.update(id, { name: n.name, type: n.type, ...body });
    if (changed.has("ids") && n.ids) {
      const list = statsig(c).segments.ids;
      // The difference from the live list, not the recorded one: ids added or removed out of band
      // since the last refresh are corrected by this one `up` too.
      const live = (await list.get(id)).ids ?? olds.ids ?? [];
      const want = new Set(n.ids);
      const have = new Set(live);
      const add = [...want].filter((x) => !have.has(x));
      const remove = [...have].filter((x) => !want.has(x));
      for (const chunk of chunks(add, ID_LIST_CHUNK)) await list.add(id, chunk);
      for (const chunk of chunks(remove, ID_LIST_CHUNK)) await list.remove(id, chunk);
    }
  },
};

/** The provider the runtime dispatches to. */
export const segmentProvider = makeProvider(segmentDefinition);

/**
 * A Statsig segment.
 *
 * ```ts
 * const beta = new statsig.Segment("beta-testers", { name: "beta testers", type: "id_list", ids: ["u1", "u2"] });
 * new statsig.Gate("g", { name: "beta_ui", rules: [{ name: "beta",
 *   conditions: [{ type: "passes_segment", operator: "any", targetValue: [beta.id] }] }] });
 * ```
 *
 * What a change to each field does (replace or update in place) is stated on each field of
 * `SegmentArgs`. Type token: `pulumi-nodejs:dynamic/statsig:Segment`.
 */
export class Segment extends pulumi.dynamic.Resource {
  /** Declares a segment. */
  constructor(name: string, args: SegmentArgs, opts?: pulumi.CustomResourceOptions) {
    super(...entityParams(segmentDefinition, name, args, opts));
  }
}

/** The outputs, one `pulumi.Output` per field of `SegmentOutputs` (merged into the class). */
export interface Segment extends OutputProperties<SegmentOutputs> {}
