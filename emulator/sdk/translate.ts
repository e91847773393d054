/**
 * Console API entities → the config-spec document Statsig's server SDKs evaluate locally
 * (`download_config_specs`). One translation, used by the emulator's SDK endpoints
 * (emulator/sdk/serve.ts), by `pulumi-statsig simulate` and by `pulumi-statsig/testing`; it lives
 * under emulator/ so that the emulator never imports provider code, while the provider may import
 * it.
 *
 * Written from the SDKs' own evaluators and types (read, not copied):
 * - statsig-node 6.5 (`node-js-server-sdk`): `src/ConfigSpec.ts` (spec, rule and condition fields),
 *   `src/Evaluator.ts` (`_eval`, `_evalRule`, `_evalCondition`, `_evalPassPercent`, `_evalDelegate`),
 *   `src/utils/EvaluatorUtils.ts` (`getFromUser`, `getUnitID`, `getFromEnvironment`) and
 *   `src/SpecStore.ts` (`_process`: the v1 document's top-level keys);
 * - statsig-server-core (`@statsig/statsig-node-core`): `statsig-rust/src/specs_response/spec_types.rs`
 *   (the v2 document: entities keyed by name, rules naming conditions in `condition_map`,
 *   `experiment_to_layer`) and `statsig-rust/src/evaluation/evaluator.rs` (`evaluate_condition`,
 *   `evaluate_nested_gate`, `evaluate_pass_percentage`, `is_in_id_list`).
 *
 * ## Condition mapping
 *
 * | Console `type` | SDK condition | Source |
 * |---|---|---|
 * | `public` | `public` | Evaluator.ts `_evalCondition` case `public`; evaluator.rs `"public"` |
 * | `user_id` | `unit_id`, `idType: "userID"` | EvaluatorUtils.ts `getUnitID`; get_unit_id.rs |
 * | `unit_id` (`customID`) | `unit_id`, `idType: <customID>` | EvaluatorUtils.ts `getUnitID` (customIDs, case-insensitive key) |
 * | `email` | `user_field`, `field: "email"` | EvaluatorUtils.ts `getFromUser`; statsig_user_internal.rs `get_user_value` `"email"` |
 * | `ip_address` | `user_field`, `field: "ip"` | same, `"ip"` |
 * | `app_version` | `user_field`, `field: "appVersion"` | same, `"appversion"` |
 * | `locale` | `user_field`, `field: "locale"` | same, `"locale"` |
 * | `custom_field` (`field`) | `user_field`, `field: <field>` (top-level user field, then `custom`, then `privateAttributes`) | same |
 * | `country` | `ip_based`, `field: "country"` (the user's `country`, else looked up from `ip`) | Evaluator.ts case `ip_based`; evaluator.rs `"ip_based"` |
 * | `browser_name`, `browser_version`, `os_name`, `os_version` | `ua_based`, `field: <type>` (the user's field, else parsed from `userAgent`) | EvaluatorUtils.ts `getFromUserAgent`; evaluator.rs `"ua_based"` |
 * | `environment`, `environment_tier` | `environment_field`, `field: "tier"` | EvaluatorUtils.ts `getFromEnvironment`; evaluator.rs `"environment_field"` |
 * | `time` | `current_time` | Evaluator.ts case `current_time`; evaluator.rs `"current_time"` |
 * | `target_app` | `target_app` (the app the SDK key belongs to: the document's `app_id`) | Evaluator.ts case `target_app`; evaluator.rs `"target_app"` |
 * | `passes_gate` / `fails_gate` | `pass_gate` / `fail_gate` on the gate's id; several targets: one rule per target (any of them) | Evaluator.ts `pass_gate`/`fail_gate`; evaluator.rs `evaluate_nested_gate` (server-core has no `multi_pass_gate`, so a rule is repeated per target instead) |
 * | `passes_segment` / `fails_segment` | `pass_gate` / `fail_gate` on `segment:<id>` | evaluator.rs `evaluate_nested_gate` (`segment:` names are segments) |
 * | `url`, `javascript`, `device_model` | **error**: no server SDK evaluates them (client-side conditions) | neither evaluator has a case for them |
 *
 * Rule `environments` become one more condition: `environment_field` `tier` `any` the listed tiers
 * (the SDK knows the tier from its `environment` option).
 *
 * | Console `operator` | SDK operator | Source |
 * |---|---|---|
 * | `any`, `none` (case-insensitive) | same | Evaluator.ts `any`/`none`; compare_strings_in_array.rs (ignore case) |
 * | `any_case_sensitive`, `none_case_sensitive` | same | Evaluator.ts; evaluator.rs |
 * | `str_starts_with_any`, `str_ends_with_any`, `str_contains_any`, `str_contains_none` (case-insensitive) | same | Evaluator.ts; compare_strings_in_array.rs |
 * | `str_matches` (regular expression) | same | Evaluator.ts; compare_str_with_regex.rs |
 * | `gt`, `gte`, `lt`, `lte` | same | EvaluatorUtils.ts `numberCompare`; compare_numbers.rs |
 * | `version_gt`, `version_gte`, `version_lt`, `version_lte`, `version_eq`, `version_neq` | same | EvaluatorUtils.ts `versionCompare`; compare_versions.rs |
 * | `before`, `after`, `on` | same | EvaluatorUtils.ts `dateCompare`; compare_time.rs |
 * | `eq`, `neq` | same | Evaluator.ts `eq`/`neq`; evaluator.rs `is_equal_to_dynamic_value` |
 * | `array_contains_any`, `array_contains_none`, `array_contains_all`, `not_array_contains_all` | same | Evaluator.ts; compare_arrays.rs |
 * | `in_segment_list`, `not_in_segment_list` (`targetValue`: an id-list segment's id) | same, on the id list named by the segment's id | Evaluator.ts `in_segment_list`; evaluator.rs `evaluate_id_list` |
 * | `is_null`, `is_not_null` | `eq` / `neq` with a `null` target: this translation's construction, since neither SDK has the operator; both evaluators compare a missing value equal to `null`. They differ on an empty string in a top-level user field (`email: ""`): server-core reads it as missing, statsig-node as a value | Evaluator.ts `eq` (`value == target`); evaluator.rs `is_equal_to_dynamic_value`, statsig_user_internal.rs `get_user_value` (empty strings skipped) |
 * | anything else | **error** naming the operator | neither evaluator has it (it would evaluate as "unsupported") |
 *
 * ## Entities
 * - Gate → `feature_gates` entry named by its id; `defaultValue: false`, each rule `returnValue:
 *   true`. `isEnabled: false` or status `disabled` → `enabled: false`, no rules (false for everyone,
 *   rule `disabled`). Status `launched` → one `public` rule at 100 % (Statsig's lifecycle docs:
 *   "The gate always returns TRUE"). Status `archived` keeps evaluating its rules (an assumption:
 *   the docs say what archiving is for, not what an archived gate returns). Overrides come before
 *   the rules as their own rules (user overrides on `userID`, id overrides on the gate's id type;
 *   `value: false` is a 0 % rule).
 * - Segment → `feature_gates` entry `segment:<id>`, entity `segment`; an id-list segment is one rule
 *   `unit_id in_segment_list <id>`, its ids served as the id list named `<id>` (sha256, base64, first
 *   8 characters per id, as `hashUnitIDForIDList` / `is_in_id_list` look them up).
 * - Dynamic config → `dynamic_configs` entry, entity `dynamic_config`, `defaultValue` and rule
 *   `returnValue`s as declared.
 * - Experiment (status `active`) → `dynamic_configs` entry, entity `experiment`, `isActive: true`:
 *   a `targetingGate` rule (fail_gate of the targeting gate, 0 %), then a `layerAssignment` rule
 *   (layer experiments: users outside the experiment's share of the layer's 1000 buckets) or an
 *   `allocation` rule (users outside `allocation` %), then one rule per group (`isExperimentGroup`,
 *   `groupName`, the group's parameter values over the layer's defaults). Status `decision_made`
 *   with a `launchedGroupID`: the launched group is shipped ("Making a decision for an experiment
 *   ships the winning group to all your users", https://docs.statsig.com/experiments/ending/make-decision):
 *   without a targeting gate its parameter values (over the layer's) are the default value for
 *   everyone, and in a layer they become the layer's defaults too; with a targeting gate, users who
 *   pass it get them and others the default (the page's "continue targeting" choice, which the
 *   published `make_decision` body takes by default: `ExperimentStatusUpdateDto.removeTargeting`,
 *   default false). Any other status: no rules (everyone gets the default value).
 * - Layer → `layer_configs` entry: its parameters as the default value, one delegate rule per active
 *   experiment (`configDelegate`) on that experiment's bucket range.
 * - Holdout (enabled) → `feature_gates` entry `holdout:<id>` (entity `holdout`, `passPercentage` of
 *   users pass); every gate (`gateIDs`), experiment (`experimentIDs`) and layer (`layerIDs`) it names
 *   gets a first rule `pass_gate holdout:<id>` at 0 %: held-out users get the default.
 * - Autotunes are not translated: their allocation is a bandit decided by Statsig's servers over time.
 *
 * Salts: the SDKs hash `<spec salt>.<rule salt>.<unit id>`. Statsig's production salts are
 * random and not exposed by the Console API, so here the spec salt is the entity's id and a rule's
 * salt its `baseID`, else its `id`, else its name: a bucketed percentage decides the same users on
 * every run, but not necessarily the same users as production.
 */
import { createHash } from "crypto";

/** A condition as the Console API holds it (seed `Condition` plus the published `field`/`customID`). */
export interface ConsoleCondition {
  /** The condition type (`email`, `passes_gate`, …). */
  type: string;
  /** The comparison (`any`, `str_ends_with_any`, `version_gte`, …); none for gate and segment conditions. */
  operator?: string | null;
  /** The value or values compared with (an entity id for gate and segment conditions). */
  targetValue?: unknown;
  /** The custom field a `custom_field` condition reads. */
  field?: string | null;
  /** The id type a `unit_id` condition reads. */
  customID?: string | null;
}

/** A rule as the Console API holds it. */
export interface ConsoleRule {
  /** The rule id the service assigned (salts its percentage). */
  id?: string;
  /** The published API's stable rule id, preferred as the salt. */
  baseID?: string;
  /** The rule's name. */
  name?: string;
  /** Percentage of matching users who pass (default 100). */
  passPercentage?: number;
  /** Conditions, all of which must match. */
  conditions?: ConsoleCondition[];
  /** A dynamic config rule's value. */
  returnValue?: Record<string, unknown>;
  /** Environment tiers the rule applies in (all when absent or empty). */
  environments?: string[] | null;
}

/** Gate overrides as `GET /gates/{id}/overrides` answers them. */
export interface ConsoleOverrides {
  /** Results forced for user ids. */
  userOverrides?: ConsoleUserOverride[];
  /** Results forced for ids of the gate's (or the given) id type. */
  idOverrides?: ConsoleIdOverride[];
}

/** One user override. */
export interface ConsoleUserOverride {
  /** The user id. */
  userID: string;
  /** The result forced. */
  value: boolean;
}

/** One id override. */
export interface ConsoleIdOverride {
  /** The ids. */
  ids: string[];
  /** The result forced. */
  value: boolean;
  /** The id type of `ids` (published API), when not the gate's. */
  unitType?: string;
  /** The same, as some clients spell it. */
  idType?: string;
}

/** A gate (with its overrides, when known). */
export interface ConsoleGate {
  /** The gate id (the SDK's gate name). */
  id: string;
  /** The display name. */
  name?: string;
  /** False: fails everyone. */
  isEnabled?: boolean;
  /** `active`, `disabled`, `launched` (passes everyone) or `archived`. */
  status?: string;
  /** The unit its percentages bucket (default `userID`). */
  idType?: string;
  /** Rules, in order. */
  rules?: ConsoleRule[];
  /** Overrides, applied before the rules. */
  overrides?: ConsoleOverrides;
}

/** A dynamic config. */
export interface ConsoleDynamicConfig {
  /** The config id (the SDK's config name). */
  id: string;
  /** The display name. */
  name?: string;
  /** False: everyone gets the default value. */
  isEnabled?: boolean;
  /** The unit its percentages bucket (default `userID`). */
  idType?: string;
  /** The value when no rule decides. */
  defaultValue?: Record<string, unknown>;
  /** Rules, in order, with their `returnValue`s. */
  rules?: ConsoleRule[];
}

/** A segment; `ids` holds an id-list segment's ids. */
export interface ConsoleSegment {
  /** The segment id (`passes_segment` conditions name it). */
  id: string;
  /** The display name. */
  name?: string;
  /** `rule_based` or `id_list`. */
  type?: string;
  /** The unit an id list holds (default `userID`). */
  idType?: string;
  /** False: nobody is in it. */
  isEnabled?: boolean;
  /** A rule-based segment's rules. */
  rules?: ConsoleRule[];
  /** An id-list segment's ids. */
  ids?: string[];
}

/** An experiment group. */
export interface ConsoleGroup {
  /** The group's name. */
  name: string;
  /** Percentage of the experiment's users in the group. */
  size?: number;
  /** The parameters the group's users get. */
  parameterValues?: Record<string, unknown>;
  /** The group id, when the service assigned one (salts nothing; names the rule). */
  id?: string;
}

/** An experiment. */
export interface ConsoleExperiment {
  /** The experiment id (the SDK's experiment name). */
  id: string;
  /** The display name. */
  name?: string;
  /** Only `active` experiments assign users. */
  status?: string;
  /** The unit it assigns (default `userID`). */
  idType?: string;
  /** Percentage of eligible users in the experiment (of its layer, in a layer). */
  allocation?: number;
  /** The layer it belongs to. */
  layerID?: string | null;
  /** The gate users must pass to be eligible. */
  targetingGateID?: string | null;
  /** The groups, with their sizes and parameters. */
  groups?: ConsoleGroup[];
  /** The id of the group shipped by a decision (status `decision_made`). */
  launchedGroupID?: string | null;
  /** The shipped group's name, as a program declares it (used when there is no `launchedGroupID`). */
  launchedGroup?: string | null;
}

/** A layer. */
export interface ConsoleLayer {
  /** The layer id (the SDK's layer name). */
  id: string;
  /** The display name. */
  name?: string;
  /** The unit it assigns (default `userID`). */
  idType?: string;
  /** The parameters' default values. */
  parameters?: Record<string, unknown>;
}

/** A holdout. */
export interface ConsoleHoldout {
  /** The holdout id. */
  id: string;
  /** The display name. */
  name?: string;
  /** False: holds nobody back. */
  isEnabled?: boolean;
  /** Percentage of users held back. */
  passPercentage?: number;
  /** The unit it buckets (default `userID`). */
  idType?: string;
  /** Gates its users fail. */
  gateIDs?: string[];
  /** Experiments its users are kept out of. */
  experimentIDs?: string[];
  /** Layers whose experiments its users are kept out of. */
  layerIDs?: string[];
}

/** A whole project: what the translation reads. Entities it does not model are ignored. */
export interface ConsoleProject {
  /** Gates. */
  gates?: ConsoleGate[];
  /** Dynamic configs. */
  dynamicConfigs?: ConsoleDynamicConfig[];
  /** Segments. */
  segments?: ConsoleSegment[];
  /** Experiments. */
  experiments?: ConsoleExperiment[];
  /** Layers. */
  layers?: ConsoleLayer[];
  /** Holdouts. */
  holdouts?: ConsoleHoldout[];
}

/** A condition of the SDK's document (`ConfigCondition` / `Condition`). */
export interface SpecCondition {
  type: string;
  targetValue: unknown;
  operator: string | null;
  field: string | null;
  additionalValues: Record<string, string>;
  idType: string;
}

/** A rule of the v1 document (`ConfigRule`). */
export interface SpecRule {
  name: string;
  id: string;
  salt: string;
  passPercentage: number;
  conditions: SpecCondition[];
  returnValue: unknown;
  idType: string;
  groupName?: string;
  isExperimentGroup?: boolean;
  configDelegate?: string;
}

/** One entity of the v1 document (`ConfigSpec`). */
export interface Spec {
  name: string;
  type: "feature_gate" | "dynamic_config";
  salt: string;
  enabled: boolean;
  defaultValue: unknown;
  rules: SpecRule[];
  idType: string;
  entity: string;
  isActive?: boolean;
  hasSharedParams?: boolean;
  explicitParameters?: string[];
}

/** The v1 `download_config_specs` document (as `SpecStore._process` reads it). */
export interface ConfigSpecsV1 {
  has_updates: true;
  time: number;
  feature_gates: Spec[];
  dynamic_configs: Spec[];
  layer_configs: Spec[];
  layers: Record<string, string[]>;
  id_lists: Record<string, boolean>;
}

/** The translation: the document and the id lists it refers to (plain ids, by list name). */
export interface Translation {
  specs: ConfigSpecsV1;
  idLists: Record<string, string[]>;
}

/** A condition type or operator no server SDK evaluates; names it and where it was found. */
export class UntranslatableError extends Error {
  /** Creates the error. */
  constructor(
    readonly where: string,
    readonly what: string,
  ) {
    super(`${where}: ${what}`);
    this.name = "UntranslatableError";
  }
}

/** Console condition types → SDK condition type and user field (see the table above). */
const USER_FIELDS: Readonly<Record<string, { type: string; field: string | null }>> = {
  email: { type: "user_field", field: "email" },
  ip_address: { type: "user_field", field: "ip" },
  app_version: { type: "user_field", field: "appVersion" },
  locale: { type: "user_field", field: "locale" },
  country: { type: "ip_based", field: "country" },
  browser_name: { type: "ua_based", field: "browser_name" },
  browser_version: { type: "ua_based", field: "browser_version" },
  os_name: { type: "ua_based", field: "os_name" },
  os_version: { type: "ua_based", field: "os_version" },
  environment: { type: "environment_field", field: "tier" },
  environment_tier: { type: "environment_field", field: "tier" },
  time: { type: "current_time", field: null },
  target_app: { type: "target_app", field: null },
};

/** Why a Console condition type cannot be translated. */
const CLIENT_ONLY: Readonly<Record<string, string>> = {
  url: "the page URL is known only to client SDKs",
  javascript: "a JavaScript expression is evaluated only by client SDKs",
  device_model: "the device model is known only to client SDKs",
};

/** The operators both SDK evaluators implement (Evaluator.ts `_evalCondition`, evaluator.rs). */
export const SDK_OPERATORS: ReadonlySet<string> = new Set([
  "any",
  "none",
  "any_case_sensitive",
  "none_case_sensitive",
  "str_starts_with_any",
  "str_ends_with_any",
  "str_contains_any",
  "str_contains_none",
  "str_matches",
  "gt",
  "gte",
  "lt",
  "lte",
  "version_gt",
  "version_gte",
  "version_lt",
  "version_lte",
  "version_eq",
  "version_neq",
  "before",
  "after",
  "on",
  "eq",
  "neq",
  "array_contains_any",
  "array_contains_none",
  "array_contains_all",
  "not_array_contains_all",
  "in_segment_list",
  "not_in_segment_list",
]);

/** Operators the SDKs lack, written as ones they have (see the table above). */
const REWRITTEN_OPERATORS: Readonly<Record<string, { operator: string; targetValue: null }>> = {
  is_null: { operator: "eq", targetValue: null },
  is_not_null: { operator: "neq", targetValue: null },
};

/** The Console condition types the translation accepts. */
export const TRANSLATED_TYPES: readonly string[] = [
  "public",
  "user_id",
  "unit_id",
  "custom_field",
  "passes_gate",
  "fails_gate",
  "passes_segment",
  "fails_segment",
  ...Object.keys(USER_FIELDS),
];

/** The SDK's name of a segment's spec. */
export const segmentSpecName = (id: string): string => `segment:${id}`;
/** The SDK's name of a holdout's spec. */
export const holdoutSpecName = (id: string): string => `holdout:${id}`;

/** The hashed form of an id in an id-list file: sha256, base64, first 8 characters. */
export function hashIdForIdList(id: string): string {
  return createHash("sha256").update(id).digest("base64").slice(0, 8);
}

const cond = (
  type: string,
  operator: string | null,
  targetValue: unknown,
  field: string | null = null,
  idType = "userID",
  additionalValues: Record<string, string> = {},
): SpecCondition => ({ type, targetValue, operator, field, additionalValues, idType });

/**
 * One Console condition as a list of alternatives (any of which passes): several only for a
 * gate/segment condition naming several targets.
 */
function translateCondition(condition: ConsoleCondition, idType: string, where: string): SpecCondition[] {
  let c = condition;
  const type = c?.type;
  if (typeof type !== "string") throw new UntranslatableError(where, "condition has no type");
  if (CLIENT_ONLY[type])
    throw new UntranslatableError(where, `condition type "${type}" cannot be evaluated: ${CLIENT_ONLY[type]}`);
  const refs = {
    passes_gate: "pass_gate",
    fails_gate: "fail_gate",
    passes_segment: "pass_gate",
    fails_segment: "fail_gate",
  };
  if (type in refs) {
    const sdkType = refs[type as keyof typeof refs];
    const targets = Array.isArray(c.targetValue) ? c.targetValue : [c.targetValue];
    if (!targets.length || targets.some((t) => typeof t !== "string" || !t))
      throw new UntranslatableError(where, `condition type "${type}" needs the id of a ${type.split("_")[1]}`);
    const named = (t: string) => (type.endsWith("segment") ? segmentSpecName(t) : t);
    return targets.map((t) => cond(sdkType, null, named(t as string), null, idType));
  }
  if (type === "public") return [cond("public", null, null, null, idType)];
  if (typeof c.operator !== "string" || !c.operator)
    throw new UntranslatableError(where, `condition type "${type}" has no operator`);
  const rewritten = REWRITTEN_OPERATORS[c.operator];
  if (rewritten) c = { ...c, ...rewritten };
  const op = c.operator as string;
  if (!SDK_OPERATORS.has(op))
    throw new UntranslatableError(where, `operator "${op}" is not evaluated by Statsig's server SDKs`);
  if (type === "user_id") return [cond("unit_id", op, c.targetValue, null, "userID")];
  if (type === "unit_id") {
    if (!c.customID) throw new UntranslatableError(where, `condition type "unit_id" needs customID`);
    return [cond("unit_id", op, c.targetValue, null, c.customID)];
  }
  if (type === "custom_field") {
    if (!c.field) throw new UntranslatableError(where, `condition type "custom_field" needs field`);
    return [cond("user_field", op, c.targetValue, c.field, idType)];
  }
  const mapped = USER_FIELDS[type];
  if (!mapped)
    throw new UntranslatableError(where, `condition type "${type}" is not evaluated by Statsig's server SDKs`);
  return [cond(mapped.type, op, c.targetValue, mapped.field, idType)];
}

/** Every combination of one alternative per condition (a rule's conditions are ANDed). */
function product(lists: SpecCondition[][]): SpecCondition[][] {
  return lists.reduce<SpecCondition[][]>((acc, alts) => acc.flatMap((pre) => alts.map((a) => [...pre, a])), [[]]);
}

/** A rule's salt and id: `baseID` survives percentage edits, then `id`, then the name. */
function ruleKey(rule: ConsoleRule, index: number): { id: string; salt: string } {
  const id = rule.id || rule.baseID || rule.name || `rule_${index}`;
  return { id, salt: rule.baseID || id };
}

/**
 * The SDK rules of a Console rule list. A rule whose conditions name several gates/segments becomes
 * one SDK rule per combination (same id, salt and return value, so the first that matches decides
 * exactly as one "any of" condition would).
 */
function translateRules(
  rules: ConsoleRule[] | undefined,
  idType: string,
  where: string,
  returnValueOf: (r: ConsoleRule) => unknown,
): SpecRule[] {
  return (rules ?? []).flatMap((rule, i) => {
    const at = `${where}.rules[${i}]${rule.name ? ` ("${rule.name}")` : ""}`;
    const lists = (rule.conditions ?? []).map((c, j) => translateCondition(c, idType, `${at}.conditions[${j}]`));
    if (Array.isArray(rule.environments) && rule.environments.length)
      lists.push([cond("environment_field", "any", rule.environments, "tier", idType)]);
    const { id, salt } = ruleKey(rule, i);
    return product(lists).map((conditions) => ({
      name: rule.name ?? id,
      id,
      salt,
      passPercentage: rule.passPercentage ?? 100,
      conditions,
      returnValue: returnValueOf(rule),
      idType,
    }));
  });
}

/** The group a decision shipped: status `decision_made` and the group `launchedGroupID` names. */
function shippedGroup(e: ConsoleExperiment): ConsoleGroup | undefined {
  if (e.status !== "decision_made") return undefined;
  const groups = e.groups ?? [];
  if (e.launchedGroupID) return groups.find((g) => g.id === e.launchedGroupID);
  return e.launchedGroup ? groups.find((g) => g.name === e.launchedGroup) : undefined;
}

/** A shipped group of a targeted experiment: users passing the targeting gate get `values`. */
function shippedToGate(gate: string, id: string, values: Record<string, unknown>, idType: string): SpecRule {
  return {
    name: "launchedGroup",
    id,
    salt: id,
    passPercentage: 100,
    conditions: [cond("pass_gate", null, gate, null, idType)],
    returnValue: values,
    idType,
  };
}

/** The leading rule of an entity in enabled holdouts: held-out users get the default. */
function holdoutRules(holdouts: ConsoleHoldout[], idType: string): SpecRule[] {
  return holdouts.map((h) => ({
    name: `holdout ${h.name ?? h.id}`,
    id: holdoutSpecName(h.id),
    salt: holdoutSpecName(h.id),
    passPercentage: 0,
    conditions: [cond("pass_gate", null, holdoutSpecName(h.id), null, idType)],
    returnValue: false,
    idType,
  }));
}

/** Gate overrides as rules before the gate's rules. */
function overrideRules(o: ConsoleOverrides | undefined, idType: string): SpecRule[] {
  const out: SpecRule[] = [];
  (o?.userOverrides ?? []).forEach((u, i) =>
    out.push({
      name: `user override ${u.userID}`,
      id: `override:user:${i}`,
      salt: `override:user:${i}`,
      passPercentage: u.value ? 100 : 0,
      conditions: [cond("unit_id", "any_case_sensitive", [u.userID], null, "userID")],
      returnValue: true,
      idType,
    }),
  );
  (o?.idOverrides ?? []).forEach((x, i) => {
    const unit = x.unitType || x.idType || idType;
    out.push({
      name: `id override ${i}`,
      id: `override:id:${i}`,
      salt: `override:id:${i}`,
      passPercentage: x.value ? 100 : 0,
      conditions: [cond("unit_id", "any_case_sensitive", x.ids ?? [], null, unit)],
      returnValue: true,
      idType,
    });
  });
  return out;
}

/** Group boundaries in a range of `[from, to)` buckets, proportional to the groups' sizes. */
function groupRanges(groups: ConsoleGroup[], from: number, to: number): [number, number][] {
  const total = groups.reduce((s, g) => s + (g.size ?? 0), 0) || 1;
  let acc = 0;
  return groups.map((g, i) => {
    const start = from + Math.round(((to - from) * acc) / total);
    acc += g.size ?? 0;
    const end = i === groups.length - 1 ? to : from + Math.round(((to - from) * acc) / total);
    return [start, end];
  });
}

const bucket = (salt: string, op: string, value: number, idType: string) =>
  cond("user_bucket", op, value, null, idType, { salt });

/** Translates a project. Throws `UntranslatableError` naming the first condition it cannot translate. */
export function translateProject(project: ConsoleProject, now = Date.now()): Translation {
  const gates = project.gates ?? [];
  const configs = project.dynamicConfigs ?? [];
  const segments = project.segments ?? [];
  const experiments = project.experiments ?? [];
  const layers = project.layers ?? [];
  const holdouts = (project.holdouts ?? []).filter((h) => h.isEnabled !== false);
  const holdoutsOf = (key: "gateIDs" | "experimentIDs" | "layerIDs", id: string) =>
    holdouts.filter((h) => (h[key] ?? []).includes(id));

  const featureGates: Spec[] = [];
  const dynamicConfigs: Spec[] = [];
  const layerConfigs: Spec[] = [];
  const layerMembers: Record<string, string[]> = {};
  const idLists: Record<string, string[]> = {};

  for (const g of gates) {
    const idType = g.idType || "userID";
    const where = `gate "${g.id}"`;
    const disabled = g.isEnabled === false || g.status === "disabled";
    const launched = g.status === "launched";
    let rules: SpecRule[] = [];
    if (!disabled) {
      const declared = launched
        ? [
            {
              name: "launched",
              id: "launchedID",
              salt: "launchedID",
              passPercentage: 100,
              conditions: [cond("public", null, null, null, idType)],
              returnValue: true,
              idType,
            },
          ]
        : translateRules(g.rules, idType, where, () => true);
      rules = [
        ...holdoutRules(holdoutsOf("gateIDs", g.id), idType),
        ...overrideRules(g.overrides, idType),
        ...declared,
      ];
    }
    featureGates.push({
      name: g.id,
      type: "feature_gate",
      salt: g.id,
      enabled: !disabled,
      defaultValue: false,
      rules,
      idType,
      entity: "feature_gate",
    });
  }

  for (const s of segments) {
    const idType = s.idType || "userID";
    const name = segmentSpecName(s.id);
    let rules: SpecRule[];
    if (s.type === "id_list") {
      idLists[s.id] = [...(s.ids ?? [])];
      rules = [
        {
          name: "id_list",
          id: `${name}:id_list`,
          salt: `${name}:id_list`,
          passPercentage: 100,
          conditions: [cond("unit_id", "in_segment_list", s.id, null, idType)],
          returnValue: true,
          idType,
        },
      ];
    } else {
      rules = translateRules(s.rules, idType, `segment "${s.id}"`, () => true);
    }
    featureGates.push({
      name,
      type: "feature_gate",
      salt: name,
      enabled: s.isEnabled !== false,
      defaultValue: false,
      rules: s.isEnabled === false ? [] : rules,
      idType,
      entity: "segment",
    });
  }

  for (const h of holdouts) {
    const idType = h.idType || "userID";
    const name = holdoutSpecName(h.id);
    featureGates.push({
      name,
      type: "feature_gate",
      salt: name,
      enabled: true,
      defaultValue: false,
      rules: [
        {
          name: "holdout",
          id: `${name}:holdout`,
          salt: `${name}:holdout`,
          passPercentage: h.passPercentage ?? 0,
          conditions: [cond("public", null, null, null, idType)],
          returnValue: true,
          idType,
        },
      ],
      idType,
      entity: "holdout",
    });
  }

  for (const c of configs) {
    const idType = c.idType || "userID";
    const disabled = c.isEnabled === false;
    const defaultValue = c.defaultValue ?? {};
    dynamicConfigs.push({
      name: c.id,
      type: "dynamic_config",
      salt: c.id,
      enabled: !disabled,
      defaultValue,
      rules: disabled ? [] : translateRules(c.rules, idType, `dynamic config "${c.id}"`, (r) => r.returnValue ?? {}),
      idType,
      entity: "dynamic_config",
    });
  }

  // Each layer's 1000 buckets are shared out among its active experiments, in declaration order.
  const layerRange = new Map<string, [number, number]>();
  const layerCursor = new Map<string, number>();
  const layerById = new Map(layers.map((l) => [l.id, l]));
  for (const e of experiments) {
    if (e.status !== "active" || !e.layerID) continue;
    const start = layerCursor.get(e.layerID) ?? 0;
    const end = Math.min(1000, start + Math.round((e.allocation ?? 100) * 10));
    layerCursor.set(e.layerID, end);
    layerRange.set(e.id, [start, end]);
  }

  // Shipped groups: each decided layer experiment without a targeting gate sets the layer's
  // defaults (in declaration order); a targeted one ships to the users who pass its gate.
  const layerShipped = new Map<string, Record<string, unknown>>();
  const layerTargetedShips = new Map<string, { gate: string; experiment: string; values: Record<string, unknown> }[]>();
  for (const e of experiments) {
    const g = shippedGroup(e);
    if (!g || !e.layerID) continue;
    const values = g.parameterValues ?? {};
    if (e.targetingGateID)
      (layerTargetedShips.get(e.layerID) ?? layerTargetedShips.set(e.layerID, []).get(e.layerID)!).push({
        gate: e.targetingGateID,
        experiment: e.id,
        values,
      });
    else layerShipped.set(e.layerID, { ...layerShipped.get(e.layerID), ...values });
  }
  const layerDefaults = (l: ConsoleLayer | undefined): Record<string, unknown> =>
    l ? { ...(l.parameters ?? {}), ...layerShipped.get(l.id) } : {};

  for (const e of experiments) {
    const idType = e.idType || "userID";
    const active = e.status === "active";
    const layer = e.layerID ? layerById.get(e.layerID) : undefined;
    const layerParams = layerDefaults(layer);
    const groups = e.groups ?? [];
    const rules: SpecRule[] = [];
    const shipped = shippedGroup(e);
    let defaultValue: Record<string, unknown> = { ...layerParams };
    if (shipped && !e.targetingGateID) defaultValue = { ...layerParams, ...(shipped.parameterValues ?? {}) };
    else if (shipped && e.targetingGateID)
      rules.push(
        shippedToGate(
          e.targetingGateID,
          `${e.id}:launched`,
          { ...layerParams, ...(shipped.parameterValues ?? {}) },
          idType,
        ),
      );
    if (active) {
      rules.push(...holdoutRules(holdoutsOf("experimentIDs", e.id), idType));
      if (e.targetingGateID)
        rules.push({
          name: "targetingGate",
          id: "targetingGate",
          salt: "targetingGate",
          passPercentage: 0,
          conditions: [cond("fail_gate", null, e.targetingGateID, null, idType)],
          returnValue: {},
          idType,
        });
      const range = layerRange.get(e.id);
      if (e.layerID && range) {
        rules.push({
          name: "layerAssignment",
          id: "layerAssignment",
          salt: "layerAssignment",
          passPercentage: 0,
          // Outside this experiment's share of the layer: `not (start <= bucket < end)`, written as
          // two rules because conditions are ANDed.
          conditions: [bucket(e.layerID, "lt", range[0], idType)],
          returnValue: {},
          idType,
        });
        rules.push({
          name: "layerAssignment",
          id: "layerAssignment",
          salt: "layerAssignment",
          passPercentage: 0,
          conditions: [bucket(e.layerID, "gte", range[1], idType)],
          returnValue: {},
          idType,
        });
      } else if (!e.layerID) {
        rules.push({
          name: "allocation",
          id: "allocation",
          salt: "allocation",
          passPercentage: 0,
          conditions: [bucket(e.id, "gte", Math.round((e.allocation ?? 100) * 10), idType)],
          returnValue: {},
          idType,
        });
      }
      groupRanges(groups, 0, 1000).forEach(([start, end], i) => {
        const g = groups[i];
        rules.push({
          name: g.name,
          id: g.id || `${e.id}:${g.name}`,
          salt: g.id || `${e.id}:${g.name}`,
          passPercentage: 100,
          conditions: [bucket(`${e.id}.groups`, "gte", start, idType), bucket(`${e.id}.groups`, "lt", end, idType)],
          returnValue: { ...layerParams, ...(g.parameterValues ?? {}) },
          idType,
          groupName: g.name,
          isExperimentGroup: true,
        });
      });
    }
    const explicit = [...new Set(groups.flatMap((g) => Object.keys(g.parameterValues ?? {})))];
    dynamicConfigs.push({
      name: e.id,
      type: "dynamic_config",
      salt: e.id,
      enabled: true,
      defaultValue,
      rules,
      idType,
      entity: "experiment",
      isActive: active,
      hasSharedParams: !!layer,
      explicitParameters: explicit,
    });
    if (e.layerID) (layerMembers[e.layerID] ??= []).push(e.id);
  }

  for (const l of layers) {
    const idType = l.idType || "userID";
    const rules: SpecRule[] = [...holdoutRules(holdoutsOf("layerIDs", l.id), idType)];
    for (const e of experiments) {
      const range = layerRange.get(e.id);
      if (e.layerID !== l.id || !range) continue;
      rules.push({
        name: e.id,
        id: `${l.id}:${e.id}`,
        salt: `${l.id}:${e.id}`,
        passPercentage: 100,
        conditions: [bucket(l.id, "gte", range[0], idType), bucket(l.id, "lt", range[1], idType)],
        returnValue: layerDefaults(l),
        idType,
        configDelegate: e.id,
      });
    }
    // After the running experiments' ranges: a targeted shipped group, for users passing its gate.
    for (const t of layerTargetedShips.get(l.id) ?? [])
      rules.push(
        shippedToGate(t.gate, `${l.id}:${t.experiment}:launched`, { ...layerDefaults(l), ...t.values }, idType),
      );
    layerConfigs.push({
      name: l.id,
      type: "dynamic_config",
      salt: l.id,
      enabled: true,
      defaultValue: layerDefaults(l),
      rules,
      idType,
      entity: "layer",
    });
    layerMembers[l.id] ??= [];
  }

  return {
    specs: {
      has_updates: true,
      time: now,
      feature_gates: featureGates,
      dynamic_configs: dynamicConfigs,
      layer_configs: layerConfigs,
      layers: layerMembers,
      id_lists: Object.fromEntries(Object.keys(idLists).map((k) => [k, true])),
    },
    idLists,
  };
}

/**
 * The v2 document `@statsig/statsig-node-core` asks for (`spec_types.rs` `SpecsResponseFull`):
 * entities keyed by name, each rule naming its conditions by key in `condition_map`, and
 * `experiment_to_layer` instead of `layers`.
 */
export function toV2(v1: ConfigSpecsV1): Record<string, unknown> {
  const conditionMap: Record<string, SpecCondition> = {};
  const keyOf = (c: SpecCondition): string => {
    const key = createHash("sha256").update(JSON.stringify(c)).digest("hex").slice(0, 16);
    conditionMap[key] = c;
    return key;
  };
  const byName = (specs: Spec[]) =>
    Object.fromEntries(
      specs.map((s) => [s.name, { ...s, rules: s.rules.map((r) => ({ ...r, conditions: r.conditions.map(keyOf) })) }]),
    );
  const experimentToLayer: Record<string, string> = {};
  for (const [layer, exps] of Object.entries(v1.layers)) for (const e of exps) experimentToLayer[e] = layer;
  return {
    has_updates: true,
    time: v1.time,
    feature_gates: byName(v1.feature_gates),
    dynamic_configs: byName(v1.dynamic_configs),
    layer_configs: byName(v1.layer_configs),
    condition_map: conditionMap,
    experiment_to_layer: experimentToLayer,
    id_lists: v1.id_lists,
  };
}

/** The text of an id-list file: one `+<hashed id>` line per id. */
export function idListFile(ids: readonly string[]): string {
  return ids.map((id) => `+${hashIdForIdList(id)}\n`).join("");
}
