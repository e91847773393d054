/**
 * `/dynamic_configs`: CRUD (rules in PATCH per the published API), the read-only rules list, and
 * the published lifecycle endpoints (`enable`, `disable`, `archive`, `unarchive`).
 */
import type { ConsoleClient } from "./consoleClient";
import type { DynamicConfig, DynamicConfigCreate, DynamicConfigUpdate, Rule } from "./extras";
import { Collection } from "./resource";

/** A dynamic config lifecycle action (published API). */
export type DynamicConfigLifecycleAction = "enable" | "disable" | "archive" | "unarchive";

/** Dynamic configs. */
export class DynamicConfigs extends Collection<DynamicConfig, DynamicConfigCreate, DynamicConfigUpdate> {
  /** Binds the module to a client. */
  constructor(client: ConsoleClient) {
    super(client, "/dynamic_configs");
  }

  /** Moves the config through its lifecycle: `PUT /dynamic_configs/{id}/{enable,disable,archive,unarchive}`. */
  lifecycle(id: string, action: DynamicConfigLifecycleAction): Promise<DynamicConfig> {
    return this.client.put<DynamicConfig>(this.item(id, action));
  }

  /** The config's rules (`GET /dynamic_configs/{id}/rules`). */
  rules(id: string): Promise<Rule[]> {
    return this.client.get<Rule[]>(this.item(id, "rules"));
  }
}
