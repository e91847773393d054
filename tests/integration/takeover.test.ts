/**
 * Issue 19: reads in pages for the whole command, and shared by the command's provider processes,
 * counted in the emulator's request log over real HTTP.
 *
 * - A command's reads of N entities of a kind cost the list's pages, however long the command runs
 *   (the batched list used to live 60 s: a long run fetched page 1 again, fell back to GETs, then
 *   fetched every page again). The run's length is a fake clock given to the batch.
 * - Reads arriving a few at a time, as the engine's `--parallel` (4 × cores) sends them, buy the rest
 *   of the list early enough that a whole-project read costs about its pages.
 * - Two clients with the same command cache stand for `refresh --yes`'s two provider processes: the
 *   second reads nothing from the API; another command (another CLI process) reads again.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { RunningEmulator, startEmulator } from "../../emulator/server";
import { ConsoleClient, statsig } from "../../provider/client";
import { BatchedReads } from "../../provider/client/batch";
import {
  CommandCache,
  attachCommandCache,
  commandId,
  defaultLookup,
  readsDirectory,
  sweepReadsDirectory,
} from "../../provider/client/commandCache";
import { served } from "./helpers";

let emu: RunningEmulator | undefined;
let cacheDir: string;
const savedCache = process.env.PULUMI_STATSIG_CACHE;
beforeEach(() => {
  cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), "statsig-reads-"));
  process.env.PULUMI_STATSIG_CACHE = cacheDir;
});
afterEach(async () => {
  await emu?.close();
  emu = undefined;
  fs.rmSync(cacheDir, { recursive: true, force: true });
  if (savedCache === undefined) delete process.env.PULUMI_STATSIG_CACHE;
  else process.env.PULUMI_STATSIG_CACHE = savedCache;
});

async function seeded(gates: number): Promise<RunningEmulator> {
  emu = await startEmulator({ port: 0, shape: "published" });
  for (let i = 0; i < gates; i++) emu.store.put("gates", { id: `gate_${i}`, name: `gate ${i}`, description: `#${i}` });
  return emu;
}

const clientOf = (e: RunningEmulator) => new ConsoleClient({ baseUrl: e.apiUrl, apiKey: () => e.apiKey });
const ids = (n: number) => Array.from({ length: n }, (_, i) => `gate_${i}`);
/** All n ids in an order unrelated to the list's (7919 is prime to 1,000 and 5,000), as the engine's state order is. */
const shuffled = (n: number) => Array.from({ length: n }, (_, i) => `gate_${(i * 7919) % n}`);

/** Reads `all` through `read`, `width` at a time (the engine's parallelism), calling `tick` between rounds. */
async function engineReads<T>(all: string[], width: number, read: (id: string) => Promise<T>, tick = () => {}) {
  const out: T[] = [];
  for (let i = 0; i < all.length; i += width) {
    out.push(...(await Promise.all(all.slice(i, i + width).map(read))));
    tick();
  }
  return out;
}

describe("reads in pages for the whole command", () => {
  it("1,000 gates read 8 at a time over 10 minutes cost the 10 list pages, once", async () => {
    const e = await seeded(1000);
    let now = 1_000_000;
    const batch = new BatchedReads<{ id: string; name: string }>(clientOf(e), "/gates", () => now, undefined);
    // 125 rounds, 5 s apart on the batch's clock: the run lasts over 10 minutes.
    const got = await engineReads(
      ids(1000),
      8,
      (id) => batch.read(id),
      () => (now += 5_000),
    );
    expect(got.map((g) => g.id)).toEqual(ids(1000));
    const made = served(e);
    expect(made).toEqual(Array(10).fill("GET /gates 200"));
  });

  it("5,000 gates read 8 at a time cost their 50 pages and a few GETs (at most ⌈N/100⌉ + 10)", async () => {
    const e = await seeded(5000);
    const batch = new BatchedReads<{ id: string }>(clientOf(e), "/gates", Date.now, undefined);
    await engineReads(shuffled(5000), 8, (id) => batch.read(id));
    const made = served(e);
    expect(made.filter((r) => r === "GET /gates 200")).toHaveLength(50);
    expect(made.length).toBeLessThanOrEqual(60);
  });

  it("3 gates of a 5,000-gate project still cost 3 GETs by id", async () => {
    const e = await seeded(5000);
    const batch = new BatchedReads<{ id: string }>(clientOf(e), "/gates", Date.now, undefined);
    await engineReads(["gate_7", "gate_4200", "gate_4999"], 8, (id) => batch.read(id));
    expect(served(e).sort()).toEqual(["GET /gates/gate_4200 200", "GET /gates/gate_4999 200", "GET /gates/gate_7 200"]);
  });
});

/** A command id of a live process (the sweep removes the directories of ended commands). */
const live = (pid: number) => `${pid}@${defaultLookup(pid)!.start}`;

describe("reads shared by one command's provider processes", () => {
  it("the second pass of refresh --yes reads nothing; another command reads again", async () => {
    const e = await seeded(500);
    e.store.setExtra("overrides", "gates", "gate_3", {
      userOverrides: [{ userID: "u", value: true }],
      idOverrides: [],
    });
    const pass = (command: string) => {
      const c = clientOf(e);
      attachCommandCache(c, e.apiKey, e.apiUrl, command);
      return c;
    };
    const readAll = (c: ConsoleClient) =>
      Promise.all([...ids(500).map((id) => statsig(c).gates.read(id)), statsig(c).gates.overrides.get("gate_3")]);

    const preview = await readAll(pass(live(process.pid)));
    const first = served(e).length;
    expect(first).toBe(6); // 5 pages and the overrides
    const refresh = await readAll(pass(live(process.pid)));
    expect(served(e).length).toBe(first);
    expect(refresh).toEqual(preview);

    // A later command (another CLI process) reads afresh.
    e.store.mutate("gates", "gate_1", (g) => void (g.description = "changed between commands"));
    const next = await readAll(pass(live(process.ppid)));
    expect(served(e).length).toBe(2 * first);
    expect(next[1]).toMatchObject({ description: "changed between commands" });
  });

  it("a write drops the entity and its collection's list from the command's cache", async () => {
    const e = await seeded(10);
    const a = clientOf(e);
    attachCommandCache(a, e.apiKey, e.apiUrl, live(process.pid));
    await Promise.all(ids(10).map((id) => statsig(a).gates.read(id)));
    const b = clientOf(e);
    attachCommandCache(b, e.apiKey, e.apiUrl, live(process.pid));
    await statsig(b).gates.update("gate_2", { description: "written" });
    const c = clientOf(e);
    attachCommandCache(c, e.apiKey, e.apiUrl, live(process.pid));
    const before = served(e).length;
    const read = await Promise.all(ids(10).map((id) => statsig(c).gates.read(id)));
    expect(read[2]).toMatchObject({ description: "written" });
    expect(served(e).slice(before)).toEqual(["GET /gates 200"]);
  });

  it("the cache directory names neither the key nor the command, and holds no key", async () => {
    const e = await seeded(10);
    const a = clientOf(e);
    attachCommandCache(a, e.apiKey, e.apiUrl, live(process.pid));
    await Promise.all(ids(10).map((id) => statsig(a).gates.read(id)));
    const dir = new CommandCache(e.apiKey, e.apiUrl, live(process.pid)).dir;
    expect(path.basename(dir)).toMatch(/^[0-9a-f]{32}$/);
    for (const f of fs.readdirSync(dir)) expect(fs.readFileSync(path.join(dir, f), "utf8")).not.toContain(e.apiKey);
  });
});

it("the directories of ended commands are swept, a live command's kept", async () => {
  const e = await seeded(10);
  const c = clientOf(e);
  attachCommandCache(c, e.apiKey, e.apiUrl, live(process.pid));
  await Promise.all(ids(10).map((id) => statsig(c).gates.read(id)));
  const dir = path.basename(new CommandCache(e.apiKey, e.apiUrl, live(process.pid)).dir);
  sweepReadsDirectory(); // its CLI (this process) is alive
  expect(fs.readdirSync(readsDirectory())).toEqual([dir]);
  sweepReadsDirectory(() => undefined); // as the next command's sweep sees it once the CLI has exited
  expect(fs.readdirSync(readsDirectory())).toEqual([]);
});

describe("commandId", () => {
  const tree = {
    100: { ppid: 90, comm: "node", start: "5" }, // the provider
    90: { ppid: 80, comm: "pulumi-resource", start: "4" }, // its shell wrapper
    80: { ppid: 1, comm: "pulumi", start: "3" }, // the CLI
    70: { ppid: 1, comm: "bash", start: "1" },
    60: { ppid: 70, comm: "node", start: "2" },
  } as Record<number, { ppid: number; comm: string; start: string }>;
  it("is the nearest pulumi ancestor with its start time", () => {
    expect(commandId((pid) => tree[pid], 100)).toBe("80@3");
  });
  it("is undefined outside a pulumi command", () => {
    expect(commandId((pid) => tree[pid], 60)).toBeUndefined();
  });
});
