/**
 * The published API's entity fields (issue 16) with the real CLI against the emulator's published
 * shape: a gate and an experiment declaring several of them go up, Statsig (the emulator) holds
 * them, the next preview and refresh are empty, and a change to two of them is one PATCH per
 * resource, after which the preview is empty again; `generate` writes a program that takes both
 * over with 0 writes and an empty preview. The experiment's groups set different parameters, and
 * one carries a description.
 */
import { ConsoleClient } from "../../provider/client";
import { readProject, renderProgram } from "../../provider/generate";
import { newStack, useEmulator, useStack, writesSince } from "./harness";
import { experimentSettings } from "../fixtures/publishedFields";

// Each step is a real CLI run (a few seconds); leave room for a loaded CI machine.
jest.setTimeout(180_000);

const program = `
import * as pulumi from "@pulumi/pulumi";
import * as statsig from "pulumi-statsig";

const v = new pulumi.Config().requireObject<{ team: string; duration: number }>("v");
const gate = new statsig.Gate("fields-gate", {
  name: "fields gate",
  idType: "stableID",
  team: v.team,
  measureMetricLifts: true,
  monitoringMetrics: [{ name: "purchase", type: "event_count" }],
});
new statsig.Experiment("fields-experiment", {
  name: "fields experiment",
  targetingGateID: gate.id,
  idType: "stableID",
  team: v.team,
  groups: [
    { name: "control", size: 50, parameterValues: { a_bool: true, color: "blue" }, description: "as today" },
    { name: "test", size: 50, parameterValues: { color: "green" } },
  ],
  primaryMetrics: [{ name: "purchase", type: "event_count", direction: "increase" }],
  secondaryMetricTags: ["guardrail"],
  duration: v.duration,
  targetExposures: 10000,
  targetApps: "web",
  links: [{ url: "https://example.com/spec", title: "spec" }],
  defaultConfidenceInterval: "95",
  bonferroniCorrection: true,
  sequentialTesting: false,
});
`;

describe("published fields with the real CLI (published shape)", () => {
  const emu = useEmulator({ shape: "published" });
  const t = useStack("fields-published", program, emu);

  const setValues = (v: { team: string; duration: number }) => t.stack.setConfig("v", { value: JSON.stringify(v) });

  it("up creates both with their fields, and the next preview and refresh are empty", async () => {
    await setValues({ team: "checkout", duration: 14 });
    const up = await t.stack.up();
    expect(up.summary.resourceChanges).toMatchObject({ create: 3 });
    expect(emu.store.get("gates", "fields_gate")).toMatchObject({
      idType: "stableID",
      team: "checkout",
      measureMetricLifts: true,
      monitoringMetrics: [{ name: "purchase", type: "event_count" }],
    });
    expect(emu.store.get("experiments", "fields_experiment")).toMatchObject({
      idType: "stableID",
      team: "checkout",
      ...experimentSettings,
      secondaryMetricTags: ["guardrail"],
      groups: [
        { name: "control", size: 50, parameterValues: { a_bool: true, color: "blue" }, description: "as today" },
        { name: "test", size: 50, parameterValues: { color: "green" } },
      ],
    });
    await t.stack.preview({ expectNoChanges: true });
    await t.stack.refresh({ expectNoChanges: true });
  });

  it("a change of team and duration is one PATCH per resource, then the preview is empty", async () => {
    await setValues({ team: "growth", duration: 28 });
    const mark = emu.requests().length;
    const up = await t.stack.up();
    expect(up.summary.resourceChanges).toMatchObject({ update: 2 });
    expect(writesSince(emu, mark).sort()).toEqual(["PATCH /experiments/fields_experiment", "PATCH /gates/fields_gate"]);
    expect(emu.store.get("experiments", "fields_experiment")).toMatchObject({ team: "growth", duration: 28 });
    expect(emu.store.get("gates", "fields_gate")).toMatchObject({ team: "growth" });
    await t.stack.preview({ expectNoChanges: true });
  });

  it("generate writes a program that takes both over with 0 writes, then an empty preview", async () => {
    const client = new ConsoleClient({ baseUrl: emu.apiUrl, apiKey: () => emu.apiKey });
    const { source, warnings } = await renderProgram(await readProject(client));
    expect(warnings).toEqual([]);
    expect(source).toContain('defaultConfidenceInterval: "95"');
    const generated = await newStack("fields-generated", source, emu);
    try {
      const mark = emu.requests().length;
      const up = await generated.stack.up();
      expect(up.summary.resourceChanges).toMatchObject({ create: 3 });
      expect(writesSince(emu, mark)).toEqual([]);
      await generated.stack.preview({ expectNoChanges: true });
    } finally {
      await generated.cleanup();
    }
  });

  it("destroy removes both", async () => {
    await t.stack.destroy();
    expect(emu.store.list("gates")).toEqual([]);
    expect(emu.store.list("experiments")).toEqual([]);
  });
});
