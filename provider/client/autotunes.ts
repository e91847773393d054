/**
 * `/autotunes`: list and create from the seed; read, update, delete and the lifecycle (`start`,
 * `make_decision`, `reset`) per the published API.
 */
import type { ConsoleClient } from "./consoleClient";
import type { Autotune, AutotuneCreate, AutotuneUpdate, DecisionBody } from "./extras";
import { Collection } from "./resource";

/** Autotunes. */
export class Autotunes extends Collection<Autotune, AutotuneCreate, AutotuneUpdate> {
  /** Binds the module to a client. */
  constructor(client: ConsoleClient) {
    super(client, "/autotunes");
  }

  /** Starts the autotune (`PUT /autotunes/{id}/start`); answers it. */
  start(id: string): Promise<Autotune> {
    return this.client.put<Autotune>(this.item(id, "start"));
  }

  /** Ends a running autotune launching one variant (`PUT /autotunes/{id}/make_decision`); answers it. */
  makeDecision(id: string, body: DecisionBody): Promise<Autotune> {
    return this.client.put<Autotune>(this.item(id, "make_decision"), body);
  }

  /** Takes a started autotune back to setup (`PUT /autotunes/{id}/reset`); answers it. */
  reset(id: string): Promise<Autotune> {
    return this.client.put<Autotune>(this.item(id, "reset"));
  }
}
