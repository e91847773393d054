/**
 * Client-side pacing: the sliding windows admit exactly the budget and make the next caller wait
 * for the oldest request to leave the window; a 429 pause holds everyone back.
 */
import { Clock, Pacer, PUBLISHED_BUDGET, parseBudget } from "../../../provider/client/pacer";

function fakeClock(): Clock & { t: number; sleeps: number[] } {
  const c = {
    t: 0,
    sleeps: [] as number[],
    now: () => c.t,
    sleep: async (ms: number) => {
      c.sleeps.push(ms);
      c.t += ms;
    },
  };
  return c;
}

describe("Pacer", () => {
  it("admits 100 requests in a 10 s window, then waits for the window to slide", async () => {
    const clock = fakeClock();
    const pacer = new Pacer([{ limit: 100, windowMs: 10_000 }], clock);
    for (let i = 0; i < 100; i++) await pacer.acquire();
    expect(clock.sleeps).toEqual([]);
    await pacer.acquire();
    expect(clock.sleeps).toEqual([10_000]);
    expect(pacer.waitedMs).toBe(10_000);
  });

  it("enforces the tighter of several windows (900 per 15 min)", async () => {
    const clock = fakeClock();
    const pacer = new Pacer(PUBLISHED_BUDGET, clock);
    for (let i = 0; i < 901; i++) await pacer.acquire();
    // 900 requests take 8 full 10 s windows plus one; the 901st waits for the 15 min window.
    expect(clock.t).toBe(15 * 60_000);
  });

  it("keeps callers in arrival order under concurrency", async () => {
    const clock = fakeClock();
    const pacer = new Pacer([{ limit: 2, windowMs: 1000 }], clock);
    const order: number[] = [];
    await Promise.all([0, 1, 2, 3, 4].map((i) => pacer.acquire().then(() => order.push(i))));
    expect(order).toEqual([0, 1, 2, 3, 4]);
    expect(clock.t).toBe(2000);
  });

  it("holds every caller until a 429 pause ends", async () => {
    const clock = fakeClock();
    const pacer = new Pacer([], clock);
    pacer.pauseUntil(5000);
    await pacer.acquire();
    expect(clock.t).toBe(5000);
  });
});

describe("parseBudget", () => {
  it("understands off, published and custom lists", () => {
    expect(parseBudget("off")).toEqual([]);
    expect(parseBudget("published")).toEqual(PUBLISHED_BUDGET);
    expect(parseBudget("10/1s, 50/2m")).toEqual([
      { limit: 10, windowMs: 1000 },
      { limit: 50, windowMs: 120_000 },
    ]);
    expect(() => parseBudget("fast")).toThrow(/invalid rate budget "fast"/);
  });
});
