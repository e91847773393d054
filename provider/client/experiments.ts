/** `/experiments`: CRUD and the `start` / `reset` lifecycle endpoints. */
import type { ConsoleClient } from "./index";
import type { Experiment, ExperimentCreate, ExperimentUpdate } from "./extras";
import { Collection } from "./resource";

/** Experiments. */
export class Experiments extends Collection<Experiment, ExperimentCreate, ExperimentUpdate> {
  /** Binds the module to a client. */
  constructor(client: ConsoleClient) {
    super(client, "/experiments");
  }

  /** Starts the experiment (`PUT /experiments/{id}/start`). */
  async start(id: string): Promise<void> {
    await this.client.put(this.item(id, "start"));
  }

  /** Resets the experiment to setup, discarding its data (`PUT /experiments/{id}/reset`). */
  async reset(id: string): Promise<void> {
    await this.client.put(this.item(id, "reset"));
  }
}
