/** `/layers`: CRUD (update per the published API), the layer's experiments, and its overrides (published). */
import type { ConsoleClient } from "./index";
import type { Experiment, Layer, LayerCreate, LayerOverrides, LayerUpdate } from "./extras";
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
