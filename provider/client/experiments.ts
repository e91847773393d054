/**
 * `/experiments`: CRUD, the `start` / `reset` lifecycle endpoints, and the published API's
 * `make_decision`, `abandon`, `archive`, `unarchive` and overrides.
 */
import type { ConsoleClient } from "./consoleClient";
import type { DecisionBody, Experiment, ExperimentCreate, ExperimentOverrides, ExperimentUpdate } from "./extras";
import { OverridesApi } from "./overrides";
import { Collection } from "./resource";

/** Experiments. */
export class Experiments extends Collection<Experiment, ExperimentCreate, ExperimentUpdate> {
  /** `/experiments/{id}/overrides` (published API). */
  readonly overrides: OverridesApi<ExperimentOverrides>;

  /** Binds the module to a client. */
  constructor(client: ConsoleClient) {
    super(client, "/experiments");
    this.overrides = new OverridesApi<ExperimentOverrides>(client, this.collection);
  }

  /** Starts the experiment (`PUT /experiments/{id}/start`). */
  async start(id: string): Promise<void> {
    await this.client.put(this.item(id, "start"));
  }

  /** Resets the experiment to setup, discarding its data (`PUT /experiments/{id}/reset`). */
  async reset(id: string): Promise<void> {
    await this.client.put(this.item(id, "reset"));
  }

  /** Ends a running experiment launching one group (`PUT /experiments/{id}/make_decision`); answers it. */
  makeDecision(id: string, body: DecisionBody): Promise<Experiment> {
    return this.client.put<Experiment>(this.item(id, "make_decision"), body);
  }

  /** Ends a running experiment launching no group (`PUT /experiments/{id}/abandon`); answers it. */
  abandon(id: string, decisionReason: string): Promise<Experiment> {
    return this.client.put<Experiment>(this.item(id, "abandon"), { decisionReason });
  }

  /** Archives the experiment (`PUT /experiments/{id}/archive`); answers it. */
  archive(id: string): Promise<Experiment> {
    return this.client.put<Experiment>(this.item(id, "archive"), {});
  }

  /** Brings an archived experiment back (`PUT /experiments/{id}/unarchive`); answers it. */
  unarchive(id: string): Promise<Experiment> {
    return this.client.put<Experiment>(this.item(id, "unarchive"));
  }
}
