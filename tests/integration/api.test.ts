/**
 * The typed Console API modules (`statsig(client)`) against the emulator over real HTTP, in both
 * response shapes: every entity's CRUD, all pages of a list, the sub-resources the provider relies
 * on, and ids URL-encoded into their path segment.
 */
import { useEmulator } from "../fixtures/emulator";
import { ConsoleClient, StatsigApiError, statsig } from "../../provider/client";

describe.each(["seed", "published"] as const)("statsig(client) against the %s shape", (shape) => {
  const emu = useEmulator({ shape, resetEach: true });
  let api: ReturnType<typeof statsig>;

  beforeAll(async () => {
    // A page size of 2 makes every list of three or more entities span several pages.
    api = statsig(new ConsoleClient({ baseUrl: emu.apiUrl, apiKey: () => emu.apiKey, maxRetries: 0, pageSize: 2 }));
  });

  const status = async (p: Promise<unknown>) => {
    try {
      await p;
      return 200;
    } catch (err) {
      if (err instanceof StatsigApiError) return err.status;
      throw err;
    }
  };

  it("gates: create, list (all pages), get, update, rules, overrides, lifecycle, delete", async () => {
    for (const name of ["g one", "g two", "g three"]) await api.gates.create({ name });
    expect((await api.gates.list()).map((g) => g.id).sort()).toEqual(["g_one", "g_three", "g_two"]);
    expect((await api.gates.get("g_one")).name).toBe("g one");
    await api.gates.update("g_one", { description: "d" });
    expect((await api.gates.get("g_one")).description).toBe("d");

    await api.gates.rules.set("g_one", [
      { name: "r", passPercentage: 10, conditions: [{ type: "email", operator: "any", targetValue: ["a@x.com"] }] },
    ]);
    const rules = await api.gates.rules.list("g_one");
    expect(rules.map((r) => r.name)).toEqual(["r"]);

    await api.gates.overrides.set("g_one", { userOverrides: [{ userID: "u", value: true }] });
    expect((await api.gates.overrides.get("g_one")).userOverrides).toEqual([{ userID: "u", value: true }]);

    await api.gates.lifecycle("g_one", "launch");
    expect((await api.gates.get("g_one")).status).toBe("launched");

    await api.gates.delete("g_one");
    expect(await status(api.gates.get("g_one"))).toBe(404);
  });

  it("encodes ids into one path segment", async () => {
    expect(await status(api.gates.get("a/b c"))).toBe(404);
    expect(emu.requests().map((r) => r.path.split("?")[0])).toContain("/gates/a%2Fb%20c");
  });

  it("dynamic configs take rules in the update; experiments start and reset", async () => {
    const dc = await api.dynamicConfigs.create({ name: "cfg", defaultValue: { a: 1 } });
    await api.dynamicConfigs.update(dc.id, { rules: [{ name: "r", returnValue: { a: 2 } }] });
    expect((await api.dynamicConfigs.rules(dc.id)).map((r) => r.returnValue)).toEqual([{ a: 2 }]);

    const layer = await api.layers.create({ name: "layer one" });
    const groups = [
      { name: "a", size: 50 },
      { name: "b", size: 50 },
    ];
    const exp = await api.experiments.create({ name: "exp one", layerID: layer.id, groups });
    await api.experiments.start(exp.id);
    expect((await api.experiments.get(exp.id)).status).toBe("active");
    await api.experiments.reset(exp.id);
    expect((await api.experiments.get(exp.id)).status).toBe("setup");
    expect((await api.layers.experiments(layer.id)).map((e) => e.id)).toEqual([exp.id]);
  });

  it("segments: id lists reset, add, remove and read", async () => {
    const seg = await api.segments.create({ name: "seg one", type: "id_list" });
    await api.segments.ids.reset(seg.id, ["a", "b"]);
    await api.segments.ids.add(seg.id, ["c"]);
    await api.segments.ids.remove(seg.id, ["a"]);
    expect([...((await api.segments.ids.get(seg.id)).ids ?? [])].sort()).toEqual(["b", "c"]);
    await api.segments.update(seg.id, { name: "seg one", type: "id_list", description: "d" });
    expect((await api.segments.get(seg.id)).description).toBe("d");
  });

  it("tags, holdouts, autotunes: full CRUD through the published endpoints", async () => {
    const tag = await api.tags.create({ name: "team", description: "t" });
    await api.tags.update(tag.id, { color: "#00AA88" });
    expect((await api.tags.get(tag.id)).color).toBe("#00AA88");
    await api.tags.delete(tag.id);
    expect(await status(api.tags.get(tag.id))).toBe(404);

    const h = await api.holdouts.create({ name: "hold one", passPercentage: 5 });
    await api.holdouts.update(h.id, { description: "d" });
    expect((await api.holdouts.get(h.id)).description).toBe("d");
    await api.holdouts.delete(h.id);
    expect(await api.holdouts.list()).toEqual([]);

    const at = await api.autotunes.create({ name: "tune one", successMetric: "purchase" });
    await api.autotunes.update(at.id, { successMetric: "click" });
    expect((await api.autotunes.get(at.id)).successMetric).toBe("click");
    await api.autotunes.delete(at.id);
    expect(await api.autotunes.list()).toEqual([]);
  });

  it("read-only listings answer with arrays", async () => {
    for (const list of [api.metrics, api.targetApps, api.keys, api.users, api.auditLogs])
      expect(Array.isArray(await list.list())).toBe(true);
  });
});
