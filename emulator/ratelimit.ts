/**
 * `--rate-limit`: the server side of the documented budget. Unlike the client's pacer (which
 * waits), this rejects: a request over any window gets 429 with `Retry-After` in whole seconds
 * until the oldest request leaves that window. The 429 body follows the service's error shape
 * `{ status, message }`; its exact text is a guess (the real one is undocumented).
 */
import { RateWindow, parseRateLimit } from "./rules";

/** Sliding-window admission over several windows. */
export class RateLimiter {
  private readonly sent: number[][];

  /** `spec`: `off` (default), `published` (100/10s, 900/15m), or e.g. `5/1s,50/1m`. */
  constructor(
    spec: string = "off",
    private readonly now: () => number = Date.now,
  ) {
    this.windows = parseRateLimit(spec);
    this.sent = this.windows.map(() => []);
  }

  /** The windows enforced (empty: no limit). */
  readonly windows: RateWindow[];

  /** Admits a request (recording it), or returns the milliseconds until one would be admitted. */
  admit(): { ok: true } | { ok: false; retryAfterMs: number } {
    const t = this.now();
    let wait = 0;
    this.windows.forEach((w, i) => {
      const times = this.sent[i];
      while (times.length && times[0] <= t - w.windowMs) times.shift();
      if (times.length >= w.limit) wait = Math.max(wait, times[0] + w.windowMs - t);
    });
    if (wait > 0) return { ok: false, retryAfterMs: wait };
    for (const times of this.sent) times.push(t);
    return { ok: true };
  }
}
