/**
 * Where a pacer keeps its record: in this process's memory, or in a small lock-protected JSON file
 * shared by every provider process on the machine that uses the same key and URL, so
 * back-to-back commands and parallel stacks share one budget (the budget is Statsig's per project).
 */
import { createHash } from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as nodePath from "path";
import { Clock, realClock } from "./clock";

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

/** Whether process `pid` still runs (a request or lock of a dead process is dropped). */
export function processAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM"; // exists, owned by someone else
  }
}

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

  /** A store in `file` (see `pacerFile`); lock ages and waits are measured on `clock`. */
  constructor(
    readonly file: string,
    private readonly staleLockMs = 5_000,
    private readonly clock: Clock = realClock,
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
    const deadline = this.clock.now() + 30_000;
    for (let spin = 0; ; spin++) {
      try {
        const fd = fs.openSync(this.lockFile, "wx", 0o600);
        fs.writeSync(fd, `${process.pid} ${this.clock.now()}`);
        fs.closeSync(fd);
        return;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
      }
      if (this.lockIsStale()) {
        fs.rmSync(this.lockFile, { force: true });
        continue;
      }
      if (this.clock.now() > deadline) throw new Error(`pacer lock ${this.lockFile} held for too long`);
      await this.clock.sleep(1 + Math.random() * Math.min(20, 2 + spin));
    }
  }

  private lockIsStale(): boolean {
    try {
      const [pid, at] = fs.readFileSync(this.lockFile, "utf8").split(" ").map(Number);
      if (pid && !processAlive(pid)) return true;
      return this.clock.now() - (at || fs.statSync(this.lockFile).mtimeMs) > this.staleLockMs;
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
