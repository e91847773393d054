/** `/layers`: CRUD (update per the published API) and the layer's experiments. */
import type { ConsoleClient } from "./index";
import type { Experiment, Layer, LayerCreate, LayerUpdate } from "./extras";
import { Collection } from "./resource";

/** Layers. */
export class Layers extends Collection<Layer, LayerCreate, LayerUpdate> {
  /** Binds the module to a client. */
  constructor(client: ConsoleClient) {
    super(client, "/layers");
  }

  /** The experiments in the layer (`GET /layers/{id}/experiments`, all pages). */
  experiments(id: string): Promise<Experiment[]> {
    return this.client.list<Experiment>(this.item(id, "experiments"));
  }
}
