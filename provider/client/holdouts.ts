/** `/holdouts`: list and create from the seed; read, update and delete per the published API. */
import type { ConsoleClient } from "./index";
import type { Holdout, HoldoutCreate, HoldoutUpdate } from "./extras";
import { Collection } from "./resource";

/** Holdouts. */
export class Holdouts extends Collection<Holdout, HoldoutCreate, HoldoutUpdate> {
  /** Binds the module to a client. */
  constructor(client: ConsoleClient) {
    super(client, "/holdouts");
  }
}
