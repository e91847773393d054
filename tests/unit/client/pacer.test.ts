/**
 * Client-side pacing: the sliding windows admit exactly the budget and make the next caller wait
 * for the oldest request to leave the window; a 429 pause holds everyone back.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { Clock } from "../../../provider/client/clock";
import { PUBLISHED_BUDGET, parseBudget } from "../../../provider/client/budget";
import { Pacer } from "../../../provider/client/pacer";
import { FileStore, pacerFile } from "../../../provider/client/pacerStore";

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

describe("Pacer in-flight accounting", () => {
  it("a request holds its slot until answered, and is stamped when its answer arrives", async () => {
    // A clock whose sleeps yield to the event loop, so a poll can be watched from outside.
    const clock = fakeClock();
    clock.sleep = async (ms: number) => {
      clock.sleeps.push(ms);
      clock.t += ms;
      await new Promise((r) => setImmediate(r));
    };
    const pacer = new Pacer([{ limit: 2, windowMs: 1000 }], clock);
    const first = await pacer.begin();
    const second = await pacer.begin();
    // Both slots are held by requests in flight: a third waits, however long they take.
    let third = false;
    const waiting = pacer.begin().then((r) => ((third = true), r));
    for (let i = 0; i < 200; i++) await new Promise((r) => setImmediate(r));
    expect(third).toBe(false);
    expect(clock.t).toBeGreaterThan(1000); // longer than a window: stamping at send would have let it go
    const answered = clock.t;
    await first();
    await second();
    await waiting;
    // Both are stamped with their answer's time, so the third waits a window from there.
    expect(clock.t).toBeGreaterThanOrEqual(answered + 1000);
  });

  it("acquire() without a response stamps at send time, as before", async () => {
    const clock = fakeClock();
    const pacer = new Pacer([{ limit: 1, windowMs: 1000 }], clock);
    await pacer.acquire();
    await pacer.acquire();
    expect(clock.sleeps).toEqual([1000]);
  });
});

describe("FileStore: one budget shared by processes", () => {
  let dir: string;
  const saved = process.env.PULUMI_STATSIG_CACHE;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "pacer-test-"));
    process.env.PULUMI_STATSIG_CACHE = dir;
  });
  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
    if (saved === undefined) delete process.env.PULUMI_STATSIG_CACHE;
    else process.env.PULUMI_STATSIG_CACHE = saved;
  });

  it("is named by a hash of key and URL under the cache directory, and never holds the key", async () => {
    const key = "console-SECRET-key-123456";
    const file = pacerFile(key, "https://statsigapi.net/console/v1");
    expect(path.dirname(file)).toBe(path.join(dir, "pacer"));
    expect(path.basename(file)).toMatch(/^[0-9a-f]{32}\.json$/);
    expect(file).not.toBe(pacerFile(key, "http://127.0.0.1:1/console/v1"));
    expect(file).not.toBe(pacerFile("another-key-0000", "https://statsigapi.net/console/v1"));
    const pacer = new Pacer([{ limit: 5, windowMs: 1000 }], undefined, 0, new FileStore(file));
    const release = await pacer.begin();
    await release();
    const text = fs.readFileSync(file, "utf8");
    expect(JSON.parse(text).done).toHaveLength(1);
    expect(fs.readdirSync(path.join(dir, "pacer")).join(" ") + text).not.toContain(key);
  });

  it("two pacers on one file (two processes) share the window", async () => {
    const file = pacerFile("k-123456", "http://u");
    const clock = fakeClock();
    clock.t = Date.now();
    const a = new Pacer([{ limit: 3, windowMs: 60_000 }], clock, 0, new FileStore(file));
    const b = new Pacer([{ limit: 3, windowMs: 60_000 }], clock, 0, new FileStore(file));
    await a.acquire();
    await b.acquire();
    await a.acquire();
    expect(clock.sleeps).toEqual([]);
    await b.acquire(); // the fourth request of the pair waits for the first to leave the window
    expect(clock.sleeps).toEqual([60_000]);
  });

  it("breaks a lock left by a dead process, and one held too long", async () => {
    const file = pacerFile("k-123456", "http://u");
    fs.mkdirSync(path.dirname(file), { recursive: true });
    // A pid that cannot be alive (above Linux's pid_max).
    fs.writeFileSync(`${file}.lock`, `${2 ** 22 + 1} ${Date.now()}`);
    const store = new FileStore(file);
    await expect(store.update((s) => s.done.push(1))).resolves.toBe(1);
    expect(fs.existsSync(`${file}.lock`)).toBe(false);
    // A live holder (this process) that stopped releasing: broken once older than staleLockMs.
    fs.writeFileSync(`${file}.lock`, `${process.pid} ${Date.now() - 10_000}`);
    await expect(new FileStore(file, 5_000).update((s) => s.done.length)).resolves.toBe(1);
  });

  it("counts a dead process's request in flight as answered, so it does not block the window forever", async () => {
    const file = pacerFile("k-123456", "http://u");
    const store = new FileStore(file);
    await store.update((s) => {
      s.inflight.push({ id: "dead-1", pid: 2 ** 22 + 1, start: Date.now() });
    });
    const clock = fakeClock();
    clock.t = Date.now();
    const pacer = new Pacer([{ limit: 1, windowMs: 1000 }], clock, 0, store);
    await pacer.acquire();
    // The dead request became "answered now", so this one waited one window instead of forever.
    expect(clock.sleeps).toEqual([1000]);
  });
});
