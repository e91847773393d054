/** `/layers`: CRUD (update per the published API), the layer's experiments, and its overrides (published). */
import type { ConsoleClient } from "./consoleClient";
import type {
  Experiment,
  JsonObject,
  Layer,
  LayerCreate,
  LayerOverrides,
  LayerUpdate,
  PublishedLayerParameter,
} from "./extras";
import { OverridesApi } from "./overrides";
import { Collection } from "./resource";

/** Layers. */
export class Layers extends Collection<Layer, LayerCreate, LayerUpdate> {
  /** `/layers/{id}/overrides` (published API). */
  readonly overrides: OverridesApi<LayerOverrides>;

  /** Binds the module to a client. */
  constructor(client: ConsoleClient) {
    super(client, "/layers");
    this.overrides = new OverridesApi<LayerOverrides>(client, this.collection);
  }

  /** The experiments in the layer (`GET /layers/{id}/experiments`, all pages). */
  experiments(id: string): Promise<Experiment[]> {
    return this.client.list<Experiment>(this.item(id, "experiments"));
  }
}

/** The published `type` of a parameter's value (`LayerPartialUpdateContractDto.parameters[].type`). */
function parameterType(v: unknown): PublishedLayerParameter["type"] {
  if (Array.isArray(v)) return "array";
  const t = typeof v;
  // `null` has no published type: "object" is sent and the service decides.
  return t === "string" || t === "number" || t === "boolean" ? t : "object";
}

/** The program's name → value parameters as the published API's `{ name, type, defaultValue }` list. */
export function publishedParameters(p: JsonObject): PublishedLayerParameter[] {
  return Object.entries(p).map(([name, defaultValue]) => ({ name, type: parameterType(defaultValue), defaultValue }));
}

/**
 * A layer as Statsig returned it, its `parameters` in the seed's name → value form: the published
 * API returns the `{ name, type, defaultValue }` list (`LayerContractDto`), and the program's input
 * is the seed's object, so a refresh (and `generate`) shows no change.
 */
export function seedParameters<L extends { parameters?: unknown }>(layer: L): L {
  const p = layer.parameters;
  if (!Array.isArray(p)) return layer;
  const obj = Object.fromEntries((p as PublishedLayerParameter[]).map((x) => [x.name, x.defaultValue]));
  return { ...layer, parameters: obj };
}
