/**
 * Client-side pacing under the Console API's documented budget (about 100 requests per 10 s and
 * 900 per 15 min per project). Requests wait for a slot instead of being sent and bounced with
 * 429, so a large `pulumi up` runs at the limit instead of in retry storms.
 *
 * Two rules keep our own traffic at zero 429s (issue 10):
 * - A request occupies its slot from the moment it is admitted until its response arrives, and
 *   is then stamped with the arrival time of the response. The server counts a request when it
 *   arrives, which is never later than its response, so a window that is full by our count is full
 *   by the server's. (Stamping at send time undercounts whenever requests queue on the client's
 *   sockets: a fresh window then drew 429s before its 100th request.)
 * - The budget is per project, not per process: every provider process on the machine that uses
 *   the same key and URL shares one record, a small lock-protected JSON file (see `FileStore`),
 *   so back-to-back commands and parallel stacks share one budget.
 *
 * This file is the algorithm; the budget's syntax is in budget.ts, the record's stores in
 * pacerStore.ts.
 */
import { Clock, realClock } from "./clock";
import { RateWindow } from "./budget";
import { MemoryStore, PacerState, PacerStore, processAlive } from "./pacerStore";

/** Requests in flight longer than this are assumed lost (their process hung or its clock jumped). */
const INFLIGHT_STALE_MS = 15 * 60_000;
/** While a window is full of requests in flight, how often to look again. */
const INFLIGHT_POLL_MS = 25;

let nextId = 0;

/**
 * A FIFO sliding-window limiter over several windows at once, plus a shared pause that a 429's
 * `Retry-After` sets so every caller backs off together.
 */
export class Pacer {
  private queue: Promise<void> = Promise.resolve();
  /** The pause known to this process (the store's is authoritative; this one avoids a file read). */
  private pausedUntil = 0;
  /** Stamps are kept this long: the longest window here, and never less than the published one. */
  private readonly retainMs: number;
  /** Total milliseconds callers spent waiting for a slot (reported by the benchmark). */
  waitedMs = 0;
  /** Callers of this process waiting for a slot now (said in the waiting line). */
  queued = 0;

  /**
   * Creates a pacer for the given windows (empty list: no pacing). `marginMs` widens every window a
   * little, for servers whose clocks or counting differ from ours. `store` holds the state (default:
   * this process only; `FileStore` to share it between processes).
   */
  constructor(
    /** The windows every request must fit in. */
    readonly windows: readonly RateWindow[],
    private readonly clock: Clock = realClock,
    private readonly marginMs = 0,
    private readonly store: PacerStore = new MemoryStore(),
  ) {
    this.retainMs = Math.max(15 * 60_000, ...windows.map((w) => w.windowMs)) + marginMs;
  }

  /** Stops every caller (of every process sharing the store) until `until` (epoch ms). */
  pauseUntil(until: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, until);
    this.store
      .update((s) => {
        s.pausedUntil = Math.max(s.pausedUntil, until);
      })
      .catch(() => undefined);
  }

  /**
   * Resolves when a request may be sent, holding its slot until the returned `release` is called
   * with the response (or the failure) in hand. `onLongWait` is told once when the caller will have
   * waited more than a second (the expected total wait, and why), so the user can be told.
   */
  begin(onLongWait?: (ms: number, reason: string) => void): Promise<() => Promise<void>> {
    // Chaining keeps callers in arrival order, so nobody starves under load.
    // The wait reported includes the time spent queued behind earlier callers.
    const enqueued = this.clock.now();
    this.queued++;
    const turn = this.queue.then(() => this.waitForSlot(enqueued, onLongWait)).finally(() => this.queued--);
    this.queue = turn.then(
      () => undefined,
      () => undefined,
    );
    return turn.then((id) => {
      let released = false;
      return async () => {
        if (released || !this.windows.length) return;
        released = true;
        const now = this.clock.now();
        await this.store
          .update((s) => {
            s.inflight = s.inflight.filter((e) => e.id !== id);
            s.done.push(now);
          })
          .catch(() => undefined);
      };
    });
  }

  /** Resolves when a request may be sent, stamping it as sent now (for callers without a response). */
  async acquire(): Promise<void> {
    const release = await this.begin();
    await release();
  }

  private async waitForSlot(enqueued: number, onLongWait?: (ms: number, reason: string) => void): Promise<string> {
    const started = this.clock.now();
    const id = `${process.pid}-${++nextId}`;
    let reported = false;
    for (;;) {
      const now = this.clock.now();
      const localPause = this.pausedUntil - now;
      const wait =
        localPause > 0
          ? { ms: localPause, reason: "throttled" }
          : await this.store.update((s) => this.admit(s, now, id));
      if (!wait) {
        this.waitedMs += now - started;
        return id;
      }
      // Reported once, as soon as the total (waited so far plus still to wait) passes a second.
      if (!reported && onLongWait && now - enqueued + wait.ms > 1000) {
        reported = true;
        onLongWait(now - enqueued + wait.ms, wait.reason);
      }
      await this.clock.sleep(wait.ms);
    }
  }

  /** Admits the request into `s` (returns undefined), or says how long to wait and why. */
  private admit(s: PacerState, now: number, id: string): { ms: number; reason: string } | undefined {
    s.done = s.done.filter((t) => t > now - this.retainMs);
    // A request whose process died, or that has been out for far too long, is counted as answered now.
    s.inflight = s.inflight.filter((e) => {
      const lost = !processAlive(e.pid) || now - e.start > INFLIGHT_STALE_MS;
      if (lost) s.done.push(now);
      return !lost;
    });
    s.done.sort((a, b) => a - b);
    if (s.pausedUntil > now) {
      this.pausedUntil = Math.max(this.pausedUntil, s.pausedUntil);
      return { ms: s.pausedUntil - now, reason: "throttled" };
    }
    let wait = 0;
    for (const w of this.windows) {
      const span = w.windowMs + this.marginMs;
      const recent = s.done.filter((t) => t > now - span);
      const over = recent.length + s.inflight.length - w.limit + 1;
      if (over <= 0) continue;
      // Enough answered requests must leave the window; if in-flight ones alone fill it, look again soon.
      const ms = over <= recent.length ? recent[over - 1] + span - now : INFLIGHT_POLL_MS;
      wait = Math.max(wait, ms, 1);
    }
    if (wait > 0) return { ms: wait, reason: "rate budget" };
    if (this.windows.length) s.inflight.push({ id, pid: process.pid, start: now });
    return undefined;
  }
}
