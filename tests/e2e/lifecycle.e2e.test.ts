/**
 * Issue 16 items 3 and 4 with the real Pulumi CLI against the emulator's published shape: an
 * experiment goes setup → active → decision_made with a launched group → archived, each step one
 * write to its endpoint, and a change Statsig cannot make fails the preview with the reason;
 * overrides on an experiment, a layer and a holdout converge with one write per change; and
 * `generate` on a project holding every status (a decided, an abandoned-then-archived experiment, an
 * archived gate and config, a decided autotune) writes a program that takes it over with 0 writes
 * and an empty preview.
 */
import * as fs from "fs";
import * as path from "path";
import { rejection } from "../rejection";
import {
  generateWithBin,
  outOfBand,
  stackInDirectory,
  useEmulator,
  useStack,
  writesSince,
  useWorkDir,
} from "./harness";

// Each step is a real CLI run (a few seconds); leave room for a loaded CI machine.
jest.setTimeout(180_000);

const program = `
import * as pulumi from "@pulumi/pulumi";
import * as statsig from "pulumi-statsig";

const cfg = new pulumi.Config();
const layer = new statsig.Layer("layer", cfg.requireObject<statsig.LayerArgs>("layer"));
const exp = new statsig.Experiment("exp", { ...cfg.requireObject<statsig.ExperimentArgs>("exp"), layerID: layer.id });
new statsig.Holdout("holdout", cfg.requireObject<statsig.HoldoutArgs>("holdout"));
export const status = exp.status;
export const launchedGroup = exp.launchedGroup;
export const decisionReason = exp.decisionReason;
`;

const groups = [
  { name: "control", size: 50, parameterValues: { color: "blue" } },
  { name: "test", size: 50, parameterValues: { color: "green" } },
];
const exp = {
  name: "ship it",
  groups,
  status: "setup",
  overrides: { userIDOverrides: [{ groupID: "control", ids: ["qa-1"] }] },
};
const layer = {
  name: "checkout layer",
  parameters: { color: "blue" },
  overrides: { idOverrides: [{ groupName: "test", ids: ["qa-2"], experimentName: "ship it" }] },
};
const holdout = { name: "q3 holdout", passPercentage: 5, overrides: { passingUserIDs: ["qa-3"], failingUserIDs: [] } };

describe("lifecycles and overrides with the real CLI (published shape)", () => {
  const emu = useEmulator({ shape: "published" });
  const t = useStack("lifecycle", program, emu);

  const set = async (values: { exp?: unknown; layer?: unknown; holdout?: unknown }) => {
    for (const [k, v] of Object.entries(values)) await t.stack.setConfig(k, { value: JSON.stringify(v) });
  };
  /** Runs `up`; returns its outputs and the writes (anything but GET) it made. */
  const up = async () => {
    const from = emu.requests().length;
    const result = await t.stack.up();
    return { outputs: result.outputs, writes: writesSince(emu, from) };
  };

  /**
   * Moves the experiment to `status` with the `test` group launched, runs `up`, and expects one
   * PUT `action` and the status and launched group in the outputs; returns the outputs.
   */
  const decide = async (status: string, action: string) => {
    await set({ exp: { ...exp, status, launchedGroup: "test", decisionReason: "green wins" } });
    const { outputs, writes } = await up();
    expect(writes).toEqual([`PUT /experiments/ship_it/${action}`]);
    expect(outputs.status.value).toBe(status);
    expect(outputs.launchedGroup.value).toBe("test");
    return outputs;
  };

  it("creates the three with their overrides: one POST of overrides each", async () => {
    await set({ exp, layer, holdout });
    const { outputs, writes } = await up();
    expect(outputs.status.value).toBe("setup");
    expect(writes.filter((w) => w.endsWith("/overrides")).sort()).toEqual([
      "POST /experiments/ship_it/overrides",
      "POST /holdouts/q3_holdout/overrides",
      "POST /layers/checkout_layer/overrides",
    ]);
    await t.stack.preview({ expectNoChanges: true });
  });

  it("starts the experiment with one PUT start", async () => {
    await set({ exp: { ...exp, status: "active" } });
    const { outputs, writes } = await up();
    expect(writes).toEqual(["PUT /experiments/ship_it/start"]);
    expect(outputs.status.value).toBe("active");
  });

  it("makes the decision with one PUT make_decision naming the launched group's id", async () => {
    const outputs = await decide("decision_made", "make_decision");
    expect(outputs.decisionReason.value).toBe("green wins");
    const stored = emu.store.get("experiments", "ship_it")!;
    const test = (stored.groups as { name: string; id: string }[]).find((g) => g.name === "test")!;
    expect(stored.launchedGroupID).toBe(test.id);
    await t.stack.preview({ expectNoChanges: true });
  });

  it("refuses going back to setup at preview, with the reason, before any API call", async () => {
    await set({ exp: { ...exp, status: "setup" } });
    const before = emu.requests().length;
    const err = await rejection(t.stack.preview());
    expect(String(err)).toMatch(/experiment "ship it" is decision_made and cannot go to setup: a decision is final/);
    expect(emu.requests().length).toBe(before);
  });

  it("archives the decided experiment with one PUT archive; then nothing to do, and a refresh finds no drift", async () => {
    await decide("archived", "archive");
    await t.stack.preview({ expectNoChanges: true });
    await t.stack.refresh({ expectNoChanges: true });
    expect((await up()).writes).toEqual([]);
  });

  it("changes the overrides of all three with one write each", async () => {
    await set({
      exp: {
        ...exp,
        status: "archived",
        launchedGroup: "test",
        decisionReason: "green wins",
        overrides: { userIDOverrides: [{ groupID: "test", ids: ["qa-1", "qa-4"] }] },
      },
      layer: {
        ...layer,
        overrides: { idOverrides: [{ groupName: "control", ids: ["qa-2"], experimentName: "ship it" }] },
      },
      holdout: { ...holdout, overrides: { passingUserIDs: [], failingUserIDs: ["qa-3"] } },
    });
    const { writes } = await up();
    expect(writes.sort()).toEqual([
      "POST /experiments/ship_it/overrides",
      "POST /holdouts/q3_holdout/overrides",
      "POST /layers/checkout_layer/overrides",
    ]);
    expect(emu.store.extra("overrides", "holdouts", "q3_holdout")).toEqual({
      passingUserIDs: [],
      failingUserIDs: ["qa-3"],
      passingCustomIDs: [],
      failingCustomIDs: [],
    });
    await t.stack.preview({ expectNoChanges: true });
    await t.stack.refresh({ expectNoChanges: true });
  });

  it("destroys everything", async () => {
    await t.stack.destroy();
    expect(emu.store.list("experiments")).toEqual([]);
    expect(emu.store.list("layers")).toEqual([]);
  });
});

describe("generate on a project holding every status, then up (real CLI, published shape)", () => {
  const emu = useEmulator({ shape: "published" });
  const dir = useWorkDir("lifecycle-generate-");

  beforeAll(async () => {
    // Built through the API, as a team would have it: every status the lifecycles reach.
    const call = (method: string, p: string, body?: unknown) => outOfBand(emu, method, p, body);
    const group = async (exp: string, name: string) =>
      (
        (await call("GET", `/experiments/${exp}`)) as { data: { groups: { name: string; id: string }[] } }
      ).data.groups.find((g) => g.name === name)!.id;
    await call("POST", "/experiments", { name: "decided", groups });
    await call("PUT", "/experiments/decided/start");
    await call("PUT", "/experiments/decided/make_decision", {
      id: await group("decided", "test"),
      decisionReason: "wins",
    });
    await call("POST", "/experiments", { name: "dropped", groups });
    await call("PUT", "/experiments/dropped/start");
    await call("PUT", "/experiments/dropped/abandon", { decisionReason: "broken" });
    await call("PUT", "/experiments/dropped/archive", {});
    await call("POST", "/gates", { name: "old gate" });
    await call("PUT", "/gates/old_gate/archive");
    await call("POST", "/dynamic_configs", { name: "old config" });
    await call("PUT", "/dynamic_configs/old_config/archive");
    await call("POST", "/autotunes", {
      name: "cta",
      successMetric: "purchase",
      variants: [
        { name: "Buy", parameterValues: { t: "Buy" } },
        { name: "Get", parameterValues: { t: "Get" } },
      ],
    });
    await call("PUT", "/autotunes/cta/start");
    await call("PUT", "/autotunes/cta/make_decision", { id: "get", decisionReason: "more clicks" });
  }, 20 * 60_000);

  it("writes the statuses, the launched group by name and the reasons; up takes it over with 0 writes", async () => {
    const out = path.join(dir(), "project");
    await generateWithBin(emu, out);
    const source = fs.readFileSync(path.join(out, "index.ts"), "utf8");
    for (const line of [
      'status: "decision_made"',
      'launchedGroup: "test"',
      'decisionReason: "wins"',
      'status: "archived"',
      'decisionReason: "broken"',
      'status: "Archived"',
    ])
      expect(source).toContain(line);

    const stack = await stackInDirectory(out, dir(), emu);
    const before = emu.requests().length;
    await stack.up();
    expect(writesSince(emu, before)).toEqual([]);
    await stack.preview({ expectNoChanges: true });
    await stack.refresh({ expectNoChanges: true });
    expect(writesSince(emu, before)).toEqual([]);
  });
});
