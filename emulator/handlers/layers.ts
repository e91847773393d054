/**
 * Layers: list, create, get (with the experiments in the layer), delete (refused while the layer
 * has experiments), the layer's experiments, and the published API's `PATCH /layers/{id}` and
 * overrides (`/layers/{id}/overrides`: `POST` replaces them, `PATCH` with `op: "add"` adds to them).
 * Overrides name experiments, groups, gates and segments by name; the names are stored unchecked,
 * as the published API documents no check (and a program sets a layer's overrides before the
 * experiments that join the layer exist).
 */
import { layerParametersIn, publishedLayer } from "../published";
import { Store } from "../store";
import { JsonSchema } from "../spec";
import { EntityHandlers, Handler, HttpError, Reply } from "../types";
import { mustGet, notFound } from "./common";
import { crud } from "./crud";
import { overrides } from "./overrides";

const C = "layers";

function experimentsIn(store: Store, id: string) {
  return store.list("experiments").filter((e) => e.layerID === id);
}

/** The published `LayerOverridesDto` (`op` is the `PATCH` body's, `LayerOverridesPatchDto`). */
function overridesSchema(patch: boolean): JsonSchema {
  const nullableString = { type: ["string", "null"] };
  return {
    type: "object",
    required: [...(patch ? ["op"] : []), "conditionalOverrides", "idOverrides"],
    properties: {
      ...(patch ? { op: { enum: ["add"] } } : {}),
      conditionalOverrides: {
        type: "array",
        items: {
          type: "object",
          required: ["type", "name", "experimentName", "groupName"],
          properties: {
            type: { type: "string" },
            name: { type: "string" },
            experimentName: { type: "string" },
            groupName: { type: "string" },
          },
        },
      },
      idOverrides: {
        type: "array",
        items: {
          type: "object",
          required: ["groupName", "ids"],
          properties: {
            groupName: { type: "string" },
            ids: { type: "array", items: { type: "string" } },
            idType: nullableString,
            environment: nullableString,
            experimentName: nullableString,
          },
        },
      },
    },
  };
}

const base = crud({
  collection: C,
  patchSchemaFrom: "LayerCreate",
  createDefaults: { description: "", parameters: {} },
  updatable: ["description", "parameters"],
  timestamps: { created: true, modified: false },
});

/**
 * A layer handler in the shape's contract: the published API takes and returns `parameters` as a
 * `{ name, type, defaultValue }` list (`LayerPartialUpdateContractDto`, `LayerContractDto`); the
 * emulator stores the seed's name → value object, which the seed shape and the SDK document use.
 */
function shaped(handler: Handler): Handler {
  return async (ctx) => {
    if (ctx.shape !== "published") return handler(ctx);
    const b = ctx.body as Record<string, unknown> | undefined;
    const body = b && Array.isArray(b.parameters) ? { ...b, parameters: layerParametersIn(b.parameters) } : b;
    const r: Reply = await handler({ ...ctx, body });
    return {
      ...r,
      ...(r.body !== undefined && !r.raw ? { body: publishedLayer(r.body) } : {}),
      ...(r.items ? { items: r.items.map(publishedLayer) } : {}),
      ...(r.page ? { page: { ...r.page, items: r.page.items.map(publishedLayer) } } : {}),
    };
  };
}

/** Layer handlers, named for the route table. */
export const layers = {
  ...base,
  list: shaped(base.list),
  create: shaped(base.create),
  update: shaped(base.update),

  get: shaped((ctx) => {
    const l = mustGet(ctx.store, C, ctx.params.id);
    return { body: { ...l, experiments: experimentsIn(ctx.store, l.id).map((e) => e.id) } };
  }),

  listExperiments: (ctx) => {
    mustGet(ctx.store, C, ctx.params.id);
    return { items: experimentsIn(ctx.store, ctx.params.id) };
  },

  delete: (ctx) => {
    mustGet(ctx.store, C, ctx.params.id);
    const inUse = experimentsIn(ctx.store, ctx.params.id).map((e) => e.id);
    if (inUse.length) throw new HttpError(400, `layer still has experiments: ${inUse.join(", ")}`);
    if (!ctx.store.delete(C, ctx.params.id)) throw notFound(C, ctx.params.id);
    return { body: { message: "Layer deleted" }, raw: true };
  },

  ...overrides({
    collection: C,
    noun: "Layer",
    lists: ["conditionalOverrides", "idOverrides"],
    updated: "Layer overrides updated successfully",
  }),
  overridesBody: overridesSchema(false),
  overridesPatchBody: overridesSchema(true),
} satisfies EntityHandlers;
