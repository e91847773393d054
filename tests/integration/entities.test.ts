/**
 * Every entity's provider against the emulator over real HTTP: the calls each method makes, the
 * read-back equalling what create returned, drift, 404 handling, references, and the
 * entity-specific paths (segment id lists in 1000-id chunks, experiment start/reset, a layer that
 * still has experiments).
 */
import { StatsigApiError } from "../../provider/client";
import { EntityProvider } from "../../provider/resources/framework";
import { providers } from "../../provider/runtime";
import { rejection } from "../rejection";
import { writesServed } from "./helpers";
import { useEmulator } from "../fixtures/emulator";
import { createWritesIn, groups, scenarios } from "../fixtures/scenarios";

// Both contracts: the seed's, and the published service's (whose tag and holdout creates answer
// 200, and whose layer create takes no parameters, so they follow in a PATCH).
describe.each(["seed", "published"] as const)("%s shape:", (shape) => {
  const emu = useEmulator({ provider: true, resetEach: true, shape });
  const writes = (from: number) => writesServed(emu, from);

  describe.each(scenarios)("$type provider against the emulator", (scenario) => {
    const { type, collection, inputs, edit, editWrites: editPaths } = scenario;
    const createWrites = createWritesIn(scenario, shape);
    const editWrites = editPaths.map((w) => `${w} 200`);
    const p = (): EntityProvider => providers[type];

    it("create makes only the needed writes, and read-back, read and diff agree", async () => {
      const { id, outs } = await p().create(inputs);
      expect(writes(0)).toEqual(createWrites);
      expect(emu.store.get(collection, id)).toBeDefined();
      expect((await p().read(id, outs)).props).toEqual(outs);
      expect((await p().diff(id, outs, inputs)).changes).toBe(false);
    });

    it("update sends only the endpoint of the changed field", async () => {
      const { id, outs } = await p().create(inputs);
      const mark = emu.requests().length;
      const news = { ...inputs, ...edit };
      const { outs: after } = await p().update(id, outs, news);
      expect(writes(mark)).toEqual(editWrites);
      expect((await p().diff(id, after, news)).changes).toBe(false);
    });

    it("read drops a deleted entity; delete treats 404 as done", async () => {
      const { id, outs } = await p().create(inputs);
      emu.store.delete(collection, id);
      expect(await p().read(id, outs)).toEqual({});
      await expect(p().delete(id, outs)).resolves.toBeUndefined();
    });
  });
});

describe("entity specifics", () => {
  const emu = useEmulator({ provider: true, resetEach: true });
  const writes = (from: number) => writesServed(emu, from);

  it("segment ids go in chunks of at most 1000, and updates send only the difference", async () => {
    const ids = Array.from({ length: 2500 }, (_, i) => `u${i}`);
    const { id, outs } = await providers.Segment.create({ name: "big list", type: "id_list", ids });
    expect(writes(0)).toEqual([
      "POST /segments 201",
      "POST /segments/big_list/id_list/reset 200",
      "PATCH /segments/big_list/add_ids 200",
      "PATCH /segments/big_list/add_ids 200",
    ]);
    expect(outs.ids).toHaveLength(2500);
    const mark = emu.requests().length;
    const next = [...ids.slice(1200), "new1", "new2"];
    const { outs: after } = await providers.Segment.update(id, outs, { name: "big list", type: "id_list", ids: next });
    expect(writes(mark)).toEqual([
      "PATCH /segments/big_list/add_ids 200",
      "PATCH /segments/big_list/remove_ids 200",
      "PATCH /segments/big_list/remove_ids 200",
    ]);
    expect(new Set(after.ids)).toEqual(new Set(next));
  });

  it("an experiment starts on create when active, resets when going back to setup", async () => {
    const { id, outs } = await providers.Experiment.create({ name: "start me", groups, status: "active" });
    expect(writes(0)).toEqual(["POST /experiments 201", "PUT /experiments/start_me/start 200"]);
    expect(outs.status).toBe("active");
    const mark = emu.requests().length;
    const regrouped = [
      { ...groups[0], size: 30 },
      { ...groups[1], size: 70 },
    ];
    const { outs: after } = await providers.Experiment.update(id, outs, {
      name: "start me",
      groups: regrouped,
      status: "setup",
    });
    expect(writes(mark)).toEqual(["PUT /experiments/start_me/reset 200", "PATCH /experiments/start_me 200"]);
    expect(after).toMatchObject({ status: "setup", groups: regrouped });
  });

  it("dangling references are a 400 naming the field and the missing entity", async () => {
    const err = await rejection<StatsigApiError>(
      providers.Experiment.create({ name: "orphan", layerID: "no_such_layer" }),
    );
    expect(err.message).toBe(
      'failed to create experiment "orphan": HTTP 400 from POST /experiments: layerID: layer "no_such_layer" does not exist',
    );
    const err2 = await rejection<StatsigApiError>(
      providers.Holdout.create({ name: "orphan holdout", gateIDs: ["nope"] }),
    );
    expect(err2.message).toMatch(/gateIDs\[0\]: gate "nope" does not exist/);
    const err3 = await rejection<StatsigApiError>(
      providers.Gate.create({
        name: "ref gate",
        rules: [{ name: "r", conditions: [{ type: "passes_segment", operator: "any", targetValue: ["ghost"] }] }],
      }),
    );
    expect(err3.message).toMatch(/rules\[0\]\.conditions\[0\]\.targetValue: Segment "ghost" does not exist/);
  });

  it("a layer cannot be deleted while an experiment is in it", async () => {
    const layer = await providers.Layer.create({ name: "busy layer" });
    const exp = await providers.Experiment.create({ name: "in layer", layerID: layer.id, groups });
    const err = await rejection<StatsigApiError>(providers.Layer.delete(layer.id, layer.outs));
    expect(err.message).toMatch(
      /^failed to delete layer "busy layer": HTTP 400 .*layer still has experiments: in_layer/,
    );
    await providers.Experiment.delete(exp.id, exp.outs);
    await providers.Layer.delete(layer.id, layer.outs);
    expect(emu.store.list("layers")).toEqual([]);
  });
});
