/**
 * The errors of the Console API client. Each carries what a user needs to act (HTTP status,
 * Statsig's message, method, path, request id) and, once the provider adds it, what was being
 * done (`create gate "new_checkout"`). None carries the API key: the key travels only in a request
 * header, headers are never attached, and any text that echoes the key is redacted.
 *
 * What a failure means is said by its class, chosen once, by `apiError`, from the status and the
 * 404's body: callers ask `err instanceof NotFoundError` (or `retryable`, `mayHaveApplied`)
 * instead of comparing statuses and methods themselves.
 */

/** What a 404 was about: see `StatsigApiError.notFoundKind`. */
export type NotFoundKind = "entity" | "endpoint";

/** What the client observed of a failed request (the provider adds `operation` later). */
export interface ApiErrorInit {
  /** HTTP status, or 0 when no response arrived. */
  status: number;
  /** Statsig's message, or a transport reason. */
  apiMessage: string;
  /** HTTP method. */
  method: string;
  /** Path relative to the base URL, query string included. */
  path: string;
  /** Request id from the response headers. */
  requestId?: string;
  /** What the provider was doing. */
  operation?: string;
  /** Attempts made. */
  attempts?: number;
  /** An earlier attempt may have been applied. */
  ambiguousRetry?: boolean;
  /** The full URL tried (key-redacted). */
  url?: string;
  /** For a 404, what answered. */
  notFoundKind?: NotFoundKind;
}

/**
 * A failed Console API request. Its subclasses say what kind of failure it is; every error the
 * client throws for an HTTP answer or a missing one is a `StatsigApiError`.
 */
export class StatsigApiError extends Error {
  /** HTTP status, or 0 when no response arrived (network error, timeout). */
  readonly status: number;
  /** Statsig's own error message (the `message` field of the error body), or a transport reason. */
  readonly apiMessage: string;
  /** HTTP method of the failed request. */
  readonly method: string;
  /** Path of the failed request, relative to the API base URL (query string included). */
  readonly path: string;
  /**
   * The full URL tried (key-redacted). Transport errors and 404s that are not an entity's name it
   * instead of the path: there the base URL itself is the likely mistake.
   */
  readonly url?: string;
  /**
   * For a 404, what answered: `entity` when Statsig's JSON error says the entity does not exist,
   * `endpoint` for anything else (no such route, a wrong base URL, a proxy's HTML page).
   */
  readonly notFoundKind?: NotFoundKind;
  /** Request id from the response headers, when the service sent one. */
  readonly requestId?: string;
  /** What the provider was doing, e.g. `create gate "new_checkout"`; set by `withOperation`. */
  readonly operation?: string;
  /** How many attempts were made before giving up. */
  readonly attempts: number;
  /**
   * An earlier attempt of this request failed in a way that may have been applied anyway (5xx,
   * connection reset, timeout), so a 400 "already exists" on a retried create may be our own.
   */
  readonly ambiguousRetry: boolean;

  /**
   * Builds the error from what the client observed; `apiError` picks the subclass.
   *
   * @internal
   */
  constructor(init: ApiErrorInit) {
    super(formatMessage(init));
    this.name = "StatsigApiError";
    this.status = init.status;
    this.apiMessage = init.apiMessage;
    this.method = init.method;
    this.path = init.path;
    this.url = init.url;
    this.notFoundKind = init.notFoundKind;
    this.requestId = init.requestId;
    this.operation = init.operation;
    this.attempts = init.attempts ?? 1;
    this.ambiguousRetry = init.ambiguousRetry ?? false;
  }

  /** Another attempt of the same request may succeed (the client retries these). */
  get retryable(): boolean {
    return false;
  }

  /** The server may have applied the request although it failed (or an earlier attempt of it). */
  get mayHaveApplied(): boolean {
    return this.ambiguousRetry;
  }

  /** The failed request was a POST, which is how the Console API creates entities. */
  get fromPost(): boolean {
    return this.method === "POST";
  }

  /**
   * True only for a 404 in which Statsig says the entity does not exist. A 404 from a missing
   * route, a wrong base URL or a proxy is not "not found": treating it so once made refresh drop
   * every resource from state. Callers that drop state should also confirm with `isGone`.
   */
  isNotFound(): boolean {
    return false;
  }

  /**
   * The same error (same class), saying what the provider was doing (`create gate "x"`).
   *
   * @internal
   */
  withOperation(operation: string): StatsigApiError {
    return apiError({ ...this, operation });
  }

  /**
   * The same error (same class) with another message, e.g. one saying why it was not retried.
   *
   * @internal
   */
  withMessage(apiMessage: string): StatsigApiError {
    return apiError({ ...this, apiMessage });
  }
}

/** No response arrived (network error, timeout): retried, and the server may have applied it. */
export class NoResponseError extends StatsigApiError {
  /** Retried. */
  override get retryable(): boolean {
    return true;
  }
  /** The request may have reached the server. */
  override get mayHaveApplied(): boolean {
    return true;
  }
}

/** A 5xx: retried, and the server may have applied the request before failing. */
export class ServerError extends StatsigApiError {
  /** Retried. */
  override get retryable(): boolean {
    return true;
  }
  /** The server may have applied the request. */
  override get mayHaveApplied(): boolean {
    return true;
  }
}

/** A 4xx: the request as sent was not accepted (not applied, unless an earlier attempt was). */
export class ClientError extends StatsigApiError {}

/** A 400 or 409: the service refused the request (validation, "already exists"). */
export class RefusedError extends ClientError {}

/** A 400 (Statsig's answer to an invalid body and to a create whose entity exists). */
export class BadRequestError extends RefusedError {}

/** A 409. */
export class ConflictError extends RefusedError {}

/** A 404 in which Statsig says the entity does not exist (see `classify404`). */
export class NotFoundError extends ClientError {
  /** True: the entity does not exist. */
  override isNotFound(): boolean {
    return true;
  }
}

/** A 404 that is not about an entity: no such endpoint, a wrong base URL, a proxy's page. */
export class MissingEndpointError extends ClientError {}

/** A 429: the rate budget is spent; retried after the wait the service asks for. */
export class ThrottledError extends ClientError {
  /** Retried (within `maxThrottleWaitMs`). */
  override get retryable(): boolean {
    return true;
  }
}

/** A 408: the server timed out waiting for the request; retried. */
export class RequestTimeoutError extends ClientError {
  /** Retried. */
  override get retryable(): boolean {
    return true;
  }
}

/** The one place a failure's class is chosen: by status, and for a 404 by what its body says. */
export function apiError(init: ApiErrorInit): StatsigApiError {
  const s = init.status;
  if (s === 0) return new NoResponseError(init);
  if (s >= 500) return new ServerError(init);
  if (s === 400) return new BadRequestError(init);
  if (s === 409) return new ConflictError(init);
  if (s === 404) return init.notFoundKind === "entity" ? new NotFoundError(init) : new MissingEndpointError(init);
  if (s === 429) return new ThrottledError(init);
  if (s === 408) return new RequestTimeoutError(init);
  if (s >= 400) return new ClientError(init);
  return new StatsigApiError(init);
}

function formatMessage(init: ApiErrorInit): string {
  const what = init.operation ? `failed to ${init.operation}` : "Statsig Console API request failed";
  const status = init.status ? `HTTP ${init.status}` : "no response";
  const rid = init.requestId ? `, request id ${init.requestId}` : "";
  const tries = init.attempts && init.attempts > 1 ? ` after ${init.attempts} attempts` : "";
  // Where the base URL may be at fault, say exactly which URL was tried.
  const baseUrlSuspect = init.status === 0 || (init.status === 404 && init.notFoundKind !== "entity");
  const where = baseUrlSuspect && init.url ? init.url : init.path;
  const hint =
    init.status === 404 && init.notFoundKind !== "entity"
      ? " (this is not a Console API answer about an entity: check statsig:apiUrl / STATSIG_API_URL, " +
        "which should end in /console/v1)"
      : "";
  return `${what}: ${status} from ${init.method} ${where}${tries}: ${init.apiMessage}${rid}${hint}`;
}

/**
 * Classifies a 404's body. Statsig (and the emulator) answer a missing entity with JSON
 * `{ status: 404, message: "Gate \"x\" not found" }` or the published generic "Not Found. The
 * requested resource could not be found."; an unknown route answers "no such endpoint /x" (the
 * emulator's first shape) or NestJS's `{ statusCode: 404, error: "Not Found", message: "Cannot GET
 * /x" }`, and proxies and wrong hosts answer HTML or a bare "Not Found". Only the first kind is an
 * entity; anything unrecognised is treated as an endpoint problem, the safe side (fail, not drop).
 */
export function classify404(parsed: unknown): NotFoundKind {
  if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) return "endpoint";
  const message = (parsed as { message?: unknown }).message;
  if (typeof message !== "string") return "endpoint";
  const m = message.trim();
  if (/^cannot [a-z]+ \//i.test(m) || /\b(no such|unknown) (admin )?(endpoint|route)\b/i.test(m)) return "endpoint";
  if (/^not found\.?$/i.test(m)) return "endpoint"; // a gateway's bare "Not Found" says nothing about an entity
  return /\bnot found\b|could not be found|do(es)? not exist/i.test(m) ? "entity" : "endpoint";
}

/** Raised when no Console API key is configured; names both ways to set one. */
export class MissingApiKeyError extends Error {
  /** Builds the error. */
  constructor() {
    super(
      "Statsig Console API key is not set: run `pulumi config set --secret statsig:consoleApiKey <key>` " +
        "or set the STATSIG_CONSOLE_API_KEY environment variable",
    );
    this.name = "MissingApiKeyError";
  }
}

/** Removes every occurrence of `secret` from `text` (the key must never reach a message). */
export function redact(text: string, secret: string | undefined): string {
  if (!secret || secret.length < 4) return text;
  return text.split(secret).join("[REDACTED]");
}
