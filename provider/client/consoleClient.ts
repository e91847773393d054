/**
 * The Console API client: the one place that speaks HTTP to Statsig (or the emulator).
 *
 * It puts the layers together: one attempt (`transport.ts`), the retries around it (`retry.ts`),
 * client-side pacing under the documented budget (`pacer.ts`), the two answer shapes and their
 * pagination (`pagination.ts`), and the write answers served to the read-back (`answers.ts`).
 * Per-entity code calls `get`/`post`/`patch`/`put`/`delete`/`list` with a path and nothing else.
 * Modules of this folder import it from here, not from the folder's `index.ts` (which re-exports the
 * typed API too), so that no import cycle runs through the barrel.
 */
import nodeFetch from "node-fetch";
import { MissingApiKeyError, ThrottledError } from "./errors";
import { formatWait, logLine } from "./log";
import { Pacer } from "./pacer";
import { Clock, realClock } from "./clock";
import { WriteAnswers } from "./answers";
import { FetchLike, RequestOptions, prepareRequest, sendAttempt } from "./transport";
import { RetryBudget, RetryLimits, parseRetryAfter } from "./retry";
import { ListPage, pagesFrom, readPage, unwrap } from "./pagination";

/** The production base URL of the Console API. */
export const DEFAULT_API_URL = "https://statsigapi.net/console/v1";

/** Options of a client. Everything but `baseUrl` and `apiKey` has a production default. */
export interface ClientOptions {
  /** API base URL, e.g. `https://statsigapi.net/console/v1` or the emulator's URL. */
  baseUrl: string;
  /** Returns the key at call time (never stored by the client). */
  apiKey: () => string | undefined;
  /** Retries after the first attempt for retryable failures. Default 5. */
  maxRetries?: number;
  /** Per-attempt timeout in milliseconds. Default 30 000. */
  timeoutMs?: number;
  /** Base delay of the exponential backoff. Default 500 ms (0.5 s·2ⁿ). */
  backoffBaseMs?: number;
  /** Upper bound of one backoff or Retry-After wait. Default 30 000 ms. */
  maxDelayMs?: number;
  /**
   * Total time one request may spend waiting out 429s (Retry-After or backoff) before it fails.
   * Separate from `maxRetries`: throttling is the budget doing its job, not an error, so a run of
   * 429s must not use up the retries meant for 5xx and network errors. Default 600 000 (10 min).
   */
  maxThrottleWaitMs?: number;
  /** The pacer to share; default: no pacing. */
  pacer?: Pacer;
  /** Injected fetch (tests drive retries and timeouts with a fake). Default node-fetch. */
  fetch?: FetchLike;
  /** Injected clock for backoff sleeps. */
  clock?: Clock;
  /** Injected randomness for jitter (0..1). */
  random?: () => number;
  /** Page size used by `list`. Default 100, the spec's maximum. */
  pageSize?: number;
  /**
   * Where waits longer than a second and retries are reported (one line each). Default: stderr,
   * labelled with the operation from `withLogContext` (see log.ts for why stderr).
   */
  log?: (text: string) => void;
}

/** A response shape: the seed spec's bare entities, or the published `{ message, data }` envelope. */
export type ResponseShape = "seed" | "published";

/** Counters the benchmark and tests read. */
export interface ClientStats {
  /** HTTP attempts sent, retries included. */
  requests: number;
  /** Attempts that were retries (after a 408, 5xx, network error or 429). */
  retries: number;
  /** Responses that were 429 (throttled). */
  throttled: number;
}

/** The Console API client. */
export class ConsoleClient {
  /** Counters since construction. */
  readonly stats: ClientStats = { requests: 0, retries: 0, throttled: 0 };
  /** The answers of this client's writes, served to the read-back that follows (see answers.ts). */
  readonly answers = new WriteAnswers();
  private readonly fetchImpl: FetchLike;
  private readonly clock: Clock;
  private readonly random: () => number;
  /** When the last pacing-wait line was logged (they are spaced out; retries are always logged). */
  private lastPacingLog = -Infinity;
  /** The response shape the service has answered in, once an answer told (see `shape`). */
  private answeredShape: ResponseShape | undefined;

  /** Creates a client; see `ClientOptions` for the defaults. */
  constructor(private readonly options: ClientOptions) {
    this.fetchImpl = options.fetch ?? (nodeFetch as unknown as FetchLike);
    this.clock = options.clock ?? realClock;
    this.random = options.random ?? Math.random;
  }

  /** The base URL requests go to. */
  get baseUrl(): string {
    return this.options.baseUrl.replace(/\/+$/, "");
  }

  /** The response shape an answer of this client has shown, if any yet (see `shape`). */
  get knownShape(): ResponseShape | undefined {
    return this.answeredShape;
  }

  /**
   * The service's response shape: the seed's bare entities or the published `{ message, data }`
   * envelope. The few fields whose form differs between the two contracts (a layer's
   * `parameters`: an object in the seed, a `{ name, type, defaultValue }` list in the published
   * API) are sent in the service's form. Known from any earlier answer of this client; otherwise
   * one `GET probePath?limit=1&page=1` (a list endpoint both shapes serve) tells.
   */
  async shape(probePath: string): Promise<ResponseShape> {
    if (!this.answeredShape) this.noteShape(await this.raw("GET", probePath, { query: { limit: 1, page: 1 } }));
    return this.answeredShape ?? "seed";
  }

  /**
   * Remembers the shape an answer is in: the published envelope always carries `message` next to
   * `data`; a bare entity (an `id` at the top) or the seed's list (`{ data, pagination }` without
   * `message`) is the seed's. Other answers (a DELETE's `{ message }`) say nothing.
   */
  private noteShape(body: unknown): void {
    if (!body || typeof body !== "object" || Array.isArray(body)) return;
    const b = body as Record<string, unknown>;
    if ("data" in b && "message" in b && unwrap(b) !== b) this.answeredShape = "published";
    else if (typeof b.id === "string" || ("data" in b && "pagination" in b && !("message" in b)))
      this.answeredShape = "seed";
  }

  /** GET and unwrap. */
  get<T>(p: string, opts: RequestOptions = {}): Promise<T> {
    return this.request<T>("GET", p, opts);
  }
  /** POST and unwrap. */
  post<T>(p: string, body?: unknown): Promise<T> {
    return this.request<T>("POST", p, { body });
  }
  /** PATCH and unwrap. */
  patch<T>(p: string, body: unknown): Promise<T> {
    return this.request<T>("PATCH", p, { body });
  }
  /** PUT and unwrap. */
  put<T>(p: string, body?: unknown): Promise<T> {
    return this.request<T>("PUT", p, { body });
  }
  /** DELETE. */
  delete(p: string): Promise<unknown> {
    return this.request<unknown>("DELETE", p);
  }

  /** Fetches every page of a list endpoint (either pagination shape; see pagination.ts). */
  async list<T>(p: string): Promise<T[]> {
    const out: T[] = [];
    for await (const items of this.pages<T>(p)) out.push(...items);
    return out;
  }

  /** The items of each page of a list endpoint, from page `from` to the last (see `page`). */
  pages<T>(p: string, from = 1): AsyncGenerator<T[]> {
    return pagesFrom((n) => this.page<T>(p, n), from);
  }

  /** The page size `list` and `page` ask for. */
  get pageSize(): number {
    return this.options.pageSize ?? 100;
  }

  /**
   * One page of a list endpoint: its items, whether it is the last, and the collection's size when
   * the answer says (see `readPage`).
   */
  async page<T>(p: string, page: number): Promise<ListPage<T>> {
    const limit = this.pageSize;
    const raw = await this.raw("GET", p, { query: { limit, page } });
    this.noteShape(raw);
    return readPage<T>(raw, limit);
  }

  /**
   * Sends a request and unwraps the published `{ message, data }` envelope when present. A `GET`
   * that follows a write of the same entity is answered from that write's answer, without a
   * request (see answers.ts); every write first forgets what was kept for its entity.
   */
  async request<T>(method: string, p: string, opts: RequestOptions = {}): Promise<T> {
    const send = async () => {
      const body = await this.raw(method, p, opts);
      if (method !== "DELETE") this.noteShape(body);
      return unwrap(body);
    };
    return (await this.answers.through(method, p, !!opts.query, send)) as T;
  }

  /** Sends a request with retries and pacing; returns the parsed JSON body (or undefined). */
  async raw(method: string, p: string, opts: RequestOptions = {}): Promise<unknown> {
    const key = this.options.apiKey();
    if (!key) throw new MissingApiKeyError();
    const req = prepareRequest(this.baseUrl, method, p, opts, key);
    const retries = new RetryBudget(this.retryLimits(), this.random);
    const timeoutMs = this.options.timeoutMs ?? 30_000;
    const log = this.options.log ?? logLine;
    // Whether an earlier attempt may have been applied by the server despite failing (see errors.ts).
    let ambiguous = false;
    for (let attempt = 0; ; attempt++) {
      // The slot is held until the response is in: the server counted the request by then.
      const release = await this.pacerSlot(method, p, log);
      this.stats.requests++;
      const result = await sendAttempt(this.fetchImpl, req, timeoutMs, { attempt, ambiguous }, release);
      if (result.ok) return result.body;
      const { failure } = result;
      if (!failure.retryable) throw failure;
      if (failure.mayHaveApplied) ambiguous = true;
      if (failure instanceof ThrottledError) this.stats.throttled++;
      const wait = retries.next(failure, parseRetryAfter(result.retryAfter, this.clock.now()));
      log(wait.line);
      // A 429 is about the whole project's budget: hold every request of this process back.
      if (wait.pauseAll) this.options.pacer?.pauseUntil(this.clock.now() + wait.ms);
      this.stats.retries++;
      await this.clock.sleep(wait.ms);
    }
  }

  private retryLimits(): RetryLimits {
    return {
      maxRetries: this.options.maxRetries ?? 5,
      backoffBaseMs: this.options.backoffBaseMs ?? 500,
      maxDelayMs: this.options.maxDelayMs ?? 30_000,
      maxThrottleWaitMs: this.options.maxThrottleWaitMs ?? 600_000,
    };
  }

  /** Waits for the pacer's slot (none without a pacer), telling the user of a long wait. */
  private async pacerSlot(method: string, p: string, log: (text: string) => void) {
    const pacer = this.options.pacer;
    if (!pacer) return undefined;
    return pacer.begin((ms, reason) => {
      // One pacing line per 5 s per process: a large `up` queues hundreds of requests, and a
      // line for each would bury the output; the count says how many are waiting.
      const now = this.clock.now();
      if (now - this.lastPacingLog < 5000) return;
      this.lastPacingLog = now;
      const others = pacer.queued > 1 ? `; ${pacer.queued - 1} more requests queued` : "";
      log(
        reason === "throttled"
          ? `waiting ${formatWait(ms)}: the Console API answered 429 and asked every request to pause${others}`
          : `waiting ${formatWait(ms)} for the rate budget (statsig:rateLimit / STATSIG_RATE_LIMIT) before ${method} ${p}${others}`,
      );
    });
  }
}
