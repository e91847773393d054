/**
 * Feature gates.
 *
 * | method | HTTP |
 * |---|---|
 * | create | `POST /gates` (everything the create body takes), then `PUT /gates/{id}/overrides` and the lifecycle `PUT /gates/{id}/{enable,disable,launch,archive}` only when asked |
 * | read   | `GET /gates/{id}` (+ `GET /gates/{id}/overrides` when the program manages overrides) |
 * | update | only what changed: `PATCH /gates/{id}`, `PUT /gates/{id}/rules`, `PUT /gates/{id}/overrides`, lifecycle `PUT` |
 * | delete | `DELETE /gates/{id}` (404 counts as done) |
 */
import * as pulumi from "@pulumi/pulumi";
import { ConsoleClient, statsig } from "../client";
import type * as api from "../client/extras";
import { schemaRef, Schemas, specPointer } from "../spec";
import {
  ConditionInput,
  RuleArgs,
  RuleInput,
  RuleOutput,
  STRING_LIST,
  nameSchema,
  ruleSchema,
  validateRules,
  RULES_FIELD,
} from "./common";
import {
  collectionCalls,
  EntityDefinition,
  makeProvider,
  orNotFound,
  PartialCreateError,
  withOutputKeys,
} from "./framework";
import { AdoptArgs, rejectImport, withAdopt } from "./adopt";
import { ProjectArgs, withProject } from "./project";
import { shimProvider } from "./shim";

/** Gate lifecycle states (the spec's `Gate.status` enum), reached through their endpoints. */
export type GateStatus = NonNullable<Schemas["Gate"]["status"]>;

/** Overrides that force a gate's result for given users or ids (the spec's `Overrides`). */
export interface GateOverrides {
  /** Per user id. */
  userOverrides?: { userID: string; value: boolean }[];
  /** Per custom id. */
  idOverrides?: { ids: string[]; value: boolean }[];
}

/**
 * Arguments of a `Gate`. Field names are the seed spec's `GateCreate` ones.
 *
 * | field | on change |
 * |---|---|
 * | `name` | **replace** (the id derives from the name; delete first when the new name maps to the same id) |
 * | `description`, `isEnabled`, `tags`, `targetApps` | update (`PATCH`) |
 * | `rules` | update (`PUT .../rules`) |
 * | `overrides` | update (`PUT .../overrides`) |
 * | `status` | update (lifecycle `PUT`) |
 *
 * An omitted optional field is not managed: whatever the service holds is kept and never shows
 * as a change. Set it (e.g. `tags: []`) to manage it.
 */
export interface GateArgs extends AdoptArgs, ProjectArgs {
  /** Gate name, 3–100 characters of letters, digits, `_`, `-`, `.` and spaces. The id derives from it. */
  name: pulumi.Input<string>;
  /** What the gate is for. */
  description?: pulumi.Input<string>;
  /** Whether the gate evaluates its rules (a disabled gate fails everyone). */
  isEnabled?: pulumi.Input<boolean>;
  /** Targeting rules, evaluated in order; names must be unique. */
  rules?: pulumi.Input<RuleArgs[]>;
  /** Tag names (for example a `statsig.Tag`'s `name` output). */
  tags?: pulumi.Input<pulumi.Input<string>[]>;
  /** Target app ids the gate is scoped to. */
  targetApps?: pulumi.Input<pulumi.Input<string>[]>;
  /** User and id overrides. */
  overrides?: pulumi.Input<GateOverrides>;
  /**
   * Lifecycle: `active`, `disabled`, `launched` or `archived`, applied with the matching endpoint.
   * Must agree with `isEnabled` when both are set.
   */
  status?: pulumi.Input<GateStatus>;
}

/** Resolved gate inputs, as the provider receives them. */
export interface GateInputs {
  name: string;
  description?: string;
  isEnabled?: boolean;
  rules?: RuleInput[];
  tags?: string[];
  targetApps?: string[];
  overrides?: GateOverrides;
  status?: GateStatus;
}

/** Gate outputs: what the service returns (rule ids, status, timestamps included), and the overrides. */
export type GateOutputs = Pick<api.Gate, "id" | (typeof OUTPUTS)[number]> & {
  /** Overrides (only when managed). */
  overrides?: api.Overrides;
};

/** Gate fields the service returns and the provider keeps as outputs. */
const GATE_FIELDS = ["name", "description", "isEnabled", "status", "rules", "tags", "targetApps"] as const;

/** Fields of the gate entity kept as outputs. */
const OUTPUTS = [...GATE_FIELDS, "createdTime", "lastModifiedTime"] as const;

const LIFECYCLE: Record<GateStatus, api.GateLifecycleAction> = {
  active: "enable",
  disabled: "disable",
  launched: "launch",
  archived: "archive",
};

/** Empty override lists are what the service reports when none are set. */
function canonicalOverrides(o: api.Overrides): api.Overrides {
  return { userOverrides: o.userOverrides ?? [], idOverrides: o.idOverrides ?? [] };
}

const calls = collectionCalls((c: ConsoleClient) => statsig(c).gates, {
  createFields: ["name", "description", "isEnabled", "rules", "tags", "targetApps"],
  patchFields: ["description", "isEnabled", "tags", "targetApps"],
  outputs: OUTPUTS,
});

/** The gate's definition for the generic provider. */
export const gateDefinition: EntityDefinition<GateInputs, GateOutputs> = {
  kind: "gate",
  typeName: "Gate",
  inputSchema: {
    type: "object",
    allOf: [schemaRef("GateCreate")],
    properties: {
      name: nameSchema("default"),
      rules: { type: "array", items: ruleSchema({ returnValue: false }) },
      tags: STRING_LIST,
      targetApps: STRING_LIST,
      overrides: { allOf: [schemaRef("Overrides")], unevaluatedProperties: false },
      status: specPointer("#/components/schemas/Gate/properties/status"),
    },
    unevaluatedProperties: false,
  },
  validate(i) {
    const issues = validateRules(i.rules);
    if (i.status === "disabled" && i.isEnabled === true)
      issues.push({ property: "isEnabled", reason: 'contradicts status "disabled"; set one of them' });
    if (i.status === "active" && i.isEnabled === false)
      issues.push({ property: "isEnabled", reason: 'contradicts status "active"; set one of them' });
    return issues;
  },
  fields: {
    name: { replace: true },
    description: {},
    isEnabled: {},
    rules: RULES_FIELD,
    tags: { unordered: true },
    targetApps: { unordered: true },
    overrides: { canonical: (v) => (v && typeof v === "object" ? canonicalOverrides(v) : v) },
    status: {},
  },

  ...calls,

  // Not calls.create: the created gate's status decides whether a lifecycle call is needed.
  async create(c, i) {
    const { id, created } = await calls.post(c, i);
    const gates = statsig(c).gates;
    try {
      if (i.overrides) await gates.overrides.set(id, i.overrides);
      if (i.status && i.status !== created?.status) await gates.lifecycle(id, LIFECYCLE[i.status]);
    } catch (err) {
      throw new PartialCreateError(id, err);
    }
    return id;
  },

  read: (c, id, managed) => readGate(c, id, managed.overrides !== undefined),

  async update(c, id, _olds, n, changed) {
    await calls.update(c, id, _olds, n, changed);
    const gates = statsig(c).gates;
    if (changed.has("rules")) await gates.rules.set(id, n.rules);
    if (changed.has("overrides") && n.overrides) await gates.overrides.set(id, n.overrides);
    if (changed.has("status") && n.status) await gates.lifecycle(id, LIFECYCLE[n.status]);
  },
};

async function readGate(c: ConsoleClient, id: string, withOverrides: boolean): Promise<GateOutputs | undefined> {
  const out = await calls.read(c, id);
  if (!out || !withOverrides) return out;
  const o = await orNotFound(() => statsig(c).gates.overrides.get(id));
  return o && { ...out, overrides: canonicalOverrides(o) };
}

/** The gate provider the runtime dispatches to. */
export const gateProvider = withProject(withAdopt(gateDefinition, makeProvider(gateDefinition)));

const gateShim = shimProvider("Gate");

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
 * Changing `name` replaces the gate (its id derives from the name); every other field updates in
 * place. Type token: `pulumi-nodejs:dynamic/statsig:Gate`.
 *
 * What a change to each argument does:
 *
 * | field | on change |
 * |---|---|
 * | `name` | **replace** (the id derives from the name; delete first when the new name maps to the same id) |
 * | `description`, `isEnabled`, `tags`, `targetApps` | update (`PATCH`) |
 * | `rules` | update (`PUT .../rules`) |
 * | `overrides` | update (`PUT .../overrides`) |
 * | `status` | update (lifecycle `PUT`) |
 */
export class Gate extends pulumi.dynamic.Resource {
  /** The gate's name. */
  declare readonly name: pulumi.Output<string>;
  /** Description. */
  declare readonly description: pulumi.Output<string | undefined>;
  /** Whether the gate is enabled. */
  declare readonly isEnabled: pulumi.Output<boolean | undefined>;
  /** Lifecycle status as the service reports it. */
  declare readonly status: pulumi.Output<GateStatus | undefined>;
  /** Rules as read back, with server-assigned rule ids. */
  declare readonly rules: pulumi.Output<RuleOutput[] | undefined>;
  /** Tags. */
  declare readonly tags: pulumi.Output<string[] | undefined>;
  /** Target apps. */
  declare readonly targetApps: pulumi.Output<string[] | undefined>;
  /** Overrides (only when managed). */
  declare readonly overrides: pulumi.Output<GateOverrides | undefined>;
  /** Creation time (epoch ms). */
  declare readonly createdTime: pulumi.Output<number | undefined>;
  /** Last modification time (epoch ms). */
  declare readonly lastModifiedTime: pulumi.Output<number | undefined>;

  /** Declares a gate. */
  constructor(name: string, args: GateArgs, opts?: pulumi.CustomResourceOptions) {
    rejectImport("Gate", name, opts);
    super(
      gateShim,
      name,
      // Keys listed as undefined become outputs too; undefined inputs are not sent to the provider.
      withOutputKeys([...GATE_FIELDS, "overrides", "createdTime", "lastModifiedTime"], args),
      opts,
      "statsig",
      "Gate",
    );
  }
}

/** Re-exported for typing rules and conditions in programs. */
export type { ConditionInput, RuleInput };
