/**
 * `/holdouts`: list and create from the seed; read, update, delete and overrides per the published
 * API.
 */
import type { ConsoleClient } from "./consoleClient";
import type { Holdout, HoldoutCreate, HoldoutOverrides, HoldoutUpdate } from "./extras";
import { OverridesApi } from "./overrides";
import { Collection } from "./resource";

/** Holdouts. */
export class Holdouts extends Collection<Holdout, HoldoutCreate, HoldoutUpdate> {
  /** `/holdouts/{id}/overrides` (published API). */
  readonly overrides: OverridesApi<HoldoutOverrides>;

  /** Binds the module to a client. */
  constructor(client: ConsoleClient) {
    super(client, "/holdouts");
    this.overrides = new OverridesApi<HoldoutOverrides>(client, this.collection);
  }
}
