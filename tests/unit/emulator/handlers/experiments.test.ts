/**
 * The emulator's experiment handlers, called directly: groups get ids (kept by name), sizes sum to
 * 100, references must exist; groups and targeting are fixed once started; the lifecycle
 * (start, make_decision, abandon, reset, archive/unarchive) refuses what the service refuses;
 * overrides name the experiment's groups and existing gates or segments.
 */
import { experiments } from "../../../../emulator/handlers/experiments";
import { Store } from "../../../../emulator/store";
import { call, refusal } from "./call";

let store: Store;
const groups = [
  { name: "Control", size: 50, parameterValues: {} },
  { name: "Test", size: 50, parameterValues: {} },
];
beforeEach(async () => {
  store = new Store();
  store.put("gates", { id: "gate_a", name: "gate_a" });
  await call(experiments.create, store, { body: { name: "exp", groups } });
});
const on = (body?: unknown) => ({ params: { id: "exp" }, body });
const groupId = (name: string) =>
  (store.get("experiments", "exp")!.groups as { id: string; name: string }[]).find((g) => g.name === name)!.id;

describe("create and update", () => {
  it("starts in setup; every group gets an id, kept by name on a PATCH", async () => {
    expect(store.get("experiments", "exp")).toMatchObject({ status: "setup", allocation: 100 });
    const control = groupId("Control");
    expect(control).toMatch(/^grp_/);
    const regrouped = [
      { name: "Test", size: 40 },
      { name: "Control", size: 60 },
    ];
    await call(experiments.update, store, on({ groups: regrouped }));
    expect(groupId("Control")).toBe(control);
  });

  it("refuses sizes that do not sum to 100, and references that do not exist", async () => {
    const uneven = { name: "uneven", groups: [{ name: "a", size: 50 }] };
    expect((await refusal(experiments.create, store, { body: uneven })).message).toBe(
      "groups: sizes must sum to 100 (got 50)",
    );
    expect((await refusal(experiments.update, store, on({ targetingGateID: "nope" }))).message).toBe(
      'targetingGateID: gate "nope" does not exist',
    );
    expect((await refusal(experiments.create, store, { body: { name: "lay", layerID: "nope" } })).message).toBe(
      'layerID: layer "nope" does not exist',
    );
  });

  it("once started, groups and targeting are fixed; other fields still change", async () => {
    await call(experiments.start, store, on());
    const moved = [
      { name: "Control", size: 60 },
      { name: "Test", size: 40 },
    ];
    expect((await refusal(experiments.update, store, on({ groups: moved }))).message).toBe(
      "groups: cannot change once the experiment has started (status active)",
    );
    expect((await refusal(experiments.update, store, on({ targetingGateID: "gate_a" }))).status).toBe(400);
    // The same groups sent back with their ids, and "" for no gate, are no change.
    const same = store.get("experiments", "exp")!.groups;
    const r = await call(experiments.update, store, on({ groups: same, targetingGateID: "", description: "d" }));
    expect(r.body).toMatchObject({ description: "d", status: "active" });
  });
});

describe("lifecycle", () => {
  it("start needs setup and two groups", async () => {
    await call(experiments.create, store, { body: { name: "lonely", groups: [{ name: "All", size: 100 }] } });
    expect((await refusal(experiments.start, store, { params: { id: "lonely" } })).message).toBe(
      "groups: an experiment needs at least two groups to start",
    );
    await call(experiments.start, store, on());
    expect((await refusal(experiments.start, store, on())).message).toBe(
      "experiment is active; only an experiment in setup can start",
    );
  });

  it("a decision names a group by id and is final", async () => {
    const decide = (id: string) => on({ id, decisionReason: "why" });
    expect((await refusal(experiments.makeDecision, store, decide(groupId("Test")))).message).toBe(
      "Experiment has not yet started",
    );
    await call(experiments.start, store, on());
    expect((await refusal(experiments.makeDecision, store, decide("Test"))).message).toMatch(
      /^id: "Test" is not the id of a group of this experiment/,
    );
    expect((await call(experiments.makeDecision, store, decide(groupId("Test")))).body).toMatchObject({
      status: "decision_made",
      launchedGroupID: groupId("Test"),
      decisionReason: "why",
    });
    expect((await refusal(experiments.reset, store, on())).message).toBe(
      "Experiment is decision_made; only an active experiment can be reset",
    );
    expect((await refusal(experiments.abandon, store, on({ decisionReason: "x" }))).status).toBe(400);
  });

  it("abandon ends a running experiment; reset takes a running one back to setup", async () => {
    await call(experiments.start, store, on());
    expect((await call(experiments.reset, store, on())).body).toMatchObject({ status: "setup" });
    await call(experiments.start, store, on());
    expect((await call(experiments.abandon, store, on({ decisionReason: "stop" }))).body).toMatchObject({
      status: "abandoned",
    });
  });

  it("unarchive returns to the status before archive; archive twice and unarchive twice are refused", async () => {
    await call(experiments.start, store, on());
    await call(experiments.archive, store, on());
    expect((await refusal(experiments.archive, store, on())).message).toBe("Experiment is already archived");
    expect((await call(experiments.unarchive, store, on())).body).toMatchObject({ status: "active" });
    expect((await refusal(experiments.unarchive, store, on())).message).toBe(
      "Experiment is not archived (it is active)",
    );
  });
});

describe("overrides", () => {
  it("name groups by id or name and existing gates; POST replaces, PATCH adds, DELETE empties", async () => {
    const gate = { type: "gate", id: "gate_a", groupID: "Control" };
    const users = { groupID: groupId("Test"), ids: ["u1"] };
    await call(experiments.setOverrides, store, on({ overrides: [gate], userIDOverrides: [] }));
    await call(experiments.addOverrides, store, on({ overrides: [], userIDOverrides: [users] }));
    expect((await call(experiments.getOverrides, store, on())).body).toEqual({
      overrides: [gate],
      userIDOverrides: [users],
    });
    await call(experiments.setOverrides, store, on({ overrides: [], userIDOverrides: [] }));
    expect((await call(experiments.getOverrides, store, on())).body).toEqual({ overrides: [], userIDOverrides: [] });
    await call(experiments.addOverrides, store, on({ overrides: [gate], userIDOverrides: [] }));
    await call(experiments.deleteOverrides, store, on());
    expect((await call(experiments.getOverrides, store, on())).body).toEqual({ overrides: [], userIDOverrides: [] });
  });

  it("refuse an unknown group or gate, storing nothing", async () => {
    const badGroup = { overrides: [{ type: "gate", id: "gate_a", groupID: "Nope" }], userIDOverrides: [] };
    expect((await refusal(experiments.setOverrides, store, on(badGroup))).message).toBe(
      'overrides[0].groupID: "Nope" is not a group of this experiment (Control, Test)',
    );
    const badGate = { overrides: [{ type: "segment", id: "gate_a", groupID: "Test" }], userIDOverrides: [] };
    expect((await refusal(experiments.setOverrides, store, on(badGate))).message).toBe(
      'overrides[0].id: segment "gate_a" does not exist',
    );
    expect(store.extra("overrides", "experiments", "exp")).toBeUndefined();
  });
});
