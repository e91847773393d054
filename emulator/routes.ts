/**
 * The emulator's route table: every endpoint it serves, in one list a reader can scan (also served
 * as `GET /__emulator/routes`). Paths are relative to `/console/v1`. Rows with a seed operationId
 * are the seed spec's operations (their request bodies are validated against the spec, and
 * `compileRoutes` refuses to start when a spec operation has no row); rows named `published:...`
 * are endpoints of Statsig's published API that the seed lacks but full CRUD needs.
 * `HEAD` is served by every `GET` row. Mutations are `write` rows, whose third column is the audit
 * log's action for the mutation.
 */
import { autotunes } from "./handlers/autotunes";
import { catalog } from "./handlers/catalog";
import { dynamicConfigs } from "./handlers/dynamic_configs";
import { experiments } from "./handlers/experiments";
import { gates } from "./handlers/gates";
import { holdouts } from "./handlers/holdouts";
import { layers } from "./handlers/layers";
import { OverridesHandlers } from "./handlers/overrides";
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

/** A mutation's row: its audit action is the column after the path. */
const write = (
  method: string,
  path: string,
  audit: string,
  operationId: string,
  handler: Handler,
  body?: JsonSchema,
): Route => ({ ...row(method, path, operationId, handler, body), audit });

/**
 * The four rows of a kind's published `/{collection}/{id}/overrides` (handlers/overrides.ts): `GET`
 * reads, `POST` replaces (`published:update_<noun>_overrides`), `PATCH` adds (with its own body
 * schema where the published DTO differs), `DELETE` empties.
 */
const overridesRows = (
  collection: string,
  noun: string,
  h: OverridesHandlers & { overridesBody: JsonSchema; overridesPatchBody?: JsonSchema },
): Route[] => {
  const path = `/${collection}/{id}/overrides`;
  return [
    row("GET", path, `published:get_${noun}_overrides`, h.getOverrides),
    write("POST", path, "overrides.update", `published:update_${noun}_overrides`, h.setOverrides, h.overridesBody),
    write(
      "PATCH",
      path,
      "overrides.add",
      `published:add_${noun}_overrides`,
      h.addOverrides,
      h.overridesPatchBody ?? h.overridesBody,
    ),
    write("DELETE", path, "overrides.delete", `published:delete_${noun}_overrides`, h.deleteOverrides),
  ];
};

/** The route table; `apiKey` is needed only to list it, masked, under `GET /keys`. */
export function routeTable(apiKey: string): Route[] {
  const ro = catalog(apiKey);
  return [
    // Feature gates (seed).
    row("GET", "/gates", "listGates", gates.list),
    write("POST", "/gates", "create", "createGate", gates.create),
    row("GET", "/gates/{id}", "getGate", gates.get),
    write("PATCH", "/gates/{id}", "update", "partiallyUpdateGate", gates.update),
    write("DELETE", "/gates/{id}", "delete", "deleteGate", gates.delete),
    write("PUT", "/gates/{id}/enable", "enable", "enableGate", gates.enable),
    write("PUT", "/gates/{id}/disable", "disable", "disableGate", gates.disable),
    write("PUT", "/gates/{id}/launch", "launch", "launchGate", gates.launch),
    write("PUT", "/gates/{id}/archive", "archive", "archiveGate", gates.archive),
    write("PUT", "/gates/{id}/unarchive", "unarchive", "published:unarchive_gate", gates.unarchive),
    row("GET", "/gates/{id}/rules", "listGateRules", gates.listRules),
    write("POST", "/gates/{id}/rules", "rules.add", "addGateRule", gates.addRule),
    write("PUT", "/gates/{id}/rules", "rules.update", "updateGateRules", gates.updateRules),
    write("DELETE", "/gates/{id}/rules/{ruleID}", "rules.delete", "deleteGateRule", gates.deleteRule),
    row("GET", "/gates/{id}/overrides", "getGateOverrides", gates.getOverrides),
    write("POST", "/gates/{id}/overrides", "overrides.add", "addGateOverrides", gates.addOverrides),
    write("PUT", "/gates/{id}/overrides", "overrides.update", "updateGateOverrides", gates.updateOverrides),
    write("DELETE", "/gates/{id}/overrides", "overrides.delete", "deleteGateOverrides", gates.deleteOverrides),
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
    write("POST", "/dynamic_configs", "create", "createDynamicConfig", dynamicConfigs.create),
    row("GET", "/dynamic_configs/{id}", "getDynamicConfig", dynamicConfigs.get),
    write("PATCH", "/dynamic_configs/{id}", "update", "partiallyUpdateDynamicConfig", dynamicConfigs.update),
    write("DELETE", "/dynamic_configs/{id}", "delete", "deleteDynamicConfig", dynamicConfigs.delete),
    row("GET", "/dynamic_configs/{id}/rules", "getDynamicConfigRules", dynamicConfigs.listRules),
    write("PUT", "/dynamic_configs/{id}/enable", "enable", "published:enable_dynamic_config", dynamicConfigs.enable),
    write(
      "PUT",
      "/dynamic_configs/{id}/disable",
      "disable",
      "published:disable_dynamic_config",
      dynamicConfigs.disable,
    ),
    write(
      "PUT",
      "/dynamic_configs/{id}/archive",
      "archive",
      "published:archive_dynamic_config",
      dynamicConfigs.archive,
    ),
    write(
      "PUT",
      "/dynamic_configs/{id}/unarchive",
      "unarchive",
      "published:unarchive_dynamic_config",
      dynamicConfigs.unarchive,
    ),

    // Experiments (seed; `groups` and `targetingGateID` in PATCH follow the published API).
    row("GET", "/experiments", "listExperiments", experiments.list),
    write("POST", "/experiments", "create", "createExperiment", experiments.create),
    row("GET", "/experiments/{id}", "getExperiment", experiments.get),
    write("PATCH", "/experiments/{id}", "update", "partiallyUpdateExperiment", experiments.update),
    write("DELETE", "/experiments/{id}", "delete", "deleteExperiment", experiments.delete),
    write("PUT", "/experiments/{id}/start", "start", "startExperiment", experiments.start),
    write("PUT", "/experiments/{id}/reset", "reset", "resetExperiment", experiments.reset),
    write(
      "PUT",
      "/experiments/{id}/make_decision",
      "make_decision",
      "published:make_experiment_decision",
      experiments.makeDecision,
      experiments.decisionBody,
    ),
    write(
      "PUT",
      "/experiments/{id}/abandon",
      "abandon",
      "published:abandon_experiment",
      experiments.abandon,
      experiments.abandonBody,
    ),
    write("PUT", "/experiments/{id}/archive", "archive", "published:archive_experiment", experiments.archive),
    write("PUT", "/experiments/{id}/unarchive", "unarchive", "published:unarchive_experiment", experiments.unarchive),
    ...overridesRows("experiments", "experiment", experiments),

    // Segments (seed), id lists and rules (published).
    row("GET", "/segments", "listSegments", segments.list),
    write("POST", "/segments", "create", "createSegment", segments.create),
    row("GET", "/segments/{id}", "getSegment", segments.get),
    write("PATCH", "/segments/{id}", "update", "partiallyUpdateSegment", segments.update),
    write("DELETE", "/segments/{id}", "delete", "deleteSegment", segments.delete),
    row("GET", "/segments/{id}/id_list", "published:get_segment_id_list", segments.getIdList),
    write(
      "POST",
      "/segments/{id}/id_list/reset",
      "id_list.reset",
      "published:reset_segment_id_list",
      segments.resetIdList,
      segments.idsBody,
    ),
    write("PATCH", "/segments/{id}/add_ids", "add_ids", "published:add_segment_ids", segments.addIds, segments.idsBody),
    write(
      "PATCH",
      "/segments/{id}/remove_ids",
      "remove_ids",
      "published:remove_segment_ids",
      segments.removeIds,
      segments.idsBody,
    ),
    write(
      "POST",
      "/segments/{id}/conditional",
      "conditional",
      "published:set_segment_rules",
      segments.setRules,
      segments.rulesBody,
    ),

    // Layers (seed), PATCH (published).
    row("GET", "/layers", "listLayers", layers.list),
    write("POST", "/layers", "create", "createLayer", layers.create),
    row("GET", "/layers/{id}", "getLayer", layers.get),
    write("DELETE", "/layers/{id}", "delete", "deleteLayer", layers.delete),
    row("GET", "/layers/{id}/experiments", "listLayerExperiments", layers.listExperiments),
    write("PATCH", "/layers/{id}", "update", "published:update_layer", layers.update, layers.patchBody),
    ...overridesRows("layers", "layer", layers),

    // Holdouts (seed: list, create; published: by id).
    row("GET", "/holdouts", "listHoldouts", holdouts.list),
    write("POST", "/holdouts", "create", "createHoldout", holdouts.create),
    row("GET", "/holdouts/{id}", "published:get_holdout", holdouts.get),
    write("PATCH", "/holdouts/{id}", "update", "published:update_holdout", holdouts.update, holdouts.patchBody),
    write("DELETE", "/holdouts/{id}", "delete", "published:delete_holdout", holdouts.delete),
    ...overridesRows("holdouts", "holdout", holdouts),

    // Autotunes (seed: list, create; published: by id).
    row("GET", "/autotunes", "listAutotunes", autotunes.list),
    write("POST", "/autotunes", "create", "createAutotune", autotunes.create),
    row("GET", "/autotunes/{id}", "published:get_autotune", autotunes.get),
    write("PATCH", "/autotunes/{id}", "update", "published:update_autotune", autotunes.update, autotunes.patchBody),
    write("DELETE", "/autotunes/{id}", "delete", "published:delete_autotune", autotunes.delete),
    write("PUT", "/autotunes/{id}/start", "start", "published:start_autotune", autotunes.start),
    write(
      "PUT",
      "/autotunes/{id}/make_decision",
      "make_decision",
      "published:make_autotune_decision",
      autotunes.makeDecision,
      autotunes.decisionBody,
    ),
    write("PUT", "/autotunes/{id}/reset", "reset", "published:reset_autotune", autotunes.reset),

    // Tags (seed: list, create; published: by id).
    row("GET", "/tags", "listTags", tags.list),
    write("POST", "/tags", "create", "createTag", tags.create),
    row("GET", "/tags/{id}", "published:get_tag", tags.get),
    write("PATCH", "/tags/{id}", "update", "published:update_tag", tags.update, tags.patchBody),
    write("DELETE", "/tags/{id}", "delete", "published:delete_tag", tags.delete),

    // Read-only catalogues (seed).
    row("GET", "/metrics", "listMetrics", ro.listMetrics),
    row("GET", "/metrics/{id}", "getMetric", ro.getMetric),
    row("GET", "/keys", "listKeys", ro.listKeys),
    row("GET", "/users", "listUsers", ro.listUsers),
    row("GET", "/target_apps", "listTargetApps", ro.listTargetApps),
    row("GET", "/audit_logs", "listAuditLogs", ro.listAuditLogs),
  ];
}
