/**
 * Every entity but gates, described for the CRUD factory, plus their special endpoints:
 * experiment start/reset, layer experiments, segment id lists and conditional rules, dynamic config
 * rules. Where the seed lacks an endpoint that full CRUD needs, the published API's is followed
 * (holdouts, tags and autotunes by id; layer PATCH; `rules` in dynamic config PATCH; segment id
 * lists, at most 1000 ids per call).
 */
import { ajvIssues, compile, schemaRef } from "../../provider/spec";
import { Entity, Store } from "../state";
import { HttpError, RouteDef, RouteGroup } from "../types";
import { assignRuleIds, mustGet, touch } from "./common";
import { crudRoutes } from "./crud";

/** At most this many ids per id-list call, as on the real service. */
export const ID_LIST_CHUNK = 1000;

function validateRulesShape(rules: unknown): void {
  if (rules === undefined) return;
  const v = compile("emulator:rules", { type: "array", items: schemaRef("Rule") });
  if (!v(rules)) {
    const i = ajvIssues(v.errors, "rules")[0];
    throw new HttpError(400, `${i.property}: ${i.reason}`);
  }
}

function mustExist(store: Store, collection: string, id: unknown, field: string): void {
  if (id === undefined || id === null || id === "") return;
  if (typeof id !== "string" || !store.get(collection, id))
    throw new HttpError(400, `${field}: ${collection.replace(/s$/, "")} ${JSON.stringify(id)} does not exist`);
}

const dynamicConfigs = crudRoutes({
  collection: "dynamic_configs",
  seedOps: {
    list: "listDynamicConfigs",
    create: "createDynamicConfig",
    get: "getDynamicConfig",
    update: "partiallyUpdateDynamicConfig",
    delete: "deleteDynamicConfig",
  },
  createDefaults: { description: "", isEnabled: true, defaultValue: {}, rules: [], tags: [] },
  // The published API accepts `rules` in PATCH; the seed's update schema lacks it.
  updatable: ["description", "isEnabled", "defaultValue", "tags", "rules"],
  normalize(store, next, prev) {
    validateRulesShape(next.rules);
    next.rules = assignRuleIds(store, next.rules, prev?.rules);
  },
});
dynamicConfigs.handlers.getDynamicConfigRules = (ctx) => {
  const e = mustGet(ctx.store, "dynamic_configs", ctx.params.id);
  return { items: (e.rules as unknown[]) ?? [] };
};

const segments = crudRoutes({
  collection: "segments",
  seedOps: {
    list: "listSegments",
    create: "createSegment",
    get: "getSegment",
    update: "partiallyUpdateSegment",
    delete: "deleteSegment",
  },
  createDefaults: { description: "", type: "rule_based", rules: [], tags: [] },
  updatable: ["description", "rules", "tags", "type"],
  timestamps: { created: true, modified: false },
  validate(_store, next, prev) {
    if (next.type !== "rule_based" && next.type !== "id_list")
      throw new HttpError(400, `type: must be "rule_based" or "id_list"`);
    if (prev && prev.type !== next.type) throw new HttpError(400, "type: cannot change once the segment exists");
    if (next.type === "id_list" && Array.isArray(next.rules) && next.rules.length)
      throw new HttpError(400, "rules: an id_list segment has no rules");
  },
  normalize(store, next, prev) {
    next.rules = assignRuleIds(store, next.rules, prev?.rules);
  },
});

function idList(store: Store, id: string): string[] {
  return store.extra<string[]>("id_list", "segments", id) ?? [];
}
function idListSegment(store: Store, id: string): Entity {
  const seg = mustGet(store, "segments", id);
  if (seg.type !== "id_list") throw new HttpError(400, `segment ${JSON.stringify(id)} is not an id_list segment`);
  return seg;
}
function idsBody(body: unknown): string[] {
  const ids = (body as { ids?: unknown })?.ids;
  if (!Array.isArray(ids) || ids.some((x) => typeof x !== "string"))
    throw new HttpError(400, "ids: must be an array of strings");
  if (ids.length > ID_LIST_CHUNK) throw new HttpError(400, `ids: at most ${ID_LIST_CHUNK} ids per request`);
  return ids as string[];
}
/** An id-list mutation route: `change(current, given)` is the new list; `echo` returns the ids too. */
function idListRoute(
  method: string,
  template: string,
  operationId: string,
  change: (current: string[], given: string[]) => string[],
  echo = false,
): RouteDef {
  return {
    method,
    template,
    operationId,
    bodySchema: idsSchema,
    handler: (ctx) => {
      const seg = idListSegment(ctx.store, ctx.params.id);
      const ids = change(idList(ctx.store, seg.id), idsBody(ctx.body));
      ctx.store.setExtra("id_list", "segments", seg.id, ids);
      return { body: echo ? { ids, count: ids.length } : { count: ids.length } };
    },
  };
}
const idsSchema = {
  type: "object",
  required: ["ids"],
  properties: { ids: { type: "array", items: { type: "string" } } },
};
segments.extra!.push(
  {
    method: "GET",
    template: "/segments/{id}/id_list",
    operationId: "published:get_segment_id_list",
    handler: (ctx) => {
      idListSegment(ctx.store, ctx.params.id);
      const ids = idList(ctx.store, ctx.params.id);
      return { body: { ids, count: ids.length } };
    },
  },
  idListRoute(
    "POST",
    "/segments/{id}/id_list/reset",
    "published:reset_segment_id_list",
    (_cur, given) => [...new Set(given)],
    true,
  ),
  idListRoute("PATCH", "/segments/{id}/add_ids", "published:add_segment_ids", (cur, given) => [
    ...new Set([...cur, ...given]),
  ]),
  idListRoute("PATCH", "/segments/{id}/remove_ids", "published:remove_segment_ids", (cur, given) => {
    const remove = new Set(given);
    return cur.filter((x) => !remove.has(x));
  }),
  {
    method: "POST",
    template: "/segments/{id}/conditional",
    operationId: "published:set_segment_rules",
    bodySchema: { type: "array", items: schemaRef("Rule") },
    handler: (ctx) => {
      const seg = mustGet(ctx.store, "segments", ctx.params.id);
      if (seg.type !== "rule_based") throw new HttpError(400, "rules: only rule_based segments have rules");
      seg.rules = assignRuleIds(ctx.store, ctx.body, seg.rules);
      return { body: seg };
    },
  },
);

const tags = crudRoutes({
  collection: "tags",
  seedOps: { list: "listTags", create: "createTag" },
  publishedById: { get: true, patch: true, delete: true },
  patchSchemaFrom: "TagCreate",
  createDefaults: { description: "", color: "" },
  updatable: ["description", "color"],
  publishedCreateStatus: 200,
  timestamps: { created: false, modified: false },
});

const experiments = crudRoutes({
  collection: "experiments",
  seedOps: {
    list: "listExperiments",
    create: "createExperiment",
    get: "getExperiment",
    update: "partiallyUpdateExperiment",
    delete: "deleteExperiment",
  },
  nameRules: "experiment",
  createDefaults: {
    description: "",
    hypothesis: "",
    status: "setup",
    groups: [],
    allocation: 100,
    layerID: undefined,
    targetingGateID: undefined,
    tags: [],
  },
  // The published API also accepts groups and targetingGateID in PATCH (not once started).
  updatable: ["description", "hypothesis", "allocation", "tags", "groups", "targetingGateID"],
  validate(store, next, prev) {
    mustExist(store, "layers", next.layerID, "layerID");
    mustExist(store, "gates", next.targetingGateID, "targetingGateID");
    if (prev && prev.status !== "setup" && JSON.stringify(prev.groups) !== JSON.stringify(next.groups))
      throw new HttpError(400, `groups: cannot change once the experiment has started (status ${prev.status})`);
    const groups = (next.groups as { size?: number }[]) ?? [];
    const total = groups.reduce((s, g) => s + (g.size ?? 0), 0);
    if (groups.length && Math.abs(total - 100) > 1e-9)
      throw new HttpError(400, `groups: sizes must sum to 100 (got ${total})`);
  },
});
experiments.handlers.startExperiment = (ctx) => {
  const e = mustGet(ctx.store, "experiments", ctx.params.id);
  if (e.status !== "setup")
    throw new HttpError(400, `experiment is ${e.status}; only an experiment in setup can start`);
  if (!Array.isArray(e.groups) || e.groups.length < 2)
    throw new HttpError(400, "groups: an experiment needs at least two groups to start");
  e.status = "active";
  touch(ctx.store, e);
  return { body: e, message: "Experiment started" };
};
experiments.handlers.resetExperiment = (ctx) => {
  const e = mustGet(ctx.store, "experiments", ctx.params.id);
  e.status = "setup";
  touch(ctx.store, e);
  return { body: e, message: "Experiment reset" };
};

const layers = crudRoutes({
  collection: "layers",
  seedOps: { list: "listLayers", create: "createLayer", get: "getLayer" },
  publishedById: { patch: true },
  patchSchemaFrom: "LayerCreate",
  createDefaults: { description: "", parameters: {} },
  updatable: ["description", "parameters"],
  timestamps: { created: true, modified: false },
});
function layerExperiments(store: Store, id: string): string[] {
  return store
    .list("experiments")
    .filter((e) => e.layerID === id)
    .map((e) => e.id);
}
// A layer reports its experiments; it cannot be deleted while experiments are in it.
layers.handlers.getLayer = (ctx) => {
  const l = mustGet(ctx.store, "layers", ctx.params.id);
  return { body: { ...l, experiments: layerExperiments(ctx.store, l.id) } };
};
layers.handlers.listLayerExperiments = (ctx) => {
  mustGet(ctx.store, "layers", ctx.params.id);
  const list = ctx.store.list("experiments").filter((e) => e.layerID === ctx.params.id);
  return { items: list };
};
layers.handlers.deleteLayer = (ctx) => {
  mustGet(ctx.store, "layers", ctx.params.id);
  const inUse = layerExperiments(ctx.store, ctx.params.id);
  if (inUse.length) throw new HttpError(400, `layer still has experiments: ${inUse.join(", ")}`);
  ctx.store.remove("layers", ctx.params.id);
  return { body: { message: "Layer deleted" }, raw: true };
};

const holdouts = crudRoutes({
  collection: "holdouts",
  seedOps: { list: "listHoldouts", create: "createHoldout" },
  publishedById: { get: true, patch: true, delete: true },
  patchSchemaFrom: "HoldoutCreate",
  patchExtraFields: { isEnabled: { type: "boolean" } },
  createDefaults: { description: "", passPercentage: 0, gateIDs: [], isEnabled: true },
  updatable: ["description", "passPercentage", "gateIDs", "isEnabled"],
  publishedCreateStatus: 200,
  timestamps: { created: false, modified: false },
  validate(store, next) {
    ((next.gateIDs as string[]) ?? []).forEach((g, i) => mustExist(store, "gates", g, `gateIDs[${i}]`));
  },
});

const autotunes = crudRoutes({
  collection: "autotunes",
  seedOps: { list: "listAutotunes", create: "createAutotune" },
  publishedById: { get: true, patch: true, delete: true },
  patchSchemaFrom: "AutotuneCreate",
  createDefaults: { description: "", status: "setup", variants: [], successMetric: undefined },
  updatable: ["description", "variants", "successMetric"],
  timestamps: { created: false, modified: false },
});

/** The route groups of every entity but gates. */
export const entityRoutes: RouteGroup[] = [dynamicConfigs, segments, tags, experiments, layers, holdouts, autotunes];
