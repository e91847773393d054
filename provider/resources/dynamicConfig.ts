/**
 * Dynamic configs.
 *
 * | method | HTTP |
 * |---|---|
 * | create | `POST /dynamic_configs` (name, description, defaultValue, tags), then `PATCH /dynamic_configs/{id}` for `isEnabled`/`rules` only when set (the seed's create body has neither), then the lifecycle `PUT` when `status` asks for another one |
 * | read   | `GET /dynamic_configs/{id}` |
 * | update | `PATCH /dynamic_configs/{id}` with the changed fields (`rules` in PATCH follows the published API), then the lifecycle `PUT .../{enable,disable,archive,unarchive}` when `status` changed |
 * | delete | `DELETE /dynamic_configs/{id}` |
 */
import * as pulumi from "@pulumi/pulumi";
import { withDot } from "../spec";
import { ConsoleClient, statsig } from "../client";
import type * as api from "../client/extras";
import type { DynamicConfigLifecycleAction } from "../client/dynamicConfigs";
import type { JsonInputObject, RuleArgs } from "./common";
import { entityIdentity, RULES_FIELD, ruleSchema, STRING_LIST, validateRules } from "./common";
import type { EntityDefinition, Fields, InputsOf, OutputProperties, OutputsOf } from "./framework";
import { collectionCalls, definedFields, entityParams, fieldsWith, makeProvider, NAME_FIELD } from "./framework";
import { AdoptArgs } from "./adopt";
import { enabledContradiction, moveStatus } from "./lifecycle";
import { ProjectArgs } from "./project";
import { ID_TYPE_SCHEMA, TARGET_APPS_FIELD, TARGET_APPS_SCHEMA, TEAM_SCHEMA } from "./published";

/**
 * The config fields of the published API beyond the seed's create body (`DynamicConfigCreateDto`,
 * and `DynamicConfigPartialUpdateDto` for updates). Each is unmanaged when omitted.
 */
export interface DynamicConfigPublishedArgs {
  /**
   * The unit the config evaluates: `userID`, `stableID` or one of the project's custom id types.
   * Updated in place (PATCH).
   */
  idType?: pulumi.Input<string>;
  /** The owning team's name (Statsig Enterprise). Updated in place (PATCH). */
  team?: pulumi.Input<string>;
  /**
   * Target app ids the config is scoped to: a list, or one id (order not significant). Updated in
   * place (PATCH).
   */
  targetApps?: pulumi.Input<string | pulumi.Input<string>[]>;
  /**
   * A JSON Schema (draft 2020-12), as a string, that every rule's `returnValue` must satisfy
   * (Statsig checks it; e.g. `JSON.stringify({ type: "object", required: ["currency"] })`). Updated
   * in place (PATCH).
   */
  schema?: pulumi.Input<string>;
}

/**
 * Arguments of a `DynamicConfig` (the seed's `DynamicConfigCreate` names, plus `isEnabled` and
 * `rules`).
 *
 * What a change to each field does (update in place or replace) is stated on the field, generated
 * from the entity's field table, as is the README's table "Resources and what a change does".
 *
 * Omitted optional fields are not managed.
 */
export interface DynamicConfigArgs extends AdoptArgs, ProjectArgs, DynamicConfigPublishedArgs {
  /**
   * Config name, 3–100 characters of letters, digits, `_`, `-`, `.` and spaces. Changing it
   * replaces the dynamic config (deleted first when the new name maps to the same id).
   */
  name: pulumi.Input<string>;
  /** What the config is for. Updated in place (PATCH). */
  description?: pulumi.Input<string>;
  /**
   * Whether the config serves its rules (disabled: everyone gets `defaultValue`). Updated in place
   * (PATCH).
   */
  isEnabled?: pulumi.Input<boolean>;
  /** The value returned when no rule matches. Updated in place (PATCH). */
  defaultValue?: pulumi.Input<JsonInputObject>;
  /**
   * Targeting rules; each rule's `returnValue` is what a matching user gets. Updated in place
   * (PATCH).
   */
  rules?: pulumi.Input<RuleArgs[]>;
  /** Tag names (a `statsig.Tag`'s `name` output). Updated in place (PATCH). */
  tags?: pulumi.Input<pulumi.Input<string>[]>;
  /**
   * Lifecycle, as the published API spells it: `Enabled`, `Disabled` or `Archived`, each through
   * its endpoint (`PUT .../enable`, `.../disable`, `.../archive`). Leaving `Archived` takes
   * `PUT .../unarchive` first (back as it was), then the endpoint of the new status when that is
   * another one. Must agree with `isEnabled` when both are set. Updated in place
   * (`PUT /dynamic_configs/{id}/{enable,disable,archive}`).
   */
  status?: pulumi.Input<api.DynamicConfigStatus>;
}

/**
 * Resolved inputs, as the provider receives them.
 *
 * @interface
 */
export type DynamicConfigInputs = InputsOf<DynamicConfigArgs>;

/** Fields only the service sets. */
const OUTPUT_ONLY = ["createdTime", "lastModifiedTime"] as const;

/**
 * Outputs: what the service returns.
 */
export interface DynamicConfigOutputs extends OutputsOf<api.DynamicConfig, DynamicConfigInputs, typeof OUTPUT_ONLY> {
  // Redeclared for their docs: the spec's description gives no default.
  /**
   * Whether the config evaluates its rules (a disabled config returns `defaultValue`), as Statsig
   * holds it: the `isEnabled` argument when set, otherwise whatever the console holds.
   */
  isEnabled?: api.DynamicConfig["isEnabled"];
  /**
   * The JSON object returned when no rule matches, as Statsig holds it: the `defaultValue` argument
   * when set, otherwise whatever the console holds.
   */
  defaultValue?: api.DynamicConfig["defaultValue"];
  /**
   * Lifecycle as Statsig holds it: `Enabled`, `Disabled` (follows `isEnabled`) or `Archived`. Shown
   * as a change only when the `status` argument is set.
   */
  status?: api.DynamicConfig["status"];
}

/**
 * The published fields: in the published create body and in `PATCH /dynamic_configs/{id}`
 * (`DynamicConfigPartialUpdateDto`).
 */
const PUBLISHED_FIELDS = {
  idType: { create: true, patch: true },
  team: { create: true, patch: true },
  targetApps: { ...TARGET_APPS_FIELD, create: true, patch: true },
  schema: { create: true, patch: true },
} as const;

/**
 * What a change to each field does. The seed's create body has no `isEnabled` and no `rules`:
 * those follow the create in one PATCH; `rules` in PATCH follows the published API.
 */
const fields = {
  name: NAME_FIELD,
  description: { create: true, patch: true },
  isEnabled: { patch: true },
  defaultValue: { create: true, patch: true },
  rules: { ...RULES_FIELD, patch: true },
  tags: { unordered: true, create: true, patch: true, refers: { names: "Tag" } },
  status: {
    via: "`PUT /dynamic_configs/{id}/{enable,disable,archive}`",
    note: "`Enabled`/`Disabled`/`Archived`; leaving `Archived` takes `unarchive` first",
  },
  ...PUBLISHED_FIELDS,
} as const satisfies Fields<DynamicConfigInputs>;

const LIFECYCLE = {
  Enabled: "enable",
  Disabled: "disable",
  Archived: "archive",
} as const satisfies Record<api.DynamicConfigStatus, DynamicConfigLifecycleAction>;

/** Takes the config from status `from` (undefined: not reported) to `to` (see `moveStatus`). */
const moveConfig = (c: ConsoleClient, id: string, from: string | undefined, to: api.DynamicConfigStatus) =>
  moveStatus(statsig(c).dynamicConfigs, id, from, to, LIFECYCLE, "Archived");

/** Set by a PATCH right after the create: updatable, but not in the create body. */
const AFTER_CREATE = fieldsWith(fields, "patch").filter((f) => !new Set<string>(fieldsWith(fields, "create")).has(f));

const calls = collectionCalls((c: ConsoleClient) => statsig(c).dynamicConfigs, fields, OUTPUT_ONLY);

/** The dynamic config's definition for the generic provider. */
export const dynamicConfigDefinition: EntityDefinition<DynamicConfigInputs, DynamicConfigOutputs> = {
  ...entityIdentity("dynamicConfig", withDot, {
    isEnabled: { type: "boolean" },
    rules: { type: "array", items: ruleSchema({ returnValue: true }) },
    tags: STRING_LIST,
    status: { enum: ["Enabled", "Disabled", "Archived"] },
    idType: ID_TYPE_SCHEMA,
    team: TEAM_SCHEMA,
    targetApps: TARGET_APPS_SCHEMA,
    schema: { type: "string" },
  }),
  validate: (i) => [...validateRules(i.rules), ...enabledContradiction(i, { Disabled: false, Enabled: true })],

  ...calls,

  // The updatable fields the create body lacks follow in one PATCH; the status after that.
  create: calls.post,
  async afterCreate(c, id, i, created) {
    const rest = definedFields(i, AFTER_CREATE);
    const now = rest ? await statsig(c).dynamicConfigs.update(id, rest) : (created as api.DynamicConfig | undefined);
    if (i.status) await moveConfig(c, id, now?.status, i.status);
  },

  async update(c, id, olds, n, changed) {
    await calls.update(c, id, olds, n, changed);
    if (changed.has("status") && n.status) await moveConfig(c, id, olds.status, n.status);
  },
};

/** The provider the runtime dispatches to. */
export const dynamicConfigProvider = makeProvider(dynamicConfigDefinition);

/**
 * A Statsig dynamic config.
 *
 * ```ts
 * const pricing = new statsig.DynamicConfig("pricing", {
 *   name: "pricing",
 *   defaultValue: { currency: "USD", trialDays: 14 },
 *   rules: [{ name: "eu", conditions: [{ type: "country", operator: "any", targetValue: ["DE", "FR"] }],
 *             returnValue: { currency: "EUR", trialDays: 30 } }],
 * });
 * ```
 *
 * What a change to each field does (replace or update in place) is stated on each field of
 * `DynamicConfigArgs`. Type token: `pulumi-nodejs:dynamic/statsig:DynamicConfig`.
 */
export class DynamicConfig extends pulumi.dynamic.Resource {
  /** Declares a dynamic config. */
  constructor(name: string, args: DynamicConfigArgs, opts?: pulumi.CustomResourceOptions) {
    super(...entityParams(dynamicConfigDefinition, name, args, opts));
  }
}

/** The outputs, one `pulumi.Output` per field of `DynamicConfigOutputs` (merged into the class). */
export interface DynamicConfig extends OutputProperties<DynamicConfigOutputs> {}
