/**
 * What `readProject` (provider/generate/source.ts) reads, against the emulator over real HTTP with
 * a few entities put straight into its store: one list request per kind and page; an id-list
 * segment's ids only when it may have any; overrides (gates, layers, experiments, holdouts) only
 * when asked, and a note saying so otherwise (for gates); the published shapes brought to what
 * programs declare.
 */
import { useEmulator } from "../../fixtures/emulator";
import { ConsoleClient } from "../../../provider/client";
import { KINDS, readProject } from "../../../provider/generate";
import { OVERRIDES_KINDS, OVERRIDES_NOUNS } from "../../../provider/generate/source";
import { RunningEmulator } from "../../../emulator/server";

const clientOf = (emu: RunningEmulator) => new ConsoleClient({ baseUrl: emu.apiUrl, apiKey: () => emu.apiKey });
const paths = (emu: RunningEmulator) => emu.requests().map((r) => `${r.method} ${r.path}`);

describe("the seed's shape", () => {
  const emu = useEmulator({ resetEach: true });

  it("an empty project: one GET of each kind's list, no note", async () => {
    const s = await readProject(clientOf(emu));
    expect(KINDS.map((k) => s[k])).toEqual(KINDS.map(() => []));
    expect(s.unread).toBeUndefined();
    expect(paths(emu)).toHaveLength(KINDS.length);
    expect(paths(emu).every((p) => p.startsWith("GET ") && p.includes("limit=100"))).toBe(true);
  });

  it("reads an id-list segment's ids (no count in this shape), not a rule-based one's", async () => {
    emu.store.put("segments", { id: "ids", name: "ids", type: "id_list", rules: [] });
    emu.store.put("segments", { id: "rules", name: "rules", type: "rule_based", rules: [] });
    emu.store.setExtra("id_list", "segments", "ids", ["u1", "u2"]);
    const s = await readProject(clientOf(emu));
    expect(s.segments.find((x) => x.id === "ids")!.ids).toEqual(["u1", "u2"]);
    expect(s.segments.find((x) => x.id === "rules")).not.toHaveProperty("ids");
    expect(paths(emu).filter((p) => p.includes("id_list"))).toEqual(["GET /segments/ids/id_list"]);
  });

  it("gate overrides: not read by default (one note says so), read per gate with overrides: true", async () => {
    emu.store.put("gates", { id: "gate_a", name: "gate_a", isEnabled: true, status: "active", rules: [] });
    emu.store.setExtra("overrides", "gates", "gate_a", {
      userOverrides: [{ userID: "u", value: true }],
      idOverrides: [],
    });
    const plain = await readProject(clientOf(emu));
    expect(plain.gates[0]).not.toHaveProperty("overrides");
    expect(plain.unread).toEqual([expect.stringContaining("Gate overrides were not read")]);
    expect(paths(emu).some((p) => p.includes("overrides"))).toBe(false);
    const full = await readProject(clientOf(emu), { overrides: true });
    expect(full.gates[0].overrides).toEqual({ userOverrides: [{ userID: "u", value: true }], idOverrides: [] });
    expect(full.unread).toBeUndefined();
  });

  it("overrides: the kinds whose definition has an `overrides` field, each read with overrides: true", async () => {
    expect(OVERRIDES_KINDS).toEqual(["gates", "layers", "experiments", "holdouts"]);
    expect(OVERRIDES_NOUNS).toBe("gate, layer, experiment and holdout");
    emu.store.put("layers", { id: "lay", name: "lay" });
    emu.store.put("experiments", { id: "exp", name: "exp", status: "setup", groups: [] });
    emu.store.put("holdouts", { id: "hold", name: "hold", passPercentage: 1 });
    emu.store.setExtra("overrides", "holdouts", "hold", { passingUserIDs: ["u"], failingUserIDs: [] });
    const plain = await readProject(clientOf(emu));
    expect([plain.layers[0], plain.experiments[0], plain.holdouts[0]].some((e) => "overrides" in e)).toBe(false);
    expect(plain.unread).toBeUndefined(); // no gate: as before, no note
    const full = await readProject(clientOf(emu), { overrides: true });
    expect(full.holdouts[0].overrides).toMatchObject({ passingUserIDs: ["u"] });
    expect(full.layers[0].overrides).toBeDefined();
    expect(full.experiments[0].overrides).toBeDefined();
    expect(
      paths(emu)
        .filter((p) => p.endsWith("/overrides"))
        .sort(),
    ).toEqual(["GET /experiments/exp/overrides", "GET /holdouts/hold/overrides", "GET /layers/lay/overrides"]);
  });

  it("names a decided experiment's launched group by its name", async () => {
    const groups = [
      { id: "g1", name: "Control", size: 50 },
      { id: "g2", name: "Test", size: 50 },
    ];
    emu.store.put("experiments", { id: "done", name: "done", status: "decision_made", groups, launchedGroupID: "g2" });
    emu.store.put("experiments", { id: "open", name: "open", status: "active", groups });
    const s = await readProject(clientOf(emu));
    expect(s.experiments.find((e) => e.id === "done")!.launchedGroup).toBe("Test");
    expect(s.experiments.find((e) => e.id === "open")).not.toHaveProperty("launchedGroup");
  });
});

describe("the published shape", () => {
  const emu = useEmulator({ shape: "published", resetEach: true });

  it("skips the id list of a segment whose count is 0, reads one whose count is not", async () => {
    for (const id of ["empty", "full"]) emu.store.put("segments", { id, name: id, type: "id_list", rules: [] });
    emu.store.setExtra("id_list", "segments", "full", ["u1"]);
    const s = await readProject(clientOf(emu));
    expect(s.segments.map((x) => [x.id, x.ids])).toEqual([
      ["empty", []],
      ["full", ["u1"]],
    ]);
    expect(paths(emu).filter((p) => p.includes("id_list"))).toEqual(["GET /segments/full/id_list"]);
  });

  it("reads a layer's parameters list as the name → value object programs declare", async () => {
    emu.store.put("layers", { id: "lay", name: "lay", parameters: { color: "red", size: 2 } });
    const s = await readProject(clientOf(emu));
    expect(s.layers[0].parameters).toEqual({ color: "red", size: 2 });
  });
});
