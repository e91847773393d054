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
 */
import { createHash } from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as nodePath from "path";

/** One sliding window: at most `limit` requests in any `windowMs` milliseconds. */
export interface RateWindow {
  /** Requests allowed per window. */
  limit: number;
  /** Window length in milliseconds (sliding). */
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
  /** Milliseconds since the epoch. */
  now(): number;
  /** Resolves after `ms` milliseconds. */
  sleep(ms: number): Promise<void>;
}

/** The real clock. */
export const realClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/** The record a pacer keeps: answered requests' stamps, requests in flight, and a 429 pause. */
export interface PacerState {
  /** Epoch ms at which each answered request's response arrived (oldest first). */
  done: number[];
  /** Requests admitted and not yet answered; `pid` lets another process drop a dead one's. */
  inflight: {
    /** The request's admission id. */
    id: string;
    /** The process that sent it. */
    pid: number;
    /** Epoch ms at which it was admitted. */
    start: number;
  }[];
  /** No request before this epoch ms (a 429's Retry-After). */
  pausedUntil: number;
}

/** Where a pacer's state lives; `update` runs a read-modify-write atomically. */
export interface PacerStore {
  /** Applies `fn` to the state and saves the result, with no other update in between. */
  update<T>(fn: (state: PacerState) => T): Promise<T>;
}

const emptyState = (): PacerState => ({ done: [], inflight: [], pausedUntil: 0 });

/** The state of one process only (tests, `off`, or when the cache directory is unusable). */
export class MemoryStore implements PacerStore {
  private readonly state = emptyState();
  /** Applies `fn` in memory. */
  update<T>(fn: (state: PacerState) => T): Promise<T> {
    return Promise.resolve(fn(this.state));
  }
}

/** The directory of shared pacer files: `${PULUMI_STATSIG_CACHE:-~/.cache/pulumi-statsig}/pacer`. */
export function pacerDirectory(): string {
  const base = process.env.PULUMI_STATSIG_CACHE || nodePath.join(os.homedir(), ".cache", "pulumi-statsig");
  return nodePath.join(base, "pacer");
}

/**
 * The shared state file of one key and URL: named by the first 32 hex digits of
 * sha256(key + "\n" + url), so the file never contains or reveals the key.
 */
export function pacerFile(key: string, url: string): string {
  const hash = createHash("sha256").update(`${key}\n${url}`).digest("hex").slice(0, 32);
  return nodePath.join(pacerDirectory(), `${hash}.json`);
}

function alive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM"; // exists, owned by someone else
  }
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * The state shared by processes, in a JSON file guarded by a lock file created exclusively
 * (`O_EXCL`, atomic on local filesystems). A lock older than `staleLockMs`, or whose holder has
 * died, is broken, so a process killed while holding it does not stop the others. The state is
 * written to a temporary file and renamed over the old one, so a reader never sees half a file.
 * If the directory cannot be used at all, the store falls back to this process's memory.
 */
export class FileStore implements PacerStore {
  private readonly lockFile: string;
  private fallback?: MemoryStore;

  /** A store in `file` (see `pacerFile`). */
  constructor(
    readonly file: string,
    private readonly staleLockMs = 5_000,
  ) {
    this.lockFile = `${file}.lock`;
  }

  /** Applies `fn` under the lock. */
  async update<T>(fn: (state: PacerState) => T): Promise<T> {
    if (this.fallback) return this.fallback.update(fn);
    try {
      await this.lock();
    } catch {
      this.fallback = new MemoryStore();
      return this.fallback.update(fn);
    }
    try {
      const state = this.read();
      const before = JSON.stringify(state);
      const result = fn(state);
      // A request waiting for a slot asks every few ms and usually changes nothing: skip the write then.
      const after = JSON.stringify(state);
      if (after !== before) {
        const tmp = `${this.file}.${process.pid}.tmp`;
        fs.writeFileSync(tmp, after, { mode: 0o600 });
        fs.renameSync(tmp, this.file);
      }
      return result;
    } finally {
      fs.rmSync(this.lockFile, { force: true });
    }
  }

  private read(): PacerState {
    try {
      const s = JSON.parse(fs.readFileSync(this.file, "utf8")) as Partial<PacerState>;
      return {
        done: Array.isArray(s.done) ? s.done.filter((t) => typeof t === "number") : [],
        inflight: Array.isArray(s.inflight) ? s.inflight : [],
        pausedUntil: typeof s.pausedUntil === "number" ? s.pausedUntil : 0,
      };
    } catch {
      return emptyState(); // absent or torn by a crash: start afresh rather than block
    }
  }

  private async lock(): Promise<void> {
    fs.mkdirSync(nodePath.dirname(this.file), { recursive: true, mode: 0o700 });
    const deadline = Date.now() + 30_000;
    for (let spin = 0; ; spin++) {
      try {
        const fd = fs.openSync(this.lockFile, "wx", 0o600);
        fs.writeSync(fd, `${process.pid} ${Date.now()}`);
        fs.closeSync(fd);
        return;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
      }
      if (this.lockIsStale()) {
        fs.rmSync(this.lockFile, { force: true });
        continue;
      }
      if (Date.now() > deadline) throw new Error(`pacer lock ${this.lockFile} held for too long`);
      await realSleep(1 + Math.random() * Math.min(20, 2 + spin));
    }
  }

  private lockIsStale(): boolean {
    try {
      const [pid, at] = fs.readFileSync(this.lockFile, "utf8").split(" ").map(Number);
      if (pid && !alive(pid)) return true;
      return Date.now() - (at || fs.statSync(this.lockFile).mtimeMs) > this.staleLockMs;
    } catch {
      return false; // it vanished (released) or is being written: just try again
    }
  }
}

/** Removes shared pacer files untouched for a day (one per key and URL ever used). */
export function sweepPacerDirectory(now = Date.now()): void {
  try {
    const dir = pacerDirectory();
    for (const name of fs.readdirSync(dir)) {
      const f = nodePath.join(dir, name);
      if (now - fs.statSync(f).mtimeMs > 86_400_000) fs.rmSync(f, { force: true });
    }
  } catch {
    // Best effort: a missing or unreadable directory has nothing to sweep.
  }
}

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
      const lost = !alive(e.pid) || now - e.start > INFLIGHT_STALE_MS;
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
