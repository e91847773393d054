/**
 * One benchmarked command as a child process, with the peak memory of its process tree watched
 * (memory.ts) and the tail of its output kept, so a failure can be reported without a second run.
 */
import { spawn } from "child_process";
import { Role, RolePeak, watchMemory } from "./memory";

/** How a watched process ended. */
export interface WatchedRun {
  /** Exit code (`-1` when it could not start, `null` when killed by a signal). */
  code: number | null;
  /** Seconds from spawn to exit. */
  wallSeconds: number;
  /** Peak memory by role of the process tree. */
  memory: Partial<Record<Role, RolePeak>>;
  /** The last 4000 characters of its stdout and stderr. */
  tail: string;
}

/** Runs one process to its end, watching its tree's memory; never rejects. */
export function runWatched(
  cmd: string,
  args: string[],
  opts: { cwd: string; env: Record<string, string>; role: Role },
): Promise<WatchedRun> {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const child = spawn(cmd, args, {
      cwd: opts.cwd,
      env: { ...process.env, ...opts.env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const watch = watchMemory(child.pid ?? -1, opts.role);
    let tail = "";
    const keep = (b: Buffer) => (tail = (tail + b.toString()).slice(-4000));
    child.stdout.on("data", keep);
    child.stderr.on("data", keep);
    const done = (code: number | null) =>
      resolve({ code, wallSeconds: (performance.now() - t0) / 1000, memory: watch.stop(), tail });
    child.on("error", (err) => {
      tail += String(err);
      done(-1);
    });
    child.on("close", done);
  });
}

/** The gist of a failed command's output. */
export function gist(tail: string): string {
  const lines = tail.split("\n").filter((l) => /error|failed|429/i.test(l));
  return (lines.slice(0, 3).join(" ") || tail.slice(-300)).replace(/\s+/g, " ").slice(0, 300);
}
