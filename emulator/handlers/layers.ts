/**
 * Layers: list, create, get (with the experiments in the layer), delete (refused while the layer
 * has experiments), the layer's experiments, and the published API's `PATCH /layers/{id}`.
 */
import { Store } from "../store";
import { EntityHandlers, HttpError } from "../types";
import { mustGet, notFound } from "./common";
import { crud } from "./crud";

const C = "layers";

function experimentsIn(store: Store, id: string) {
  return store.list("experiments").filter((e) => e.layerID === id);
}

/** Layer handlers, named for the route table. */
export const layers = {
  ...crud({
    collection: C,
    patchSchemaFrom: "LayerCreate",
    createDefaults: { description: "", parameters: {} },
    updatable: ["description", "parameters"],
    timestamps: { created: true, modified: false },
  }),

  get: (ctx) => {
    const l = mustGet(ctx.store, C, ctx.params.id);
    return { body: { ...l, experiments: experimentsIn(ctx.store, l.id).map((e) => e.id) } };
  },

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
} satisfies EntityHandlers;
