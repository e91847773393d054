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

  /** Builds the error; prefer the static helpers. */
  constructor(init: {
    status: number;
    apiMessage: string;
    method: string;
    path: string;
    requestId?: string;
    operation?: string;
    attempts?: number;
    ambiguousRetry?: boolean;
  }) {
    super(StatsigApiError.format(init));
    this.name = "StatsigApiError";
    this.status = init.status;
    this.apiMessage = init.apiMessage;
    this.method = init.method;
    this.path = init.path;
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
  }): string {
    const what = init.operation ? `failed to ${init.operation}` : "Statsig Console API request failed";
    const status = init.status ? `HTTP ${init.status}` : "no response";
    const rid = init.requestId ? `, request id ${init.requestId}` : "";
    const tries = init.attempts && init.attempts > 1 ? ` after ${init.attempts} attempts` : "";
    return `${what}: ${status} from ${init.method} ${init.path}${tries}: ${init.apiMessage}${rid}`;
  }

  /** True for 404: the entity does not exist (read drops it, delete counts it as done). */
  isNotFound(): boolean {
    return this.status === 404;
  }

  /** The same error, saying what the provider was doing (`create gate "x"`). */
  withOperation(operation: string): StatsigApiError {
    return new StatsigApiError({ ...this, operation });
  }
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
