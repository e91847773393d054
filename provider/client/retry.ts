/**
 * Which failed requests are tried again (the error's class says: 429, 408, every 5xx and no
 * response at all; see errors.ts), and how long to wait first.
 *
 * Two budgets: a number of retries for errors (5xx, 408, network, timeout), and a total time for
 * throttling (429). Throttling is the rate budget doing its job, not an error, so a run of 429s
 * must not use up the retries meant for failures. A 429's `Retry-After` is honoured (capped);
 * otherwise the wait is exponential backoff with "equal jitter".
 */
import { StatsigApiError, ThrottledError } from "./errors";
import { formatWait } from "./log";

/** Parses `Retry-After` (seconds or an HTTP date) into milliseconds from now. */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (!value) return undefined;
  const secs = Number(value);
  if (Number.isFinite(secs)) return Math.max(0, secs * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/**
 * The `n`th backoff (from 0): `baseMs·2ⁿ`, half of it fixed and half random ("equal jitter"), so
 * retries of parallel requests spread out; at most `maxMs`.
 */
export function backoffDelay(n: number, baseMs: number, maxMs: number, random: () => number): number {
  const base = baseMs * 2 ** n;
  return Math.min(maxMs, base / 2 + (random() * base) / 2);
}

/** The limits of one request's retries (see `ClientOptions` for each). */
export interface RetryLimits {
  /** Retries after failures other than 429. */
  maxRetries: number;
  /** Base of the backoff. */
  backoffBaseMs: number;
  /** Cap of one wait. */
  maxDelayMs: number;
  /** Total time spent waiting out 429s. */
  maxThrottleWaitMs: number;
}

/** The wait before the next attempt, and the line that tells the user. */
export interface RetryWait {
  /** Milliseconds to wait. */
  ms: number;
  /** What the user is told (one line). */
  line: string;
  /** A 429 asked every request to pause this long (its Retry-After). */
  pauseAll: boolean;
}

/** The retry budget of one request, across its attempts. */
export class RetryBudget {
  private errorRetries = 0;
  private throttles = 0;
  private throttleWaitedMs = 0;

  /** A fresh budget under `limits`; `random` (0..1) drives the jitter. */
  constructor(
    private readonly limits: RetryLimits,
    private readonly random: () => number,
  ) {}

  /**
   * The wait before retrying after a retryable `failure` (`retryAfterMs`: its Retry-After), or
   * throws `failure` when the budget is spent (a 429's saying how long it waited and the setting).
   */
  next(failure: StatsigApiError, retryAfterMs: number | undefined): RetryWait {
    return failure instanceof ThrottledError ? this.throttled(failure, retryAfterMs) : this.failed(failure);
  }

  private throttled(failure: StatsigApiError, retryAfterMs: number | undefined): RetryWait {
    const { maxDelayMs, maxThrottleWaitMs, backoffBaseMs } = this.limits;
    const ms =
      retryAfterMs !== undefined
        ? Math.min(retryAfterMs, maxDelayMs)
        : backoffDelay(this.throttles, backoffBaseMs, maxDelayMs, this.random);
    this.throttles++;
    if (this.throttleWaitedMs + ms > maxThrottleWaitMs)
      throw failure.withMessage(
        `${failure.apiMessage} (still throttled after waiting ${Math.round(this.throttleWaitedMs / 1000)} s; ` +
          `raise statsig:maxThrottleWaitMs / STATSIG_MAX_THROTTLE_WAIT_MS to wait longer)`,
      );
    this.throttleWaitedMs += ms;
    const line =
      `HTTP 429 from ${failure.method} ${failure.path}; waiting ${formatWait(ms)}` +
      (retryAfterMs !== undefined ? " as its Retry-After asks" : "") +
      ` (${formatWait(this.throttleWaitedMs)} of statsig:maxThrottleWaitMs ${formatWait(maxThrottleWaitMs)} used), then retrying`;
    return { ms, line, pauseAll: retryAfterMs !== undefined };
  }

  private failed(failure: StatsigApiError): RetryWait {
    const { maxRetries, backoffBaseMs, maxDelayMs } = this.limits;
    if (this.errorRetries >= maxRetries) throw failure;
    const ms = backoffDelay(this.errorRetries, backoffBaseMs, maxDelayMs, this.random);
    this.errorRetries++;
    const line =
      `${failure.status ? `HTTP ${failure.status}` : "no response"} from ${failure.method} ${failure.path}: ${failure.apiMessage}; ` +
      `retry ${this.errorRetries} of ${maxRetries} in ${formatWait(ms)}`;
    return { ms, line, pauseAll: false };
  }
}
