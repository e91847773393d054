/** `/dynamic_configs`: CRUD (rules in PATCH per the published API) and the read-only rules list. */
import type { ConsoleClient } from "./index";
import type { DynamicConfig, DynamicConfigCreate, DynamicConfigUpdate, Rule } from "./extras";
import { Collection } from "./resource";

/** Dynamic configs. */
export class DynamicConfigs extends Collection<DynamicConfig, DynamicConfigCreate, DynamicConfigUpdate> {
  /** Binds the module to a client. */
  constructor(client: ConsoleClient) {
    super(client, "/dynamic_configs");
  }

  /** The config's rules (`GET /dynamic_configs/{id}/rules`). */
  rules(id: string): Promise<Rule[]> {
    return this.client.get<Rule[]>(this.item(id, "rules"));
  }
}
