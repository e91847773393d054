/**
 * The one error type of the Console API client. It carries what a user needs to act (HTTP status,
 * Statsig's message, method, path, request id) and, once the provider adds it, what was being
 * done (`create gate "new_checkout"`). It never carries the API key: the key travels only in a
 * request header, headers are never attached, and any text that echoes the key is redacted.
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

  /** Builds the error from what the client observed (the provider adds `operation` later). */
  constructor(init: {
    status: number;
    apiMessage: string;
    method: string;
    path: string;
    requestId?: string;
    operation?: string;
    attempts?: number;
    ambiguousRetry?: boolean;
    url?: string;
    notFoundKind?: NotFoundKind;
  }) {
    super(StatsigApiError.format(init));
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

  private static format(init: {
    status: number;
    apiMessage: string;
    method: string;
    path: string;
    requestId?: string;
    operation?: string;
    attempts?: number;
    url?: string;
    notFoundKind?: NotFoundKind;
  }): string {
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
   * True only for a 404 in which Statsig says the entity does not exist. A 404 from a missing
   * route, a wrong base URL or a proxy is not "not found": treating it so once made refresh drop
   * every resource from state. Callers that drop state should also confirm with `isGone`.
   */
  isNotFound(): boolean {
    return this.status === 404 && this.notFoundKind === "entity";
  }

  /** True for a 404 that is not about an entity: no such endpoint, wrong base URL, proxy page. */
  isMissingEndpoint(): boolean {
    return this.status === 404 && this.notFoundKind !== "entity";
  }

  /** The same error, saying what the provider was doing (`create gate "x"`). */
  withOperation(operation: string): StatsigApiError {
    return new StatsigApiError({ ...this, operation });
  }
}

/** What a 404 was about: see `StatsigApiError.notFoundKind`. */
export type NotFoundKind = "entity" | "endpoint";

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

/** True when `err` is a 404 in which Statsig says the entity does not exist (see `classify404`). */
export function isNotFound(err: unknown): boolean {
  return err instanceof StatsigApiError && err.isNotFound();
}

/** True when `err` is a 404 from something other than an entity lookup (route, base URL, proxy). */
export function isMissingEndpoint(err: unknown): boolean {
  return err instanceof StatsigApiError && err.isMissingEndpoint();
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
