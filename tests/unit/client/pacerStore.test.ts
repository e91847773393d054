/**
 * pacerStore.ts: the file store measures lock ages and waits on the injected clock (not the
 * machine's), falls back to memory when its directory is unusable, and skips writes that change
 * nothing.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { Clock } from "../../../provider/client/clock";
import { FileStore, MemoryStore, processAlive } from "../../../provider/client/pacerStore";

let dir: string;
beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), "pacer-store-"))));
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function clockAt(t: number): Clock & { t: number; sleeps: number[] } {
  const c = {
    t,
    sleeps: [] as number[],
    now: () => c.t,
    sleep: async (ms: number) => void (c.sleeps.push(ms), (c.t += ms)),
  };
  return c;
}

it("a live holder's lock is stale by the injected clock, and waits are slept on it", async () => {
  const file = path.join(dir, "p.json");
  // Held by this (live) process, stamped at t = 1 000 000 on the store's clock.
  fs.writeFileSync(`${file}.lock`, `${process.pid} 1000000`);
  const clock = clockAt(1_000_000);
  const store = new FileStore(file, 5_000, clock);
  const result = await store.update((s) => s.done.push(7));
  expect(result).toBe(1);
  // The store slept on its clock until the lock was older than 5 s by that clock, then broke it.
  expect(clock.t).toBeGreaterThan(1_005_000);
  expect(clock.sleeps.length).toBeGreaterThan(0);
  expect(JSON.parse(fs.readFileSync(file, "utf8")).done).toEqual([7]);
  expect(fs.existsSync(`${file}.lock`)).toBe(false);
});

it("writes the lock with the clock's time", async () => {
  const file = path.join(dir, "q.json");
  const seen: string[] = [];
  await new FileStore(file, 5_000, clockAt(42)).update(() => seen.push(fs.readFileSync(`${file}.lock`, "utf8")));
  expect(seen).toEqual([`${process.pid} 42`]);
});

it("does not rewrite the file when nothing changed", async () => {
  const file = path.join(dir, "r.json");
  const store = new FileStore(file);
  await store.update((s) => s.done.push(1));
  fs.utimesSync(file, new Date(0), new Date(0));
  await store.update((s) => s.done.length);
  expect(fs.statSync(file).mtimeMs).toBe(0);
});

it("falls back to memory when the directory cannot be used", async () => {
  const blocker = path.join(dir, "not-a-dir");
  fs.writeFileSync(blocker, "");
  const store = new FileStore(path.join(blocker, "p.json"));
  expect(await store.update((s) => s.done.push(1))).toBe(1);
  expect(await store.update((s) => s.done.length)).toBe(1);
  expect(await new MemoryStore().update((s) => s.pausedUntil)).toBe(0);
});

it("knows a live process from a dead one", () => {
  expect(processAlive(process.pid)).toBe(true);
  expect(processAlive(2 ** 22 + 1)).toBe(false);
});
