/**
 * `/gates`: CRUD, rules, overrides and the lifecycle endpoints (`enable`, `disable`, `launch`,
 * `archive`), all in the seed spec.
 */
import type { ConsoleClient } from "./index";
import type { Gate, GateCreate, GateLifecycleAction, GateUpdate, Overrides, Rule } from "./extras";
import { APIResource, Collection } from "./resource";

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
  /** Adds one rule. */
  add(id: string, rule: Rule): Promise<Rule> {
    return this.client.post<Rule>(this.item(id, "rules"), rule);
  }
  /** Deletes one rule by its server-assigned id. */
  async delete(id: string, ruleID: string): Promise<void> {
    await this.client.delete(this.item(id, "rules", ruleID));
  }
}

/** `/gates/{id}/overrides`. */
export class GateOverridesApi extends APIResource {
  /** The gate's overrides. */
  get(id: string): Promise<Overrides> {
    return this.client.get<Overrides>(this.item(id, "overrides"));
  }
  /** Replaces the gate's overrides. */
  set(id: string, overrides: Overrides): Promise<Overrides> {
    return this.client.put<Overrides>(this.item(id, "overrides"), overrides);
  }
  /** Adds overrides to the existing ones. */
  add(id: string, overrides: Overrides): Promise<Overrides> {
    return this.client.post<Overrides>(this.item(id, "overrides"), overrides);
  }
  /** Removes every override. */
  async delete(id: string): Promise<void> {
    await this.client.delete(this.item(id, "overrides"));
  }
}

/** The entities that refer to a gate, per published references endpoint (first page of each). */
export interface GateReferences {
  /** Gates whose rules have a `passes_gate`/`fails_gate` condition on it (`/gate_references`). */
  gates: { id: string; name?: string }[];
  /** Experiments that refer to it, e.g. as their targeting gate (`/experiment_references`). */
  experiments: { id: string; name?: string }[];
  /** Dynamic configs whose rules refer to it (`/dynamic_config_references`). */
  dynamicConfigs: { id: string; name?: string }[];
  /** How many there are in all, when the answers say (more than the first pages hold). */
  total: number;
}

/** Feature gates. */
export class Gates extends Collection<Gate, GateCreate, GateUpdate> {
  /** `/gates/{id}/rules`. */
  readonly rules: GateRules;
  /** `/gates/{id}/overrides`. */
  readonly overrides: GateOverridesApi;

  /** Binds the module to a client. */
  constructor(client: ConsoleClient) {
    super(client, "/gates");
    this.rules = new GateRules(client, this.collection);
    this.overrides = new GateOverridesApi(client, this.collection);
  }

  /**
   * Who refers to the gate: `GET /gates/{id}/gate_references`, `/experiment_references` and
   * `/dynamic_config_references` (published API), one request each, first page only (up to the
   * page size; `total` counts the rest when the service says).
   */
  async references(id: string): Promise<GateReferences> {
    type Ref = { id: string; name?: string };
    const [gates, experiments, dynamicConfigs] = await Promise.all(
      ["gate_references", "experiment_references", "dynamic_config_references"].map((sub) =>
        this.client.page<Ref>(this.item(id, sub), 1),
      ),
    );
    const total = [gates, experiments, dynamicConfigs].reduce((n, p) => n + (p.total ?? p.items.length), 0);
    return { gates: gates.items, experiments: experiments.items, dynamicConfigs: dynamicConfigs.items, total };
  }

  /** Moves the gate through its lifecycle: `PUT /gates/{id}/{enable,disable,launch,archive}`. */
  async lifecycle(id: string, action: GateLifecycleAction): Promise<void> {
    await this.client.put(this.item(id, action));
  }
}
