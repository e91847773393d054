/**
 * List-batched reads (issue 10, item 1): the reads of one kind in one provider process are served
 * from the collection's list endpoint, fetched once, instead of one `GET /<c>/{id}` each.
 *
 * A `pulumi refresh` calls `read` once per resource, concurrently; Statsig allows about 100
 * requests per 10 s, so one GET per resource makes refresh the dearest command. A list page holds
 * 100 entities, so listing pays once a process reads more entities of a kind than the list has
 * pages — and not before: a stack managing 3 gates of a 5,000-gate project must not page through
 * 50 pages. The decision:
 *
 * - Reads are gathered for a short window (`WINDOW_MS`), so concurrent reads are counted together.
 * - Until `MIN_BATCH` reads of the kind have been asked for in this process, each is a plain GET
 *   (3 gates cost 3 requests whatever the project holds).
 * - Then the first page is fetched: it serves the reads it holds and tells the collection's size
 *   (`totalItems`). The remaining pages are fetched only once the reads asked for so far are at
 *   least as many as those pages (a rent-or-buy rule: never worse than about twice the cheaper
 *   choice, and exact for a refresh of the whole project); until then, reads not on the first page
 *   are plain GETs.
 * - Once the list is complete, an entity missing from it is read with a plain GET: that confirms
 *   a deletion (the caller's 404 handling, `isGone`, decides) and catches an entity created after
 *   the list was fetched.
 * - An entity this process wrote (see answers.ts) is never served from a list fetched before the
 *   write; a kept write answer is served first.
 *
 * The list lives for `TTL_MS`: one command's reads, not a cache across commands.
 */
import type { ConsoleClient } from "./index";
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
/** How long a fetched list serves reads. */
export const TTL_MS = 60_000;

interface Pending<E> {
  id: string;
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
  /** Reads asked for since this process started (or since the last listing expired). */
  private asked = 0;
  private listing: Listing<E> | undefined;
  /** The fetch under way (first page or the rest), so concurrent batches share it. */
  private fetching: Promise<void> | undefined;

  /** Batches the reads of `collection` (`/gates`) made through `client`. */
  constructor(
    private readonly client: ConsoleClient,
    private readonly collection: string,
    private readonly now: () => number = Date.now,
  ) {}

  /** Reads one entity: from the list when batching pays, else with `GET /<c>/{id}` (whose errors pass through). */
  read(id: string): Promise<E> {
    const path = entityPath(this.collection, id);
    // Written by this process: its answer is kept (served without a request) or the list predates it.
    const written = this.client.answers.lastWrite(path);
    if (written !== undefined && (!this.listing || written >= this.listing.startedAt)) return this.get(id);
    this.expire();
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

  private get(id: string): Promise<E> {
    return this.client.get<E>(entityPath(this.collection, id));
  }

  private expire(): void {
    if (this.listing && this.now() - this.listing.startedAt > TTL_MS && !this.fetching) {
      this.listing = undefined;
      this.asked = 0;
    }
  }

  private async flush(): Promise<void> {
    this.timer = undefined;
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
    const wantRest = this.listing !== undefined && this.listing.pagesLeft > 0 && this.asked >= this.listing.pagesLeft;
    if (!wantFirst && !wantRest) return;
    this.fetching = wantFirst ? this.fetchFirst() : this.fetchRest();
    try {
      await this.fetching;
    } finally {
      this.fetching = undefined;
    }
    // The first page may show the rest pays already (a refresh of the whole project).
    if (wantFirst && this.listing && this.listing.pagesLeft > 0 && this.asked >= this.listing.pagesLeft) {
      this.fetching = this.fetchRest();
      try {
        await this.fetching;
      } finally {
        this.fetching = undefined;
      }
    }
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
  }

  private async fetchRest(): Promise<void> {
    const listing = this.listing;
    if (!listing) return;
    // Page by page: the pacer spaces them anyway, and a short page ends the list whatever `total` said.
    for await (const items of this.client.pages<E>(this.collection, 2))
      for (const e of items) listing.byId.set(e.id, e);
    listing.pagesLeft = 0;
  }
}
