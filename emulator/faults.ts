/**
 * Fault injection, so retry and recovery paths can be tested against a real server: by method and
 * path pattern, either a scripted sequence (consumed one per matching request) or a probability.
 *
 * Faults: `429` (with `Retry-After`), `500`, `503`, `reset` (the connection is destroyed without a
 * response), `latency:<ms>` (the request is delayed, then served), `fail_after_commit` (the
 * mutation is applied, then a 500 is returned: the client cannot tell it succeeded), and `ok`
 * (in a sequence: serve normally).
 *
 * Set with `--faults <json|@file>` or `POST /__emulator/faults` `{ "rules": [...] }`.
 */

/** One fault. */
export type Fault = "ok" | "429" | "500" | "503" | "reset" | "fail_after_commit" | `latency:${number}`;

/** A fault rule. */
export interface FaultRule {
  /** HTTP method to match, or `*` (default). */
  method?: string;
  /** Path pattern under /console/v1, `*` matching any characters (default `*`). */
  path?: string;
  /** Faults applied to successive matching requests; once used up the rule stops matching. */
  sequence?: Fault[];
  /** With `fault`: the chance (0–1) that a matching request gets it. */
  probability?: number;
  /** The fault applied with `probability`. */
  fault?: Fault;
  /** Seconds sent in `Retry-After` with a 429 (default 1). */
  retryAfter?: number;
}

const FAULT_RE = /^(ok|429|500|503|reset|fail_after_commit|latency:\d+)$/;

/** Validates rules (from the CLI or the admin endpoint); throws naming the bad field. */
export function parseRules(input: unknown): FaultRule[] {
  const rules = Array.isArray(input) ? input : (input as { rules?: unknown })?.rules;
  if (!Array.isArray(rules)) throw new Error("faults: expected an array of rules or { rules: [...] }");
  return rules.map((r: FaultRule, i) => {
    if (!r || typeof r !== "object") throw new Error(`faults[${i}]: must be an object`);
    const faults = [...(r.sequence ?? []), ...(r.fault ? [r.fault] : [])];
    if (!r.sequence && !r.fault) throw new Error(`faults[${i}]: needs a sequence or a fault`);
    for (const f of faults)
      if (!FAULT_RE.test(String(f))) throw new Error(`faults[${i}]: unknown fault ${JSON.stringify(f)}`);
    if (r.probability !== undefined && !(r.probability >= 0 && r.probability <= 1))
      throw new Error(`faults[${i}].probability: must be between 0 and 1`);
    return { method: "*", path: "*", ...r, sequence: r.sequence ? [...r.sequence] : undefined };
  });
}

function globToRegex(glob: string): RegExp {
  return new RegExp(
    "^" +
      glob
        .split("*")
        .map((s) => s.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
        .join(".*") +
      "$",
  );
}

/** The active rules; `pick` decides the fault of one request. */
export class FaultInjector {
  private rules: (FaultRule & { re: RegExp })[] = [];

  /** Creates an injector with initial rules. */
  constructor(
    rules: FaultRule[] = [],
    private readonly random: () => number = Math.random,
  ) {
    this.set(rules);
  }

  /** Replaces the rules. */
  set(rules: FaultRule[]): void {
    this.rules = rules.map((r) => ({ ...r, re: globToRegex(r.path ?? "*") }));
  }

  /** The rules as configured (sequences show what is left). */
  list(): FaultRule[] {
    return this.rules.map(({ re: _re, ...r }) => {
      void _re;
      return r;
    });
  }

  /** The fault for this request (first matching rule wins), or `ok`. */
  pick(
    method: string,
    path: string,
  ): {
    /** The fault to inject (`ok`: none). */
    fault: Fault;
    /** Seconds to send in `Retry-After` with an injected 429. */
    retryAfter: number;
  } {
    for (const r of this.rules) {
      if (r.method && r.method !== "*" && r.method.toUpperCase() !== method) continue;
      if (!r.re.test(path)) continue;
      if (r.sequence) {
        if (!r.sequence.length) continue;
        return { fault: r.sequence.shift()!, retryAfter: r.retryAfter ?? 1 };
      }
      if (r.fault && this.random() < (r.probability ?? 1)) return { fault: r.fault, retryAfter: r.retryAfter ?? 1 };
    }
    return { fault: "ok", retryAfter: 0 };
  }
}
