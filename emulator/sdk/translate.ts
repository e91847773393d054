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
import type { ConsoleProject } from "./console";
import type { Spec, Translation } from "./document";
import { configSpec, gateSpec, holdoutSpec, HoldoutsOf, segmentSpec } from "./entities";
import { experimentSpec, layerSpec, planLayers } from "./experiments";

// The translation's parts live in their own modules (console.ts: what it reads; document.ts: what it
// writes; conditions.ts, rules.ts, entities.ts, experiments.ts: how). This module stays the one
// import path for the emulator, `simulate` and `pulumi-statsig/testing`.
export type {
  ConsoleCondition,
  ConsoleDynamicConfig,
  ConsoleExperiment,
  ConsoleGate,
  ConsoleGroup,
  ConsoleHoldout,
  ConsoleIdOverride,
  ConsoleLayer,
  ConsoleOverrides,
  ConsoleProject,
  ConsoleRule,
  ConsoleSegment,
  ConsoleUserOverride,
} from "./console";
export type { ConfigSpecsV1, Spec, SpecCondition, SpecRule, Translation } from "./document";
export { hashIdForIdList, holdoutSpecName, idListFile, segmentSpecName, toV2 } from "./document";
export { SDK_OPERATORS, TRANSLATED_TYPES, UntranslatableError } from "./conditions";

/** Which experiments each layer holds, in declaration order; every layer has an entry. */
function layerMembers(project: ConsoleProject): Record<string, string[]> {
  const members: Record<string, string[]> = {};
  for (const e of project.experiments ?? []) if (e.layerID) (members[e.layerID] ??= []).push(e.id);
  for (const l of project.layers ?? []) members[l.id] ??= [];
  return members;
}

/** Translates a project. Throws `UntranslatableError` naming the first condition it cannot translate. */
export function translateProject(project: ConsoleProject, now = Date.now()): Translation {
  const experiments = project.experiments ?? [];
  const layers = project.layers ?? [];
  const holdouts = (project.holdouts ?? []).filter((h) => h.isEnabled !== false);
  const holdoutsOf: HoldoutsOf = (key, id) => holdouts.filter((h) => (h[key] ?? []).includes(id));
  const segments = project.segments ?? [];
  const featureGates: Spec[] = [
    ...(project.gates ?? []).map((g) => gateSpec(g, holdoutsOf)),
    ...segments.map(segmentSpec),
    ...holdouts.map(holdoutSpec),
  ];
  const plan = planLayers(experiments, layers);
  const dynamicConfigs: Spec[] = [
    ...(project.dynamicConfigs ?? []).map(configSpec),
    ...experiments.map((e) => experimentSpec(e, plan, holdoutsOf)),
  ];
  const layerConfigs = layers.map((l) => layerSpec(l, experiments, plan, holdoutsOf));
  const idLists: Record<string, string[]> = {};
  for (const s of segments) if (s.type === "id_list") idLists[s.id] = [...(s.ids ?? [])];
  return {
    specs: {
      has_updates: true,
      time: now,
      feature_gates: featureGates,
      dynamic_configs: dynamicConfigs,
      layer_configs: layerConfigs,
      layers: layerMembers(project),
      id_lists: Object.fromEntries(Object.keys(idLists).map((k) => [k, true])),
    },
    idLists,
  };
}
