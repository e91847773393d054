/**
 * Write answers, kept for the read that follows them (issue 10, "one request per change").
 *
 * Every write of the Console API answers with the entity as it now is (`POST /gates`, `PATCH
 * /gates/{id}`, the lifecycle `PUT`s, in the seed and in the published spec alike), and `PUT` of a
 * sub-resource answers with that sub-resource (`PUT /gates/{id}/overrides`). The provider used to
 * read each entity back after writing it, doubling the cost of every create and update; instead
 * the client keeps the answer and serves it, once, to the `GET` of the same path that follows.
 *
 * Correctness rests on invalidation: any write under an entity (`/gates/{id}` or below) first
 * forgets what is kept for that entity, so a sub-resource write whose answer is not the entity
 * (say, a rules endpoint that answers only a message) makes the next read a real `GET` again. That
 * is also how a field the answer lacks is handled: the entity is only kept from an answer that is
 * the entity itself (its `id` and `name`), never pieced together. Entries are served once and
 * expire quickly, so they never stand in for a later refresh.
 */

/** How long an answer may stand in for a read: the read-back follows within the same operation. */
const TTL_MS = 60_000;

/** `/gates/a%20b/overrides` → `["gates", "a%20b", "overrides"]` (still encoded; no query). */
function partsOf(p: string): string[] {
  return p.split("?")[0].split("/").filter(Boolean);
}

/** The answers of this client's writes, by the `GET` path they stand in for. */
export class WriteAnswers {
  private readonly kept = new Map<string, { value: unknown; at: number }>();
  /** Entities written by this process (`gates/<encoded id>`), with when: list pages older than that are stale for them. */
  private readonly writtenAt = new Map<string, number>();

  /**
   * Told of every entity (`/gates/<encoded id>`) before it is written, so a cache of reads outside
   * this store can drop it too (the command cache, commandCache.ts).
   */
  onWrite?: (entityPath: string) => void;

  /** Constructs an empty store; `now` is injectable for tests. */
  constructor(private readonly now: () => number = Date.now) {}

  /** The kept answer for a `GET` of `p`, removed as it is served; undefined when none. */
  take(p: string): unknown {
    const hit = this.kept.get(p);
    if (!hit) return undefined;
    this.kept.delete(p);
    return this.now() - hit.at <= TTL_MS ? structuredClone(hit.value) : undefined;
  }

  /**
   * Before a write to `p`: forget the entity it touches and whatever is kept at or below `p` (a
   * write to the entity itself forgets its sub-resources too; a sibling sub-resource, such as the
   * overrides when the lifecycle changes, stays).
   */
  forget(p: string): void {
    const parts = partsOf(p);
    const [collection, id] = parts;
    if (!collection || !id) return;
    const entity = `/${collection}/${id}`;
    const under = "/" + parts.join("/");
    this.writtenAt.set(entity, this.now());
    this.onWrite?.(entity);
    this.kept.delete(entity);
    for (const k of [...this.kept.keys()]) if (k === under || k.startsWith(under + "/")) this.kept.delete(k);
  }

  /** After a successful write to `p`: keep its answer for the read that follows, when it is one. */
  record(method: string, p: string, answer: unknown): void {
    if (!answer || typeof answer !== "object" || Array.isArray(answer)) return;
    const parts = partsOf(p);
    const [collection, pathId] = parts;
    if (!collection) return;
    const { id, name } = answer as { id?: unknown; name?: unknown };
    // The entity itself: a create's answer (any id), or a write under the entity answering it.
    if (typeof id === "string" && typeof name === "string" && (parts.length === 1 || safeDecode(pathId) === id)) {
      const entity = `/${collection}/${encodeURIComponent(id)}`;
      this.writtenAt.set(entity, this.now());
      this.kept.set(entity, { value: structuredClone(answer), at: this.now() });
      return;
    }
    // A PUT replaces the sub-resource at its path: the GET of that path answers the same. So does
    // the published API's POST of overrides ("Update ... Overrides"; the seed's gate POST adds, and
    // answers the overrides as they now are all the same).
    if ((method === "PUT" || (method === "POST" && parts[2] === "overrides")) && parts.length === 3)
      this.kept.set(p.split("?")[0], { value: structuredClone(answer), at: this.now() });
  }

  /**
   * Runs `send`, the request `method` `p`, through the store: a `GET` without a query that
   * follows a write of the same entity is answered from that write's answer, without a request;
   * a write first forgets what was kept for its entity, and its answer is kept after.
   */
  async through(method: string, p: string, hasQuery: boolean, send: () => Promise<unknown>): Promise<unknown> {
    if (method === "GET" && !hasQuery) {
      const kept = this.take(p);
      if (kept !== undefined) return kept;
    } else if (method !== "GET") this.forget(p);
    const answer = await send();
    // A DELETE's answer is never the entity any more (a later GET must hear the 404).
    if (method !== "GET" && method !== "DELETE") this.record(method, p, answer);
    return answer;
  }

  /** When this process last wrote the entity at `/<collection>/<encoded id>` (undefined: never). */
  lastWrite(entityPath: string): number | undefined {
    return this.writtenAt.get(entityPath);
  }
}

function safeDecode(s: string | undefined): string | undefined {
  if (s === undefined) return undefined;
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
