/**
 * One HTTP attempt against the Console API: the request as sent (URL, auth and version headers,
 * JSON body, keep-alive agent), the per-attempt timeout, and the failure it came to, as the error
 * class `apiError` picks (with Statsig's message, or an HTML page's title, and the key redacted).
 */
import * as http from "http";
import * as https from "https";
import { StatsigApiError, apiError, classify404, redact } from "./errors";

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

/** A request ready to send, the same for each of its attempts. */
export interface PreparedRequest {
  /** HTTP method. */
  method: string;
  /** Path and query string, relative to the base URL (what errors name). */
  relPath: string;
  /** The full URL. */
  url: string;
  /** Headers, the key among them (never copied into an error). */
  headers: Record<string, string>;
  /** The JSON text of the body, if any. */
  body?: string;
  /** The keep-alive agent of the URL's protocol. */
  agent: http.Agent;
  /** The key, to redact from anything the answer echoes. */
  key: string;
}

/** Builds the request of `method` `p` (with `opts`) under `baseUrl`, authenticated with `key`. */
export function prepareRequest(
  baseUrl: string,
  method: string,
  p: string,
  opts: RequestOptions,
  key: string,
): PreparedRequest {
  const qs = opts.query
    ? Object.entries(opts.query)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
        .join("&")
    : "";
  const relPath = qs ? `${p}?${qs}` : p;
  const url = baseUrl + relPath;
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
  return { method, relPath, url, headers, body, agent, key };
}

/** What one attempt came to: a success's parsed body, or the failure and its Retry-After. */
export type AttemptResult =
  { ok: true; body: unknown } | { ok: false; failure: StatsigApiError; retryAfter: string | null };

/** The attempt's place in its request: which attempt, and whether an earlier one may have been applied. */
export interface AttemptInfo {
  /** Attempts made before this one. */
  attempt: number;
  /** An earlier attempt failed in a way the server may have applied. */
  ambiguous: boolean;
}

/**
 * Sends one attempt, aborted after `timeoutMs`; `release` (the pacer's slot) is called once the
 * answer is in, or the attempt failed. Never throws: a failure comes back as its error.
 */
export async function sendAttempt(
  fetchImpl: FetchLike,
  req: PreparedRequest,
  timeoutMs: number,
  at: AttemptInfo,
  release?: () => Promise<void>,
): Promise<AttemptResult> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  let res: Awaited<ReturnType<FetchLike>>;
  let text: string;
  try {
    try {
      const { method, headers, body, agent } = req;
      res = await fetchImpl(req.url, { method, headers, body, agent, signal: controller.signal });
      text = await res.text();
    } finally {
      void release?.();
      clearTimeout(timer);
    }
  } catch (err) {
    return { ok: false, failure: noResponse(req, err, timeoutMs, at), retryAfter: null };
  }
  const parsed = parseJson(text);
  if (res.status >= 200 && res.status < 300) return { ok: true, body: parsed };
  const failure = apiError({
    status: res.status,
    apiMessage: redact(errorMessage(parsed, text, res.status), req.key),
    method: req.method,
    path: req.relPath,
    url: redact(req.url, req.key),
    notFoundKind: res.status === 404 ? classify404(parsed) : undefined,
    requestId: res.headers.get("x-request-id") ?? res.headers.get("x-statsig-request-id") ?? undefined,
    attempts: at.attempt + 1,
    ambiguousRetry: at.ambiguous,
  });
  return { ok: false, failure, retryAfter: res.headers.get("retry-after") };
}

/** The failure of an attempt that got no answer: a timeout (our abort) or a network error. */
function noResponse(req: PreparedRequest, err: unknown, timeoutMs: number, at: AttemptInfo): StatsigApiError {
  const e = err as { name?: string; type?: string; message?: string; code?: string };
  const timedOut = e.name === "AbortError" || e.type === "aborted";
  return apiError({
    status: 0,
    apiMessage: redact(timedOut ? `timed out after ${timeoutMs} ms` : `network error: ${e.code ?? e.message}`, req.key),
    method: req.method,
    path: req.relPath,
    url: redact(req.url, req.key),
    attempts: at.attempt + 1,
    ambiguousRetry: at.ambiguous,
  });
}

function parseJson(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Statsig's `message`, or for anything else (an HTML page, plain text) what says most about it. */
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
