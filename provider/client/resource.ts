/**
 * The base of the typed Console API modules (openai-node style: one thin class per entity whose
 * methods are one-liners over the client). Every path is built here, with ids URL-encoded, so an id
 * such as `a/b` can never reach another route.
 */
import type { ConsoleClient } from "./consoleClient";
import { BatchedReads } from "./batch";
import { entityPath } from "./paths";

/** A module over one collection of the API, such as `/gates`. */
export abstract class APIResource {
  /** Binds the module to a client and the collection's path (`/gates`). */
  constructor(
    protected readonly client: ConsoleClient,
    protected readonly collection: string,
  ) {}

  /** The path of one entity, or of a sub-resource of it: `item("a b", "rules")` → `/gates/a%20b/rules`. */
  protected item(id: string, ...sub: string[]): string {
    return entityPath(this.collection, id, ...sub);
  }
}

/** A collection that can only be listed (keys, users, target apps, audit logs). */
export class ListOnlyCollection<E> extends APIResource {
  /** Every entity, all pages fetched. */
  list(): Promise<E[]> {
    return this.client.list<E>(this.collection);
  }
}

/** A collection that can be listed and read by id (metrics). */
export class ReadOnlyCollection<E> extends ListOnlyCollection<E> {
  private batched: BatchedReads<E & { id: string }> | undefined;

  /** One entity by id. */
  get(id: string): Promise<E> {
    return this.client.get<E>(this.item(id));
  }

  /**
   * One entity by id, as `get`, but batched with this process's other reads of the collection:
   * served from the list endpoint when enough reads are asked for that listing costs fewer
   * requests (see batch.ts). Errors are `get`'s (a missing entity is always asked for by id).
   */
  read(id: string): Promise<E> {
    // The collection's entities all carry an `id`: the list is indexed by it.
    this.batched ??= new BatchedReads<E & { id: string }>(this.client, this.collection);
    return this.batched.read(id);
  }
}

/**
 * A collection with the Console API's CRUD pattern: `POST /<c>` creates, `GET`/`PATCH`/`DELETE
 * /<c>/{id}` read, update and delete. `C` is the create body, `U` the update body.
 */
export class Collection<E, C, U> extends ReadOnlyCollection<E> {
  /** Creates an entity; resolves to the created entity as the service returns it. */
  create(body: C): Promise<E> {
    return this.client.post<E>(this.collection, body);
  }
  /** Updates the given fields of an entity. */
  update(id: string, body: U): Promise<E> {
    return this.client.patch<E>(this.item(id), body);
  }
  /** Deletes an entity. */
  async delete(id: string): Promise<void> {
    await this.client.delete(this.item(id));
  }
}
