/**
 * Feature gates.
 *
 * | method | HTTP |
 * |---|---|
 * | create | `POST /gates` (everything the create body takes), then `PUT /gates/{id}/overrides` and the lifecycle `PUT /gates/{id}/{enable,disable,launch,archive}` only when asked |
 * | read   | `GET /gates/{id}` (+ `GET /gates/{id}/overrides` when the program manages overrides) |
 * | update | only what changed: `PATCH /gates/{id}`, `PUT /gates/{id}/rules`, `PUT /gates/{id}/overrides`, lifecycle `PUT` (`PUT .../unarchive` first when leaving `archived`) |
 * | delete | `DELETE /gates/{id}` (404 counts as done) |
 */
import * as pulumi from "@pulumi/pulumi";
import { ConsoleClient, statsig } from "../client";
import type * as api from "../client/extras";
import { schemaRef, Schemas, specPointer, withDot } from "../spec";
import type { ConditionInput, RuleArgs, RuleInput } from "./common";
import { entityIdentity, RULES_FIELD, ruleSchema, STRING_LIST, validateRules } from "./common";
import type { EntityDefinition, Fields, InputsOf, OutputProperties, OutputsOf } from "./framework";
import { collectionCalls, entityParams, listsCanonical, makeProvider, NAME_FIELD, overridesCalls } from "./framework";
import { AdoptArgs } from "./adopt";
import { enabledContradiction, moveStatus } from "./lifecycle";
import { ProjectArgs } from "./project";
import { ID_TYPE_SCHEMA, METRIC_LIST_SCHEMA, SET_FIELD, TEAM_SCHEMA } from "./published";

/**
 * Gate lifecycle states (the spec's `Gate.status` enum), reached through their endpoints.
 *
 * @useDeclaredType
 */
export type GateStatus = NonNullable<Schemas["Gate"]["status"]>;

/**
 * Overrides that force a gate's result for given users or ids (the spec's `Overrides`).
 *
 * @interface
 */
export type GateOverrides = api.Overrides;

/**
 * The gate fields of the published API beyond the seed's create body (`GateCreateDto`, and
 * `GatePartialUpdateDto` for updates). Each is unmanaged when omitted, like every optional field.
 */
export interface GatePublishedArgs {
  /**
   * The unit the gate evaluates: `userID`, `stableID` or one of the project's custom id types.
   * Updated in place (PATCH).
   */
  idType?: pulumi.Input<string>;
  /** The owning team's name (Statsig Enterprise). Updated in place (PATCH). */
  team?: pulumi.Input<string>;
  /** Whether Statsig measures the metric lifts of the gate's rollouts. Updated in place (PATCH). */
  measureMetricLifts?: pulumi.Input<boolean>;
  /**
   * Metrics on the gate's monitoring view, each `{ name, type }` (e.g.
   * `{ name: "purchase", type: "event_count" }`; order not significant). Updated in place (PATCH).
   */
  monitoringMetrics?: pulumi.Input<pulumi.Input<api.MetricRef>[]>;
}

/**
 * Arguments of a `Gate`. Field names are the seed spec's `GateCreate` ones.
 *
 * What a change to each field does (update in place or replace) is stated on the field, generated
 * from the entity's field table, as is the README's table "Resources and what a change does".
 *
 * An omitted optional field is not managed: whatever the service holds is kept and never shows
 * as a change. Set it (e.g. `tags: []`) to manage it.
 */
export interface GateArgs extends AdoptArgs, ProjectArgs, GatePublishedArgs {
  /**
   * Gate name, 3–100 characters of letters, digits, `_`, `-`, `.` and spaces. The id derives from
   * it. Changing it replaces the gate (deleted first when the new name maps to the same id).
   */
  name: pulumi.Input<string>;
  /** What the gate is for. Updated in place (PATCH). */
  description?: pulumi.Input<string>;
  /**
   * Whether the gate evaluates its rules (a disabled gate fails everyone). Updated in place
   * (PATCH).
   */
  isEnabled?: pulumi.Input<boolean>;
  /**
   * Targeting rules, evaluated in order; names must be unique. Read back with server-assigned rule
   * ids. Updated in place (`PUT /gates/{id}/rules`).
   */
  rules?: pulumi.Input<RuleArgs[]>;
  /** Tag names (for example a `statsig.Tag`'s `name` output). Updated in place (PATCH). */
  tags?: pulumi.Input<pulumi.Input<string>[]>;
  /** Target app ids the gate is scoped to. Updated in place (PATCH). */
  targetApps?: pulumi.Input<pulumi.Input<string>[]>;
  /**
   * User and id overrides (an output only when managed). Updated in place
   * (`PUT /gates/{id}/overrides`).
   */
  overrides?: pulumi.Input<GateOverrides>;
  /**
   * Lifecycle: `active`, `disabled`, `launched` or `archived`, applied with the matching endpoint
   * (`enable`, `disable`, `launch`, `archive`). Leaving `archived` takes `PUT .../unarchive` first
   * (the published API's; it brings the gate back as it was), then the endpoint of the new status
   * when that is another one. Must agree with `isEnabled` when both are set. Updated in place
   * (`PUT /gates/{id}/{enable,disable,launch,archive}`).
   */
  status?: pulumi.Input<GateStatus>;
  /**
   * Delete the gate even while other entities refer to it. Before deleting a gate (removed from
   * the program, `pulumi destroy`, or the old gate of a replace), the provider asks Statsig which
   * gates, experiments and dynamic configs still refer to it, and fails naming them unless this
   * is `true`: their `passes_gate` conditions would fail and their targeting would find no gate.
   * A gate removed from the program uses the value its last `up` recorded. Default: `false`.
   */
  deleteWhenReferenced?: pulumi.Input<boolean>;
}

/**
 * Resolved gate inputs, as the provider receives them.
 *
 * @interface
 */
export type GateInputs = InputsOf<GateArgs>;

/** Gate fields only the service sets. */
const OUTPUT_ONLY = ["createdTime", "lastModifiedTime"] as const;

/**
 * Gate outputs: what the service returns (rule ids, status, timestamps included), and the overrides.
 */
export interface GateOutputs extends OutputsOf<api.Gate, GateInputs, typeof OUTPUT_ONLY> {
  // Redeclared for their docs: the spec's description gives no default or meaning.
  /**
   * Lifecycle as Statsig holds it: `active` (rules evaluated), `disabled` (fails everyone),
   * `launched` (passes everyone) or `archived`. A new gate starts `active`. Shown as a change only
   * when the `status` argument is set.
   */
  status?: api.Gate["status"];
  /**
   * Whether the gate evaluates its rules; `false` fails everyone. A new gate starts enabled (`true`).
   * Shown as a change only when the `isEnabled` argument is set.
   */
  isEnabled?: api.Gate["isEnabled"];
}

const LIFECYCLE: Record<GateStatus, api.GateLifecycleAction> = {
  active: "enable",
  disabled: "disable",
  launched: "launch",
  archived: "archive",
};

/** Empty override lists are what the service reports when none are set. */
const canonicalOverrides = listsCanonical<api.Overrides>(["userOverrides", "idOverrides"]);

/** Overrides without the lists that are empty (what a program that sets only one list wrote). */
function withoutEmptyLists(o: api.Overrides): api.Overrides {
  return {
    ...(o.userOverrides?.length ? { userOverrides: o.userOverrides } : {}),
    ...(o.idOverrides?.length ? { idOverrides: o.idOverrides } : {}),
  };
}

/** The published fields: in the create body and in `PATCH /gates/{id}` (`GatePartialUpdateDto`). */
const PUBLISHED_FIELDS = {
  idType: { create: true, patch: true },
  team: { create: true, patch: true },
  measureMetricLifts: { create: true, patch: true },
  monitoringMetrics: { ...SET_FIELD, create: true, patch: true },
} as const;

/** What a change to each field does: `replace`, or the update call that applies it. */
const fields = {
  name: NAME_FIELD,
  description: { create: true, patch: true },
  isEnabled: { create: true, patch: true },
  rules: { ...RULES_FIELD, create: true, via: "`PUT /gates/{id}/rules`" },
  tags: { unordered: true, create: true, patch: true, refers: { names: "Tag" } },
  targetApps: { unordered: true, create: true, patch: true },
  overrides: {
    canonical: canonicalOverrides,
    // Refresh records the lists the service holds; an empty one was (almost always) never written
    // by the program, and recording it would show as `- idOverrides: []` in every later diff.
    asInput: (v) => (v && typeof v === "object" ? withoutEmptyLists(v as api.Overrides) : v),
    via: "`PUT /gates/{id}/overrides`",
  },
  status: {
    via: "`PUT /gates/{id}/{enable,disable,launch,archive}`",
    note: "`active`/`disabled`/`launched`/`archived`; leaving `archived` takes `unarchive` first",
  },
  ...PUBLISHED_FIELDS,
} as const satisfies Fields<GateInputs>;

const calls = collectionCalls((c: ConsoleClient) => statsig(c).gates, fields, OUTPUT_ONLY);
// The gate's overrides go as the program writes them (`PUT` replaces both lists).
const overrides = overridesCalls<api.Overrides>(
  (c) => statsig(c).gates.overrides,
  canonicalOverrides,
  (o) => o,
);

/** Takes the gate from status `from` to `to` (see `moveStatus`). */
const moveGate = (c: ConsoleClient, id: string, from: string | undefined, to: GateStatus) =>
  moveStatus(statsig(c).gates, id, from, to, LIFECYCLE, "archived");

/** The gate's definition for the generic provider. */
export const gateDefinition: EntityDefinition<GateInputs, GateOutputs> = {
  ...entityIdentity("gate", withDot, {
    rules: { type: "array", items: ruleSchema({ returnValue: false }) },
    tags: STRING_LIST,
    targetApps: STRING_LIST,
    overrides: { allOf: [schemaRef("Overrides")], unevaluatedProperties: false },
    status: specPointer("#/components/schemas/Gate/properties/status"),
    idType: ID_TYPE_SCHEMA,
    team: TEAM_SCHEMA,
    measureMetricLifts: { type: "boolean" },
    monitoringMetrics: METRIC_LIST_SCHEMA,
  }),
  validate: (i) => [...validateRules(i.rules), ...enabledContradiction(i, { disabled: false, active: true })],

  ...calls,

  // Not calls.create: the created gate's status decides whether a lifecycle call is needed.
  create: calls.post,
  async afterCreate(c, id, i, created) {
    await overrides.create(c, id, i.overrides);
    if (i.status) await moveGate(c, id, (created as api.Gate | undefined)?.status, i.status);
  },

  read: async (c, id, managed) => overrides.read(c, id, await calls.read(c, id), managed.overrides !== undefined),

  async referencedBy(c, id) {
    const r = await statsig(c).gates.references(id);
    const named = (kind: string, list: { id: string }[]) => list.map((e) => `${kind} ${JSON.stringify(e.id)}`);
    const referrers = [
      ...named("gate", r.gates),
      ...named("experiment", r.experiments),
      ...named("dynamic config", r.dynamicConfigs),
    ];
    return { referrers, total: r.total };
  },

  async update(c, id, olds, n, changed) {
    await calls.update(c, id, olds, n, changed);
    if (changed.has("rules")) await statsig(c).gates.rules.set(id, n.rules);
    await overrides.update(c, id, changed, n.overrides);
    if (changed.has("status") && n.status) await moveGate(c, id, olds.status, n.status);
  },
};

/** The gate provider the runtime dispatches to. */
export const gateProvider = makeProvider(gateDefinition);

/**
 * A Statsig feature gate.
 *
 * ```ts
 * import * as statsig from "pulumi-statsig";
 *
 * const checkout = new statsig.Gate("new-checkout", {
 *   name: "new_checkout",
 *   description: "New checkout flow",
 *   isEnabled: true,
 *   rules: [{
 *     name: "employees",
 *     passPercentage: 100,
 *     conditions: [{ type: "email", operator: "str_ends_with_any", targetValue: ["@example.com"] }],
 *   }],
 * });
 * export const gateId = checkout.id;
 * ```
 *
 * What a change to each field does (replace or update in place) is stated on each field of
 * `GateArgs`. Type token: `pulumi-nodejs:dynamic/statsig:Gate`.
 */
export class Gate extends pulumi.dynamic.Resource {
  /** Declares a gate. */
  constructor(name: string, args: GateArgs, opts?: pulumi.CustomResourceOptions) {
    super(...entityParams(gateDefinition, name, args, opts));
  }
}

/** The gate's outputs, one `pulumi.Output` per field of `GateOutputs` (merged into the class). */
export interface Gate extends OutputProperties<GateOutputs> {}

/** Re-exported for typing rules and conditions in programs. */
export type { ConditionInput, RuleInput };
