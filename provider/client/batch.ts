/**
 * List-batched reads (issue 10, item 1; issue 19, item 2): the reads of one kind in one command are
 * served from the collection's list endpoint, fetched once, instead of one `GET /<c>/{id}` each.
 *
 * A `pulumi refresh` calls `read` once per resource, and an adopting `pulumi up` reads every entity
 * it takes over; Statsig allows about 100 requests per 10 s and 900 per 15 min, so one GET per
 * resource makes these the dearest commands. A list page holds 100 entities, so listing pays once
 * a command reads more entities of a kind than the list has pages — and not before: a stack
 * managing 3 gates of a 5,000-gate project must not page through 50 pages. The decision:
 *
 * - Reads are gathered for a short window (`WINDOW_MS`), so concurrent reads are counted together.
 * - Until `MIN_BATCH` reads of the kind have been asked for in this process, each is a plain GET
 *   (3 gates cost 3 requests whatever the project holds) — after one more window, in which the
 *   engine's other workers may add reads of the kind that make listing pay.
 * - Then the first page is fetched: it serves the reads it holds and tells the collection's size
 *   (`totalItems`). The remaining pages are fetched once the reads asked for so far reach
 *   `1/REST_SHARE` of those pages; until then, reads not on the first page are plain GETs. The
 *   engine reads at most `--parallel` (4 × cores) resources at a time, so a whole-project read
 *   reaches that count within a few windows, and pays the rest of the list plus those few GETs.
 *   The price of deciding early: a stack reading a few more than `pages/REST_SHARE` entities of a
 *   large collection pays the whole list (at 5,000 gates: 50 pages for 13 gates, where 13 GETs
 *   would do) — bounded, and small beside the whole-project reads it saves (issue 19's targets:
 *   refresh of 5,420 entities in at most 80 requests).
 * - Once the list is complete, an entity missing from it is read with a plain GET: that confirms
 *   a deletion (the caller's 404 handling, `isGone`, decides) and catches an entity created after
 *   the list was fetched.
 * - An entity this process wrote (see answers.ts) is never served from a list fetched before the
 *   write; a kept write answer is served first.
 *
 * The list lives as long as the process, which serves one CLI command (the engine starts a
 * provider process per command): however long the command runs, its reads of N entities of a kind
 * cost at most the list's pages plus the GETs made before listing paid. (It used to live 60 s and
 * start counting afresh, so a long `up` fetched the first page again every minute, fell back to
 * GETs, then fetched every page again.) And the processes of one command share what they read
 * (commandCache.ts): `refresh --yes` runs a preview pass and a refresh pass in two processes, and
 * the second reads the first's lists instead of the API.
 */
import type { ConsoleClient } from "./consoleClient";
import { CommandCache, commandCacheOf } from "./commandCache";
import { entityPath } from "./paths";

/**
 * How long reads are gathered before the batch decides. The engine starts a handful of reads at a
 * time (`--parallel`), spread over a few milliseconds; held here, they also keep the engine from
 * starting others, so the window sees every read it can. Once a complete list is in, reads are
 * served at once.
 */
export const WINDOW_MS = 100;
/** Reads of a kind, in one process, before the first list page is worth fetching. */
export const MIN_BATCH = 4;
/**
 * The rest of the list is fetched once the reads asked for reach `1/REST_SHARE` of its remaining
 * pages (see above: 4 trades a bounded loss on mid-sized subsets for whole-project reads at
 * little more than the list's pages).
 */
export const REST_SHARE = 4;

interface Pending<E> {
  id: string;
  /** Held over one window already (see `flush`). */
  held?: boolean;
  resolve: (e: E) => void;
  reject: (err: unknown) => void;
}

/** The entities of a list fetched (partly or completely), with when its fetch began. */
interface Listing<E> {
  byId: Map<string, E>;
  startedAt: number;
  /** Pages after the first still to fetch (0: complete; Infinity: size unknown). */
  pagesLeft: number;
}

/** The batched reads of one collection through one client. */
export class BatchedReads<E extends { id: string }> {
  private pending: Pending<E>[] = [];
  private timer: NodeJS.Timeout | undefined;
  /** Reads asked for since this process started. */
  private asked = 0;
  private listing: Listing<E> | undefined;
  /** The fetch under way (first page or the rest), so concurrent batches share it. */
  private fetching: Promise<void> | undefined;
  /** Whether the command cache was asked for a list already (once per process). */
  private sharedChecked = false;

  /** Batches the reads of `collection` (`/gates`) made through `client`. */
  constructor(
    private readonly client: ConsoleClient,
    private readonly collection: string,
    private readonly now: () => number = Date.now,
    /** What the command's other processes read (default: the client's, commandCache.ts). */
    private readonly shared: CommandCache | undefined = commandCacheOf(client),
  ) {}

  /** Reads one entity: from the list when batching pays, else with `GET /<c>/{id}` (whose errors pass through). */
  read(id: string): Promise<E> {
    const path = entityPath(this.collection, id);
    // Written by this process: its answer is kept (served without a request) or the list predates it.
    const written = this.client.answers.lastWrite(path);
    if (written !== undefined && (!this.listing || written >= this.listing.startedAt)) return this.get(id);
    this.adoptShared();
    if (!this.listing && this.shared) {
      // Read by id by another process of this command (a kind too small to list there).
      const hit = this.shared.loadEntity<E>(path);
      if (hit && written === undefined) return Promise.resolve(hit.entity);
    }
    this.asked++;
    const complete = this.listing && this.listing.pagesLeft === 0 && !this.fetching ? this.listing : undefined;
    if (complete) {
      const listed = complete.byId.get(id);
      return listed ? Promise.resolve(structuredClone(listed)) : this.get(id);
    }
    return new Promise<E>((resolve, reject) => {
      this.pending.push({ id, resolve, reject });
      this.timer ??= setTimeout(() => void this.flush(), WINDOW_MS);
    });
  }

  /** `GET /<c>/{id}`, or the answer another process of this command had for it (and shares its own). */
  private async get(id: string): Promise<E> {
    const path = entityPath(this.collection, id);
    const written = this.client.answers.lastWrite(path);
    const hit = this.shared?.loadEntity<E>(path);
    if (hit && (written === undefined || written < hit.at)) return hit.entity;
    const at = this.now();
    const entity = await this.client.get<E>(path);
    if (written === undefined && this.client.answers.lastWrite(path) === undefined)
      this.shared?.saveEntity(path, at, entity);
    return entity;
  }

  /** Once per process: a complete list another process of this command fetched becomes this one's. */
  private adoptShared(): void {
    if (this.listing || this.sharedChecked || !this.shared) return;
    this.sharedChecked = true;
    const list = this.shared.loadList<E>(this.collection);
    if (list)
      this.listing = { byId: new Map(list.entities.map((e) => [e.id, e])), startedAt: list.startedAt, pagesLeft: 0 };
  }

  private async flush(): Promise<void> {
    this.timer = undefined;
    // Too few to list yet, and not held before: hold them one more window. Where one kind's reads
    // end and the next kind's begin, a window catches only the first one to three of the next kind,
    // and the engine's other workers go on sending them; a small stack's reads wait 100 ms more.
    if (!this.listing && this.asked < MIN_BATCH && this.pending.some((p) => !p.held)) {
      for (const p of this.pending) p.held = true;
      this.timer = setTimeout(() => void this.flush(), WINDOW_MS);
      return;
    }
    const batch = this.pending;
    this.pending = [];
    try {
      await this.fetchWhatPays();
    } catch {
      // The list failed (throttled past the wait limit, a network error): each read tries its own GET.
    }
    for (const p of batch) {
      const listed = this.listing?.byId.get(p.id);
      if (listed) p.resolve(structuredClone(listed));
      else this.get(p.id).then(p.resolve, p.reject);
    }
  }

  /** Fetches the first page, then the rest, when the reads asked for so far make it pay. */
  private async fetchWhatPays(): Promise<void> {
    // Another batch's fetch is under way: wait for it, then decide again with its result.
    while (this.fetching) await this.fetching;
    const wantFirst = !this.listing && this.asked >= MIN_BATCH;
    const wantRest = this.listing !== undefined && this.restPays(this.listing);
    if (!wantFirst && !wantRest) return;
    this.fetching = wantFirst ? this.fetchFirst() : this.fetchRest();
    try {
      await this.fetching;
    } finally {
      this.fetching = undefined;
    }
    // The first page may show the rest pays already (a refresh of the whole project).
    if (wantFirst && this.listing && this.restPays(this.listing)) {
      this.fetching = this.fetchRest();
      try {
        await this.fetching;
      } finally {
        this.fetching = undefined;
      }
    }
  }

  /** Whether the reads asked for so far make the remaining pages worth fetching (see above). */
  private restPays(listing: Listing<E>): boolean {
    return listing.pagesLeft > 0 && this.asked * REST_SHARE >= listing.pagesLeft;
  }

  private async fetchFirst(): Promise<void> {
    const startedAt = this.now();
    const first = await this.client.page<E>(this.collection, 1);
    const size = this.client.pageSize;
    const pagesLeft = first.last
      ? 0
      : first.total !== undefined
        ? Math.max(0, Math.ceil(first.total / size) - 1)
        : Number.POSITIVE_INFINITY;
    this.listing = { byId: new Map(first.items.map((e) => [e.id, e])), startedAt, pagesLeft };
    if (pagesLeft === 0) this.share(this.listing);
  }

  /** Shares a complete list with the command's later processes, unless this process wrote since. */
  private share(listing: Listing<E>): void {
    if (!this.shared) return;
    const entities = [...listing.byId.values()];
    const prefix = this.collection + "/";
    if (
      entities.some(
        (e) => (this.client.answers.lastWrite(prefix + encodeURIComponent(e.id)) ?? -1) >= listing.startedAt,
      )
    )
      return;
    this.shared.saveList(this.collection, { startedAt: listing.startedAt, entities });
  }

  private async fetchRest(): Promise<void> {
    const listing = this.listing;
    if (!listing) return;
    // Page by page: the pacer spaces them anyway, and a short page ends the list whatever `total` said.
    for await (const items of this.client.pages<E>(this.collection, 2))
      for (const e of items) listing.byId.set(e.id, e);
    listing.pagesLeft = 0;
    this.share(listing);
  }
}
