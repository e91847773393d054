/**
 * List-batched reads (issue 10, item 1), counted in the emulator's request log: the provider's
 * `read`, called concurrently for every resource as `pulumi refresh` does, is served from the list
 * endpoints when that costs fewer requests, and by id when it does not.
 */
import { RunningEmulator } from "../../emulator/server";
import { providers } from "../../provider/runtime";
import { resetConfiguration } from "../../provider/settings";
import { emulatorWithProvider, served } from "./helpers";

/** The Pulumi type name of each collection. */
const KINDS: Record<string, string> = {
  gates: "Gate",
  dynamic_configs: "DynamicConfig",
  experiments: "Experiment",
  segments: "Segment",
  layers: "Layer",
  holdouts: "Holdout",
  tags: "Tag",
  autotunes: "Autotune",
};

let emu: RunningEmulator | undefined;
afterEach(async () => {
  await emu?.close();
  emu = undefined;
  resetConfiguration();
});

/** A fresh emulator and provider client (so no list is cached), with `counts` entities per collection. */
async function seeded(counts: Record<string, number>): Promise<RunningEmulator> {
  emu = await emulatorWithProvider();
  for (const [c, n] of Object.entries(counts))
    for (let i = 0; i < n; i++) emu.store.put(c, { id: `${c}_${i}`, name: `${c} ${i}`, description: `#${i}` });
  return emu;
}

/** Reads `ids` of a collection concurrently through its provider; returns the results in order. */
function readAll(collection: string, ids: string[], props: (id: string) => Record<string, unknown> = () => ({})) {
  const p = providers[KINDS[collection]];
  return Promise.all(ids.map((id) => p.read(id, { name: id, ...props(id) })));
}

const range = (c: string, n: number) => Array.from({ length: n }, (_, i) => `${c}_${i}`);

describe("list-batched reads", () => {
  it("a refresh of 500 gates and 100 of each other kind costs at most 20 requests", async () => {
    const counts = Object.fromEntries(Object.keys(KINDS).map((c) => [c, c === "gates" ? 500 : 100]));
    const e = await seeded(counts);
    const results = await Promise.all(Object.keys(KINDS).map((c) => readAll(c, range(c, counts[c]))));
    const made = served(e);
    // 5 pages of gates, 1 page of each of the 7 other kinds.
    expect(made.length).toBeLessThanOrEqual(20);
    expect(made.length).toBe(12);
    expect(made.every((r) => /^GET \/\w+ 200$/.test(r))).toBe(true);
    // Every read answered with its own entity, as a GET by id would.
    results.forEach((rs, k) =>
      rs.forEach((r, i) => {
        const c = Object.keys(KINDS)[k];
        expect(r).toMatchObject({ id: `${c}_${i}`, props: { name: `${c} ${i}`, description: `#${i}` } });
      }),
    );
  });

  it("3 gates of a 5,000-gate project cost 3 requests (no paging through the list)", async () => {
    const e = await seeded({ gates: 5000 });
    const results = await readAll("gates", ["gates_7", "gates_4200", "gates_4999"]);
    expect(served(e).sort()).toEqual([
      "GET /gates/gates_4200 200",
      "GET /gates/gates_4999 200",
      "GET /gates/gates_7 200",
    ]);
    expect(results.map((r) => r.props?.name)).toEqual(["gates 7", "gates 4200", "gates 4999"]);
  });

  it("an entity missing from the list is asked for by id, and dropped only once its 404 is confirmed", async () => {
    const e = await seeded({ gates: 10 });
    const ids = [...range("gates", 10), "deleted_gate"];
    const results = await readAll("gates", ids);
    expect(results[10]).toEqual({}); // gone: refresh drops it
    expect(results[3]).toMatchObject({ id: "gates_3" });
    expect(served(e)).toEqual([
      "GET /gates 200", // the list (one page: 10 gates)
      "GET /gates/deleted_gate 404", // not in it: asked for by id
      "GET /gates 200", // the collection check that makes the 404 mean "deleted"
    ]);
  });

  it("a sub-resource the list lacks is read by id, only for the resources whose program manages it", async () => {
    const e = await seeded({ gates: 10 });
    const results = await readAll("gates", range("gates", 10), (id) =>
      id === "gates_2" ? { overrides: { userOverrides: [] } } : {},
    );
    expect(served(e)).toEqual(["GET /gates 200", "GET /gates/gates_2/overrides 200"]);
    expect(results[2].props).toMatchObject({ overrides: { userOverrides: [], idOverrides: [] } });
    expect(results[3].props).not.toHaveProperty("overrides");
  });

  it("an entity this process wrote is not served from a list fetched before the write", async () => {
    const e = await seeded({ gates: 10 });
    await readAll("gates", range("gates", 10));
    const before = served(e).length;
    // Changed through the provider (its answer is kept for one read) and once more out of band.
    await providers.Gate.update("gates_1", { id: "gates_1", name: "gates 1" }, { name: "gates 1", description: "new" });
    e.store.mutate("gates", "gates_1", (g) => void (g.description = "out of band"));
    const [fresh] = await readAll("gates", ["gates_1"]);
    expect(fresh.props).toMatchObject({ description: "out of band" });
    expect(served(e).slice(before)).toEqual(["PATCH /gates/gates_1 200", "GET /gates/gates_1 200"]);
  });
});
