/**
 * The rate budget: the Console API's documented limits (about 100 requests per 10 s and 900 per
 * 15 min per project), and the `statsig:rateLimit` / `STATSIG_RATE_LIMIT` syntax that changes them.
 */

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
