/**
 * The Console API client: the one place that speaks HTTP to Statsig (or the emulator).
 *
 * It owns the base URL, the auth and version headers, a keep-alive agent, the request timeout,
 * retries (429, 5xx, network errors; exponential backoff with jitter; `Retry-After` honoured and
 * capped), client-side pacing under the documented budget, pagination, and unwrapping of both
 * response shapes: the seed's bare entities and the published `{ message, data }` envelope.
 * Per-entity code calls `get`/`post`/`patch`/`put`/`delete`/`list` with a path and nothing else.
 */
import * as http from "http";
import * as https from "https";
import nodeFetch from "node-fetch";
import { MissingApiKeyError, StatsigApiError, classify404, redact } from "./errors";
import { formatWait, logLine } from "./log";
import { Clock, Pacer, realClock } from "./pacer";
import { WriteAnswers } from "./answers";

export { StatsigApiError, MissingApiKeyError, isNotFound, isMissingEndpoint, classify404 } from "./errors";
export type { NotFoundKind } from "./errors";
export { Pacer, parseBudget, PUBLISHED_BUDGET } from "./pacer";
export type { RateWindow } from "./pacer";
export { withLogContext, logContext, setLogSink } from "./log";
export { statsig, StatsigApi } from "./statsig";

/** The production base URL of the Console API. */
export const DEFAULT_API_URL = "https://statsigapi.net/console/v1";
/** The API version this package speaks (the seed spec's `info.version`). */
export const API_VERSION = "20240601";

/** The subset of the fetch signature the client uses (node-fetch v2 by default). */
export type FetchLike = (
  url: string,
  init: {
    method: string;
    headers: Record<string, string>;
    body?: string;
    agent?: unknown;
    signal?: AbortSignal;
  },
) => Promise<{
  /** HTTP status (network failures reject instead). */
  status: number;
  /** Response headers (`Retry-After`, request id). */
  headers: {
    /** A header's value, or `null` when absent. */
    get(name: string): string | null;
  };
  /** The body as text (the client parses JSON itself, to report unparsable bodies). */
  text(): Promise<string>;
}>;

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

/** One request's options. */
export interface RequestOptions {
  /** JSON request body. */
  body?: unknown;
  /** Query parameters; `undefined` values are left out. */
  query?: Record<string, string | number | undefined>;
}

/** Keep-alive agents: a `pulumi up` makes many small requests to one host. */
const agents = {
  http: new http.Agent({ keepAlive: true, maxSockets: 16 }),
  https: new https.Agent({ keepAlive: true, maxSockets: 16 }),
};

/** Encodes path parameters: `path\`/gates/${id}\`` can never escape its segment. */
export function path(strings: TemplateStringsArray, ...values: (string | number)[]): string {
  return strings.reduce((acc, s, i) => acc + s + (i < values.length ? encodeURIComponent(String(values[i])) : ""), "");
}

/** A response shape: the seed spec's bare entities, or the published `{ message, data }` envelope. */
export type ResponseShape = "seed" | "published";

/** One page of a list endpoint (`ConsoleClient.page`). */
export interface ListPage<T> {
  /** The entities on the page. */
  items: T[];
  /** No page follows. */
  last: boolean;
  /** How many entities the collection holds, when the answer says. */
  total?: number;
}

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

  /**
   * Fetches every page of a list endpoint. Understands the seed's pagination
   * (`{ total, page, limit, hasMore }`) and the published one (`{ pageNumber, nextPage, ... }`,
   * `nextPage` null on the last page), and stops on a short or empty page whatever the shape.
   */
  async list<T>(p: string): Promise<T[]> {
    const out: T[] = [];
    for await (const items of this.pages<T>(p)) out.push(...items);
    return out;
  }

  /** The items of each page of a list endpoint, from page `from` to the last (see `page`). */
  async *pages<T>(p: string, from = 1): AsyncGenerator<T[]> {
    for (let page = from; page < 10_000; page++) {
      const { items, last } = await this.page<T>(p, page);
      yield items;
      if (last) return;
    }
  }

  /** The page size `list` and `page` ask for. */
  get pageSize(): number {
    return this.options.pageSize ?? 100;
  }

  /**
   * One page of a list endpoint: its items, whether it is the last, and the collection's size when
   * the answer says (`totalItems` in the published pagination, `total` in the seed's).
   */
  async page<T>(p: string, page: number): Promise<ListPage<T>> {
    const limit = this.pageSize;
    const raw = await this.raw("GET", p, { query: { limit, page } });
    this.noteShape(raw);
    const body = (raw ?? {}) as { data?: T[]; pagination?: Record<string, unknown> };
    const items = Array.isArray(body) ? (body as T[]) : Array.isArray(body.data) ? body.data : [];
    const pg = body.pagination;
    const total =
      typeof pg?.totalItems === "number" ? pg.totalItems : typeof pg?.total === "number" ? pg.total : undefined;
    let last: boolean;
    if (!pg || items.length === 0) last = true;
    else if ("hasMore" in pg) last = !pg.hasMore;
    else if ("nextPage" in pg) last = pg.nextPage === null || pg.nextPage === undefined;
    else last = items.length < limit;
    return { items, last, total };
  }

  /**
   * Sends a request and unwraps the published `{ message, data }` envelope when present. A `GET`
   * that follows a write of the same entity is answered from that write's answer, without a
   * request (see answers.ts); every write first forgets what was kept for its entity.
   */
  async request<T>(method: string, p: string, opts: RequestOptions = {}): Promise<T> {
    if (method === "GET" && !opts.query) {
      const kept = this.answers.take(p);
      if (kept !== undefined) return kept as T;
    } else if (method !== "GET") this.answers.forget(p);
    const body = await this.raw(method, p, opts);
    if (method !== "DELETE") this.noteShape(body);
    const answer = unwrap(body);
    // A DELETE's answer is never the entity any more (a later GET must hear the 404).
    if (method !== "GET" && method !== "DELETE") this.answers.record(method, p, answer);
    return answer as T;
  }

  /** Sends a request with retries and pacing; returns the parsed JSON body (or undefined). */
  async raw(method: string, p: string, opts: RequestOptions = {}): Promise<unknown> {
    const key = this.options.apiKey();
    if (!key) throw new MissingApiKeyError();
    const qs = opts.query
      ? Object.entries(opts.query)
          .filter(([, v]) => v !== undefined)
          .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
          .join("&")
      : "";
    const relPath = qs ? `${p}?${qs}` : p;
    const url = this.baseUrl + relPath;
    const maxRetries = this.options.maxRetries ?? 5;
    const headers: Record<string, string> = {
      "STATSIG-API-KEY": key,
      "STATSIG-API-VERSION": API_VERSION,
      Accept: "application/json",
    };
    let body: string | undefined;
    if (opts.body !== undefined) {
      headers["Content-Type"] = "application/json";
      body = JSON.stringify(opts.body);
    }
    const agent = url.startsWith("https:") ? agents.https : agents.http;

    // Whether an earlier attempt may have been applied by the server despite failing (see errors.ts).
    let ambiguous = false;
    // Two budgets: retries for errors (5xx, 408, network), and time for throttling (429).
    let errorRetries = 0;
    let throttles = 0;
    let throttleWaitedMs = 0;
    const maxThrottleWaitMs = this.options.maxThrottleWaitMs ?? 600_000;
    const log = this.options.log ?? logLine;
    for (let attempt = 0; ; attempt++) {
      // The slot is held until the response is in: the server counted the request by then.
      const pacer = this.options.pacer;
      const release = pacer
        ? await pacer.begin((ms, reason) => {
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
          })
        : undefined;
      this.stats.requests++;
      let failure: StatsigApiError;
      let retryAfterMs: number | undefined;
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(), this.options.timeoutMs ?? 30_000);
      try {
        let res: Awaited<ReturnType<FetchLike>>;
        let text: string;
        try {
          res = await this.fetchImpl(url, { method, headers, body, agent, signal: controller.signal });
          text = await res.text();
        } finally {
          void release?.();
        }
        clearTimeout(timer);
        const parsed = parseJson(text);
        if (res.status >= 200 && res.status < 300) return parsed;
        const requestId = res.headers.get("x-request-id") ?? res.headers.get("x-statsig-request-id") ?? undefined;
        failure = new StatsigApiError({
          status: res.status,
          apiMessage: redact(errorMessage(parsed, text, res.status), key),
          method,
          path: relPath,
          url: redact(url, key),
          notFoundKind: res.status === 404 ? classify404(parsed) : undefined,
          requestId,
          attempts: attempt + 1,
          ambiguousRetry: ambiguous,
        });
        if (!isRetryableStatus(res.status)) throw failure;
        if (res.status >= 500) ambiguous = true;
        if (res.status === 429) this.stats.throttled++;
        retryAfterMs = parseRetryAfter(res.headers.get("retry-after"), this.clock.now());
      } catch (err) {
        clearTimeout(timer);
        if (err instanceof StatsigApiError) throw err;
        const e = err as { name?: string; type?: string; message?: string; code?: string };
        const timedOut = e.name === "AbortError" || e.type === "aborted";
        failure = new StatsigApiError({
          status: 0,
          apiMessage: redact(
            timedOut
              ? `timed out after ${this.options.timeoutMs ?? 30_000} ms`
              : `network error: ${e.code ?? e.message}`,
            key,
          ),
          method,
          path: relPath,
          url: redact(url, key),
          attempts: attempt + 1,
          ambiguousRetry: ambiguous,
        });
        ambiguous = true;
      }
      const maxDelay = this.options.maxDelayMs ?? 30_000;
      // "Equal jitter": half fixed, half random, so retries of parallel requests spread out.
      const backoff = (n: number) => {
        const base = (this.options.backoffBaseMs ?? 500) * 2 ** n;
        return Math.min(maxDelay, base / 2 + (this.random() * base) / 2);
      };
      let delay: number;
      if (failure.status === 429) {
        delay = retryAfterMs !== undefined ? Math.min(retryAfterMs, maxDelay) : backoff(throttles);
        throttles++;
        if (throttleWaitedMs + delay > maxThrottleWaitMs) {
          throw new StatsigApiError({
            ...failure,
            apiMessage:
              `${failure.apiMessage} (still throttled after waiting ${Math.round(throttleWaitedMs / 1000)} s; ` +
              `raise statsig:maxThrottleWaitMs / STATSIG_MAX_THROTTLE_WAIT_MS to wait longer)`,
          });
        }
        throttleWaitedMs += delay;
        log(
          `HTTP 429 from ${method} ${relPath}; waiting ${formatWait(delay)}` +
            (retryAfterMs !== undefined ? " as its Retry-After asks" : "") +
            ` (${formatWait(throttleWaitedMs)} of statsig:maxThrottleWaitMs ${formatWait(maxThrottleWaitMs)} used), then retrying`,
        );
        // A 429 is about the whole project's budget: hold every request of this process back.
        if (retryAfterMs !== undefined) this.options.pacer?.pauseUntil(this.clock.now() + delay);
      } else {
        if (errorRetries >= maxRetries) throw failure;
        delay = backoff(errorRetries);
        errorRetries++;
        log(
          `${failure.status ? `HTTP ${failure.status}` : "no response"} from ${method} ${relPath}: ${failure.apiMessage}; ` +
            `retry ${errorRetries} of ${maxRetries} in ${formatWait(delay)}`,
        );
      }
      this.stats.retries++;
      await this.clock.sleep(delay);
    }
  }
}

/** 429 (throttled), 408 (timeout) and every 5xx are worth another attempt; other 4xx are not. */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || status === 408 || status >= 500;
}

/** Parses `Retry-After` (seconds or an HTTP date) into milliseconds from now. */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (!value) return undefined;
  const secs = Number(value);
  if (Number.isFinite(secs)) return Math.max(0, secs * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

function parseJson(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function errorMessage(parsed: unknown, text: string, status: number): string {
  if (parsed && typeof parsed === "object" && typeof (parsed as { message?: unknown }).message === "string") {
    return (parsed as { message: string }).message;
  }
  // An HTML page (a proxy, a web server at the wrong URL): its title says more than its markup.
  const title = /<title[^>]*>([^<]*)<\/title>/i.exec(text)?.[1]?.trim();
  if (typeof parsed === "string" && /<html|<!doctype/i.test(text)) {
    return `not a JSON answer (an HTML page${title ? ` titled "${title}"` : ""})`;
  }
  if (text && text.length < 500) return text;
  return http.STATUS_CODES[status] ?? "error";
}

/** Collections confirmed to answer (base URL + path → pending or settled probe), per process. */
const confirmedCollections = new Map<string, Promise<StatsigApiError | undefined>>();

/** `/gates/x/overrides` → `/gates`: every Console API entity lives in a top-level collection. */
export function collectionOf(relPath: string): string {
  return "/" + (relPath.split("?")[0].split("/").filter(Boolean)[0] ?? "");
}

/**
 * Probes a collection with `GET <collectionPath>?limit=1`; resolves to the failure, or undefined
 * when it answered 200 with JSON (the base URL and route are right, so an entity 404 there means
 * the entity is gone). Asked once per process per collection (a success is cached), so a refresh
 * that finds many deletions pays once.
 */
function probeCollection(client: ConsoleClient, collectionPath: string): Promise<StatsigApiError | undefined> {
  const cacheKey = `${client.baseUrl} ${collectionPath}`;
  let probe = confirmedCollections.get(cacheKey);
  if (!probe) {
    probe = client.raw("GET", collectionPath, { query: { limit: 1 } }).then(
      (body) =>
        body && typeof body === "object"
          ? undefined
          : new StatsigApiError({
              status: 200,
              apiMessage: "answered 200 but not with the Console API's JSON",
              method: "GET",
              path: collectionPath,
              url: client.baseUrl + collectionPath,
            }),
      (err: unknown) => {
        if (err instanceof StatsigApiError) return err;
        throw err;
      },
    );
    confirmedCollections.set(cacheKey, probe);
    // Only a success is remembered: a failed probe is asked again next time.
    void probe
      .then((failed) => failed && confirmedCollections.delete(cacheKey))
      .catch(() => confirmedCollections.delete(cacheKey));
  }
  return probe;
}

/**
 * Whether `err` means the entity is gone, for read (drop from state) and delete (done). Gone only
 * when Statsig answered an entity 404 AND the entity's collection confirms the endpoint works.
 * Returns false for every other error (the caller rethrows it; a non-entity 404 already names the
 * full URL). Throws when the entity 404 cannot be confirmed, saying why, so nothing is dropped on
 * the strength of an answer that may have come from the wrong server.
 */
export async function isGone(
  err: unknown,
  client: ConsoleClient,
  collectionPath: string = err instanceof StatsigApiError ? collectionOf(err.path) : "/",
): Promise<boolean> {
  if (!(err instanceof StatsigApiError) || !err.isNotFound()) return false;
  const failed = await probeCollection(client, collectionPath);
  if (!failed) return true;
  throw new StatsigApiError({
    ...err,
    apiMessage:
      `${err.apiMessage}; not treated as deleted, because the collection check ` +
      `GET ${failed.url ?? collectionPath} failed too: ${failed.status ? `HTTP ${failed.status}` : "no response"}: ${failed.apiMessage}`,
  });
}

/**
 * Unwraps the published envelope `{ message, data }`. The seed returns entities bare; a bare
 * entity never has exactly the keys of an envelope, so the check is shape-based.
 */
export function unwrap(body: unknown): unknown {
  if (body && typeof body === "object" && !Array.isArray(body) && "data" in body) {
    const keys = Object.keys(body);
    if (keys.every((k) => k === "data" || k === "message" || k === "pagination")) {
      return (body as { data: unknown }).data;
    }
  }
  return body;
}
