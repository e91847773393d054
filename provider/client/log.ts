/**
 * Visible waiting (issue 11): when the provider waits on the rate budget or a `Retry-After` for
 * more than a second, or retries a request, it says so, naming the resource and the wait.
 *
 * Where Pulumi shows it, measured with the real CLI (3.248): a dynamic provider's process has no
 * engine connection, so `pulumi.log.info` falls back to `console.log("info: [runtime] ...")`; what
 * the process writes to stdout or stderr is shown live in `pulumi up`/`refresh`/`destroy` output
 * and repeated under "Diagnostics" (attributed to the stack, hence the resource in the text).
 * So lines go to stderr, prefixed `statsig:` and labelled with what the provider was doing.
 */
import { AsyncLocalStorage } from "async_hooks";

const context = new AsyncLocalStorage<string>();

/**
 * Runs `fn` with `label` (e.g. `create gate "new_checkout"`) attached to every wait and retry line
 * logged while it runs, across awaits; the framework wraps each provider operation in it.
 */
export function withLogContext<T>(label: string, fn: () => T): T {
  return context.run(label, fn);
}

/** The label of the operation running now, if any. */
export function logContext(): string | undefined {
  return context.getStore();
}

/** Where lines go: stderr by default (see the module comment); tests capture them. */
let sink: (line: string) => void = (line) => {
  process.stderr.write(line + "\n");
};

/** Replaces the sink (tests); returns the previous one so it can be restored. */
export function setLogSink(next: (line: string) => void): (line: string) => void {
  const prev = sink;
  sink = next;
  return prev;
}

/** Logs one line, labelled with the current operation: `statsig: create gate "x": <text>`. */
export function logLine(text: string): void {
  const label = logContext();
  sink(`statsig: ${label ? `${label}: ` : ""}${text}`);
}

/** `1234` → `1.2 s`, `45000` → `45 s`. */
export function formatWait(ms: number): string {
  const s = ms / 1000;
  return s < 10 ? `${s.toFixed(1)} s` : `${Math.round(s)} s`;
}
