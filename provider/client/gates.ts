/**
 * `/gates`: CRUD, rules, overrides and the lifecycle endpoints (`enable`, `disable`, `launch`,
 * `archive`), all in the seed spec, and the published API's `unarchive`.
 */
import type { ConsoleClient } from "./consoleClient";
import type { Gate, GateCreate, GateLifecycleAction, GateUpdate, Overrides, Rule } from "./extras";
import { APIResource, Collection } from "./resource";
import { sharedGet } from "./commandCache";
import { GateReferenceChecks, GateReferences } from "./references";

export type { GateReferences } from "./references";

/** `/gates/{id}/rules`. */
export class GateRules extends APIResource {
  /** The gate's rules. */
  list(id: string): Promise<Rule[]> {
    return this.client.get<Rule[]>(this.item(id, "rules"));
  }
  /** Replaces every rule of the gate. */
  async set(id: string, rules: Rule[] | undefined): Promise<void> {
    await this.client.put(this.item(id, "rules"), { rules });
  }
}

/** `/gates/{id}/overrides`. */
export class GateOverridesApi extends APIResource {
  /** The gate's overrides (shared by the processes of one CLI command, see commandCache.ts). */
  get(id: string): Promise<Overrides> {
    return sharedGet<Overrides>(this.client, this.item(id, "overrides"));
  }
  /** Replaces the gate's overrides. */
  set(id: string, overrides: Overrides): Promise<Overrides> {
    return this.client.put<Overrides>(this.item(id, "overrides"), overrides);
  }
}

/** Feature gates. */
export class Gates extends Collection<Gate, GateCreate, GateUpdate> {
  /** `/gates/{id}/rules`. */
  readonly rules: GateRules;
  /** `/gates/{id}/overrides`. */
  readonly overrides: GateOverridesApi;
  /** Who refers to a gate (references.ts). */
  private readonly referenceChecks: GateReferenceChecks;

  /** Binds the module to a client. */
  constructor(client: ConsoleClient) {
    super(client, "/gates");
    this.rules = new GateRules(client, this.collection);
    this.overrides = new GateOverridesApi(client, this.collection);
    this.referenceChecks = new GateReferenceChecks(client);
  }

  /**
   * Who refers to the gate: the published `GET /gates/{id}/gate_references`,
   * `/experiment_references` and `/dynamic_config_references`, or, once a process checks many
   * gates, read off the lists (see references.ts).
   */
  references(id: string): Promise<GateReferences> {
    return this.referenceChecks.referrers(id);
  }

  /** Records that this process deleted an entity (`/experiments`, id): a check skips it. */
  noteDeleted(collection: string, id: string): void {
    this.referenceChecks.noteDeleted(collection, id);
  }

  /** Moves the gate through its lifecycle: `PUT /gates/{id}/{enable,disable,launch,archive,unarchive}`; answers it. */
  lifecycle(id: string, action: GateLifecycleAction): Promise<Gate> {
    return this.client.put<Gate>(this.item(id, action));
  }
}
