/**
 * Several Statsig projects in one provider process: two emulators with different keys, selected
 * per resource and per lookup by `project` through `statsig:projects`; the key never appears in
 * inputs, outputs or errors, and changing `project` replaces.
 */
import { useEmulator } from "../fixtures/emulator";
import * as statsig from "../../provider";
import { providers } from "../../provider/runtime";
import { resetConfiguration } from "../../provider/settings";
import { createInFlightSince, recordCreateStarted } from "../../provider/resources/inflight";
import { rejection } from "../rejection";
import { configureProvider, withTempCache } from "./helpers";

const a = useEmulator({ apiKey: "console-key-of-project-a" });
const b = useEmulator({ apiKey: "console-key-of-project-b" });
let projects: string;
beforeAll(async () => {
  projects = JSON.stringify({ beta: { consoleApiKey: b.apiKey, apiUrl: b.apiUrl } });
  resetConfiguration();
  await configureProvider(a, { "statsig:maxRetries": "0", "statsig:projects": projects });
});
afterAll(() => resetConfiguration());

const noKey = (v: unknown) => {
  expect(JSON.stringify(v)).not.toContain(a.apiKey);
  expect(JSON.stringify(v)).not.toContain(b.apiKey);
};

describe("project", () => {
  it("selects the credentials per resource; only the name is an input or output", async () => {
    const inA = await providers.Gate.create({ name: "shared name" });
    const inB = await providers.Gate.create({ name: "shared name", project: "beta", description: "b" });
    expect(a.store.get("gates", "shared_name")?.description).toBe("");
    expect(b.store.get("gates", "shared_name")?.description).toBe("b");
    expect(inB.outs.project).toBe("beta");
    expect(inA.outs).not.toHaveProperty("project");
    const checked = await providers.Gate.check({}, { name: "shared name", project: "beta" });
    expect(checked.inputs.project).toBe("beta");
    const read = await providers.Gate.read(inB.id, inB.outs);
    expect(read.props).toEqual(inB.outs);
    expect(read.inputs).toMatchObject({ project: "beta" });
    const updated = await providers.Gate.update(inB.id, inB.outs, {
      name: "shared name",
      project: "beta",
      description: "b2",
    });
    expect(b.store.get("gates", "shared_name")?.description).toBe("b2");
    expect(updated.outs.project).toBe("beta");
    noKey([inA, inB, checked, read, updated]);
    await providers.Gate.delete(inB.id, updated.outs);
    expect(b.store.get("gates", "shared_name")).toBeUndefined();
    expect(a.store.get("gates", "shared_name")).toBeDefined();
  });

  it("changing project replaces; leaving it alone is no change", async () => {
    const outs = { id: "g", name: "g gate", project: "beta" };
    expect((await providers.Gate.diff("g", outs, { name: "g gate", project: "beta" })).changes).toBe(false);
    const moved = await providers.Gate.diff("g", outs, { name: "g gate" });
    expect(moved).toMatchObject({ changes: true, replaces: ["project"] });
    expect(
      (await providers.Gate.diff("g", { id: "g", name: "g gate" }, { name: "g gate", project: "beta" })).replaces,
    ).toEqual(["project"]);
    expect((await providers.Gate.check({}, { name: "g gate", project: "" })).failures).toEqual([
      { property: "project", reason: "must be a non-empty string, a name defined in statsig:projects" },
    ]);
  });

  it("an unknown project fails naming it and the defined ones, never a key", async () => {
    const err = await rejection(providers.Tag.create({ name: "some tag", project: "gamma" }));
    expect(err.message).toMatch(/^Statsig project "gamma": not defined in statsig:projects \(defined: beta\)/);
    noKey(err.message);
  });

  it("lookups take a project too", async () => {
    await providers.Tag.create({ name: "only in beta", project: "beta" });
    expect(await statsig.getTag({ id: "only_in_beta", project: "beta" })).toMatchObject({ name: "only in beta" });
    await expect(statsig.getTag({ id: "only_in_beta" })).rejects.toThrow(/does not exist/);
    const keys = await statsig.listKeys({ project: "beta" });
    expect(keys[0].key?.endsWith(b.apiKey.slice(-4))).toBe(true);
    noKey(keys);
  });

  it("a diff of a resource in a project forgets that project's record of its create (inflight.ts)", async () => {
    await withTempCache(async () => {
      const r = await providers.Tag.create({ name: "held in beta", project: "beta" });
      recordCreateStarted(b.apiUrl, "Tag", r.id, "held in beta");
      await providers.Tag.diff(r.id, r.outs, { name: "held in beta", project: "beta" });
      expect(createInFlightSince(b.apiUrl, "Tag", r.id)).toBeUndefined();
    });
  });
});
