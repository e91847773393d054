/** `/autotunes`: list and create from the seed; read, update and delete per the published API. */
import type { ConsoleClient } from "./index";
import type { Autotune, AutotuneCreate, AutotuneUpdate } from "./extras";
import { Collection } from "./resource";

/** Autotunes. */
export class Autotunes extends Collection<Autotune, AutotuneCreate, AutotuneUpdate> {
  /** Binds the module to a client. */
  constructor(client: ConsoleClient) {
    super(client, "/autotunes");
  }
}
