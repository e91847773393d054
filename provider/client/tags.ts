/** `/tags`: list and create from the seed; read, update and delete per the published API. */
import type { ConsoleClient } from "./consoleClient";
import type { Tag, TagCreate, TagUpdate } from "./extras";
import { Collection } from "./resource";

/** Tags. */
export class Tags extends Collection<Tag, TagCreate, TagUpdate> {
  /** Binds the module to a client. */
  constructor(client: ConsoleClient) {
    super(client, "/tags");
  }
}
