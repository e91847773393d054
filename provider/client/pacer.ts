/**
 * Client-side pacing under the Console API's documented budget (about 100 requests per 10 s and
 * 900 per 15 min per project). Requests wait for a slot instead of being sent and bounced with
 * 429, so a large `pulumi up` runs at the limit instead of in retry storms. One pacer is shared by
 * every resource of a provider process (see `sharedPacer`), because the budget is per project,
 * not per resource.
 */

/** One sliding window: at most `limit` requests in any `windowMs` milliseconds. */
export interface RateWindow {
  limit: number;
  windowMs: number;
}

/** The published budget: 100 per 10 s and 900 per 15 min. */
export const PUBLISHED_BUDGET: readonly RateWindow[] = [
  { limit: 100, windowMs: 10_000 },
  { limit: 900, windowMs: 15 * 60_000 },
];

/**
 * Parses a budget: `off`, `published`, or a comma list like `100/10s,900/15m` (units ms, s, m, h).
 * Returns an empty list for `off`.
 */
export function parseBudget(spec: string): RateWindow[] {
  const s = spec.trim().toLowerCase();
  if (s === "off" || s === "none" || s === "0") return [];
  if (s === "" || s === "published" || s === "default") return [...PUBLISHED_BUDGET];
  return s.split(",").map((part) => {
    const m = /^(\d+)\s*\/\s*(\d+)?\s*(ms|s|m|h)$/.exec(part.trim());
    if (!m) throw new Error(`invalid rate budget "${part}": expected e.g. 100/10s or 900/15m`);
    const n = Number(m[2] ?? "1");
    const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[m[3] as "ms" | "s" | "m" | "h"];
    const limit = Number(m[1]);
    if (limit < 1 || n < 1) throw new Error(`invalid rate budget "${part}": numbers must be positive`);
    return { limit, windowMs: n * unit };
  });
}

/** Clock and sleep, injectable so tests need no real time. */
export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

/** The real clock. */
export const realClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/**
 * A FIFO sliding-window limiter over several windows at once, plus a shared pause that a 429's
 * `Retry-After` sets so every caller backs off together.
 */
export class Pacer {
  private readonly sent: number[][];
  private queue: Promise<void> = Promise.resolve();
  private pausedUntil = 0;
  /** Total milliseconds callers spent waiting for a slot (reported by the benchmark). */
  waitedMs = 0;

  /**
   * Creates a pacer for the given windows (empty list: no pacing). `marginMs` widens every window a
   * little: the server stamps a request when it arrives, later than the client sent it, so pacing
   * at exactly the budget would still be throttled now and then.
   */
  constructor(
    readonly windows: readonly RateWindow[],
    private readonly clock: Clock = realClock,
    private readonly marginMs = 0,
  ) {
    this.sent = windows.map(() => []);
  }

  /** Stops every caller until `until` (epoch ms), e.g. after a 429 with Retry-After. */
  pauseUntil(until: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, until);
  }

  /** Resolves when a request may be sent, and records it as sent. */
  acquire(): Promise<void> {
    // Chaining keeps callers in arrival order, so nobody starves under load.
    const turn = this.queue.then(() => this.waitForSlot());
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  private async waitForSlot(): Promise<void> {
    const started = this.clock.now();
    for (;;) {
      const now = this.clock.now();
      let wait = Math.max(0, this.pausedUntil - now);
      this.windows.forEach((w, i) => {
        const span = w.windowMs + this.marginMs;
        const times = this.sent[i];
        while (times.length && times[0] <= now - span) times.shift();
        if (times.length >= w.limit) wait = Math.max(wait, times[0] + span - now);
      });
      if (wait <= 0) {
        for (const times of this.sent) times.push(now);
        this.waitedMs += now - started;
        return;
      }
      await this.clock.sleep(wait);
    }
  }
}
