/**
 * The wall-time floor a rate budget implies, for the benchmark's "wall time beside the floor".
 */
import { RateLimiter } from "../../emulator/ratelimit";

/**
 * The earliest time, in seconds after `start`, by which `count` requests could all be admitted under
 * the budget `spec` (e.g. `published`: 100 per 10 s and 900 per 15 min), sending each one as soon as
 * the windows allow, with `history` (epoch milliseconds of the requests admitted before `start`)
 * already counted in the windows. It runs the emulator's own admission rule on a simulated clock,
 * so the floor is exactly what the emulator would allow; 0 for no request or no limit.
 */
export function budgetFloor(spec: string, history: number[], start: number, count: number): number {
  let now = 0;
  const limiter = new RateLimiter(spec, () => now);
  for (const t of history) {
    now = t;
    limiter.admit();
  }
  now = Math.max(now, start);
  let last = start;
  for (let i = 0; i < count; i++) {
    for (;;) {
      const r = limiter.admit();
      if (r.ok) break;
      now += r.retryAfterMs;
    }
    last = now;
  }
  return (last - start) / 1000;
}
