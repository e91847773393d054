/**
 * The emulator's route table: every endpoint it serves, in one list a reader can scan (also served
 * as `GET /__emulator/routes`). Paths are relative to `/console/v1`. Rows with a seed operationId
 * are the seed spec's operations (their request bodies are validated against the spec, and
 * `compileRoutes` refuses to start when a spec operation has no row); rows named `published:...`
 * are endpoints of Statsig's published API that the seed lacks but full CRUD needs.
 * `HEAD` is served by every `GET` row.
 */
import { autotunes } from "./handlers/autotunes";
import { catalog } from "./handlers/catalog";
import { dynamicConfigs } from "./handlers/dynamic_configs";
import { experiments } from "./handlers/experiments";
import { gates } from "./handlers/gates";
import { holdouts } from "./handlers/holdouts";
import { layers } from "./handlers/layers";
import { segments } from "./handlers/segments";
import { tags } from "./handlers/tags";
import { JsonSchema } from "./spec";
import { Handler, Route } from "./types";

const row = (method: string, path: string, operationId: string, handler: Handler, body?: JsonSchema): Route => ({
  method,
  path,
  operationId,
  handler,
  body,
});

/** The route table; `apiKey` is needed only to list it, masked, under `GET /keys`. */
export function routeTable(apiKey: string): Route[] {
  const ro = catalog(apiKey);
  return [
    // Feature gates (seed).
    row("GET", "/gates", "listGates", gates.list),
    row("POST", "/gates", "createGate", gates.create),
    row("GET", "/gates/{id}", "getGate", gates.get),
    row("PATCH", "/gates/{id}", "partiallyUpdateGate", gates.update),
    row("DELETE", "/gates/{id}", "deleteGate", gates.delete),
    row("PUT", "/gates/{id}/enable", "enableGate", gates.enable),
    row("PUT", "/gates/{id}/disable", "disableGate", gates.disable),
    row("PUT", "/gates/{id}/launch", "launchGate", gates.launch),
    row("PUT", "/gates/{id}/archive", "archiveGate", gates.archive),
    row("PUT", "/gates/{id}/unarchive", "published:unarchive_gate", gates.unarchive),
    row("GET", "/gates/{id}/rules", "listGateRules", gates.listRules),
    row("POST", "/gates/{id}/rules", "addGateRule", gates.addRule),
    row("PUT", "/gates/{id}/rules", "updateGateRules", gates.updateRules),
    row("DELETE", "/gates/{id}/rules/{ruleID}", "deleteGateRule", gates.deleteRule),
    row("GET", "/gates/{id}/overrides", "getGateOverrides", gates.getOverrides),
    row("POST", "/gates/{id}/overrides", "addGateOverrides", gates.addOverrides),
    row("PUT", "/gates/{id}/overrides", "updateGateOverrides", gates.updateOverrides),
    row("DELETE", "/gates/{id}/overrides", "deleteGateOverrides", gates.deleteOverrides),
    // Who refers to a gate (published), asked before the provider deletes one.
    row("GET", "/gates/{id}/gate_references", "published:list_gate_references", gates.gateReferences),
    row(
      "GET",
      "/gates/{id}/experiment_references",
      "published:list_gate_experiment_references",
      gates.experimentReferences,
    ),
    row(
      "GET",
      "/gates/{id}/dynamic_config_references",
      "published:list_gate_dynamic_config_references",
      gates.dynamicConfigReferences,
    ),

    // Dynamic configs (seed; `rules` in PATCH follows the published API).
    row("GET", "/dynamic_configs", "listDynamicConfigs", dynamicConfigs.list),
    row("POST", "/dynamic_configs", "createDynamicConfig", dynamicConfigs.create),
    row("GET", "/dynamic_configs/{id}", "getDynamicConfig", dynamicConfigs.get),
    row("PATCH", "/dynamic_configs/{id}", "partiallyUpdateDynamicConfig", dynamicConfigs.update),
    row("DELETE", "/dynamic_configs/{id}", "deleteDynamicConfig", dynamicConfigs.delete),
    row("GET", "/dynamic_configs/{id}/rules", "getDynamicConfigRules", dynamicConfigs.listRules),
    row("PUT", "/dynamic_configs/{id}/enable", "published:enable_dynamic_config", dynamicConfigs.enable),
    row("PUT", "/dynamic_configs/{id}/disable", "published:disable_dynamic_config", dynamicConfigs.disable),
    row("PUT", "/dynamic_configs/{id}/archive", "published:archive_dynamic_config", dynamicConfigs.archive),
    row("PUT", "/dynamic_configs/{id}/unarchive", "published:unarchive_dynamic_config", dynamicConfigs.unarchive),

    // Experiments (seed; `groups` and `targetingGateID` in PATCH follow the published API).
    row("GET", "/experiments", "listExperiments", experiments.list),
    row("POST", "/experiments", "createExperiment", experiments.create),
    row("GET", "/experiments/{id}", "getExperiment", experiments.get),
    row("PATCH", "/experiments/{id}", "partiallyUpdateExperiment", experiments.update),
    row("DELETE", "/experiments/{id}", "deleteExperiment", experiments.delete),
    row("PUT", "/experiments/{id}/start", "startExperiment", experiments.start),
    row("PUT", "/experiments/{id}/reset", "resetExperiment", experiments.reset),
    row(
      "PUT",
      "/experiments/{id}/make_decision",
      "published:make_experiment_decision",
      experiments.makeDecision,
      experiments.decisionBody,
    ),
    row(
      "PUT",
      "/experiments/{id}/abandon",
      "published:abandon_experiment",
      experiments.abandon,
      experiments.abandonBody,
    ),
    row("PUT", "/experiments/{id}/archive", "published:archive_experiment", experiments.archive),
    row("PUT", "/experiments/{id}/unarchive", "published:unarchive_experiment", experiments.unarchive),
    row("GET", "/experiments/{id}/overrides", "published:get_experiment_overrides", experiments.getOverrides),
    row(
      "POST",
      "/experiments/{id}/overrides",
      "published:update_experiment_overrides",
      experiments.setOverrides,
      experiments.overridesBody,
    ),
    row(
      "PATCH",
      "/experiments/{id}/overrides",
      "published:add_experiment_overrides",
      experiments.addOverrides,
      experiments.overridesBody,
    ),
    row("DELETE", "/experiments/{id}/overrides", "published:delete_experiment_overrides", experiments.deleteOverrides),

    // Segments (seed), id lists and rules (published).
    row("GET", "/segments", "listSegments", segments.list),
    row("POST", "/segments", "createSegment", segments.create),
    row("GET", "/segments/{id}", "getSegment", segments.get),
    row("PATCH", "/segments/{id}", "partiallyUpdateSegment", segments.update),
    row("DELETE", "/segments/{id}", "deleteSegment", segments.delete),
    row("GET", "/segments/{id}/id_list", "published:get_segment_id_list", segments.getIdList),
    row(
      "POST",
      "/segments/{id}/id_list/reset",
      "published:reset_segment_id_list",
      segments.resetIdList,
      segments.idsBody,
    ),
    row("PATCH", "/segments/{id}/add_ids", "published:add_segment_ids", segments.addIds, segments.idsBody),
    row("PATCH", "/segments/{id}/remove_ids", "published:remove_segment_ids", segments.removeIds, segments.idsBody),
    row("POST", "/segments/{id}/conditional", "published:set_segment_rules", segments.setRules, segments.rulesBody),

    // Layers (seed), PATCH (published).
    row("GET", "/layers", "listLayers", layers.list),
    row("POST", "/layers", "createLayer", layers.create),
    row("GET", "/layers/{id}", "getLayer", layers.get),
    row("DELETE", "/layers/{id}", "deleteLayer", layers.delete),
    row("GET", "/layers/{id}/experiments", "listLayerExperiments", layers.listExperiments),
    row("PATCH", "/layers/{id}", "published:update_layer", layers.update, layers.patchBody),
    row("GET", "/layers/{id}/overrides", "published:get_layer_overrides", layers.getOverrides),
    row(
      "POST",
      "/layers/{id}/overrides",
      "published:update_layer_overrides",
      layers.setOverrides,
      layers.overridesBody,
    ),
    row(
      "PATCH",
      "/layers/{id}/overrides",
      "published:add_layer_overrides",
      layers.addOverrides,
      layers.overridesPatchBody,
    ),
    row("DELETE", "/layers/{id}/overrides", "published:delete_layer_overrides", layers.deleteOverrides),

    // Holdouts (seed: list, create; published: by id).
    row("GET", "/holdouts", "listHoldouts", holdouts.list),
    row("POST", "/holdouts", "createHoldout", holdouts.create),
    row("GET", "/holdouts/{id}", "published:get_holdout", holdouts.get),
    row("PATCH", "/holdouts/{id}", "published:update_holdout", holdouts.update, holdouts.patchBody),
    row("DELETE", "/holdouts/{id}", "published:delete_holdout", holdouts.delete),
    row("GET", "/holdouts/{id}/overrides", "published:get_holdout_overrides", holdouts.getOverrides),
    row(
      "POST",
      "/holdouts/{id}/overrides",
      "published:update_holdout_overrides",
      holdouts.setOverrides,
      holdouts.overridesBody,
    ),
    row(
      "PATCH",
      "/holdouts/{id}/overrides",
      "published:add_holdout_overrides",
      holdouts.addOverrides,
      holdouts.overridesBody,
    ),
    row("DELETE", "/holdouts/{id}/overrides", "published:delete_holdout_overrides", holdouts.deleteOverrides),

    // Autotunes (seed: list, create; published: by id).
    row("GET", "/autotunes", "listAutotunes", autotunes.list),
    row("POST", "/autotunes", "createAutotune", autotunes.create),
    row("GET", "/autotunes/{id}", "published:get_autotune", autotunes.get),
    row("PATCH", "/autotunes/{id}", "published:update_autotune", autotunes.update, autotunes.patchBody),
    row("DELETE", "/autotunes/{id}", "published:delete_autotune", autotunes.delete),
    row("PUT", "/autotunes/{id}/start", "published:start_autotune", autotunes.start),
    row(
      "PUT",
      "/autotunes/{id}/make_decision",
      "published:make_autotune_decision",
      autotunes.makeDecision,
      autotunes.decisionBody,
    ),
    row("PUT", "/autotunes/{id}/reset", "published:reset_autotune", autotunes.reset),

    // Tags (seed: list, create; published: by id).
    row("GET", "/tags", "listTags", tags.list),
    row("POST", "/tags", "createTag", tags.create),
    row("GET", "/tags/{id}", "published:get_tag", tags.get),
    row("PATCH", "/tags/{id}", "published:update_tag", tags.update, tags.patchBody),
    row("DELETE", "/tags/{id}", "published:delete_tag", tags.delete),

    // Read-only catalogues (seed).
    row("GET", "/metrics", "listMetrics", ro.listMetrics),
    row("GET", "/metrics/{id}", "getMetric", ro.getMetric),
    row("GET", "/keys", "listKeys", ro.listKeys),
    row("GET", "/users", "listUsers", ro.listUsers),
    row("GET", "/target_apps", "listTargetApps", ro.listTargetApps),
    row("GET", "/audit_logs", "listAuditLogs", ro.listAuditLogs),
  ];
}
