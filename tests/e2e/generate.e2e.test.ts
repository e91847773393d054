/**
 * The generate round trip with the real CLI, from the `npm pack` install: a realistic project is
 * built through the emulator's HTTP API (not the provider), `pulumi-statsig generate` (the package's
 * bin) writes a program and its project files, and then
 * - `pulumi up` takes every entity over with zero write requests (the emulator's request log),
 * - `pulumi preview --expect-no-changes` passes,
 * - after an out-of-band change to one gate, `pulumi up --refresh` repairs it with exactly one write.
 * Runs in both response shapes. And `generate --overrides` on a project whose gate, experiment,
 * layer and holdout have overrides: the program declares them, `up` takes them over with zero
 * writes, and the next preview is empty.
 */
import * as fs from "fs";
import * as path from "path";
import { Stack } from "@pulumi/pulumi/automation";
import { RunningEmulator } from "../../emulator/server";
import { Shape } from "../../emulator/types";
import { generateWithBin, outOfBand, stackInDirectory, useEmulator, writesSince, useWorkDir } from "./harness";
import { FIXTURE_COUNTS, populateProject } from "../fixtures/project";

// Each step is a real CLI run (a few seconds); leave room for a loaded CI machine.
jest.setTimeout(180_000);

const TOTAL = Object.values(FIXTURE_COUNTS).reduce((a, b) => a + b, 0);

describe.each(["seed", "published"] as Shape[])("generate, then up with the real CLI (%s shape)", (shape) => {
  const emu = useEmulator({ shape, seed: populateProject });
  const dir = useWorkDir(`generate-${shape}-`);
  const out = () => path.join(dir(), "statsig-project");
  let stack: Stack;

  it("the installed bin writes the program and the project files, and prints the counts", async () => {
    const before = emu.requests().length;
    const { stdout } = await generateWithBin(emu, out());
    expect(stdout).toContain(`${TOTAL} resources`);
    expect(stdout).toMatch(/gates\s+4/);
    expect(stdout).toContain("Created Pulumi.yaml, package.json, tsconfig.json");
    expect(stdout).not.toContain(emu.apiKey);
    expect(writesSince(emu, before)).toEqual([]);
    expect(fs.readdirSync(out()).sort()).toEqual(["Pulumi.yaml", "index.ts", "package.json", "tsconfig.json"]);
  });

  it("pulumi up takes every entity over with zero write requests", async () => {
    stack = await stackInDirectory(out(), dir(), emu);
    const before = emu.requests().length;
    const up = await stack.up();
    expect(up.summary.resourceChanges).toMatchObject({ create: TOTAL + 1 }); // + the stack
    expect(writesSince(emu, before)).toEqual([]);
    expect(emu.requests().length).toBeGreaterThan(before);
  });

  it("the next preview shows no changes", async () => {
    const before = emu.requests().length;
    await stack.preview({ expectNoChanges: true });
    expect(writesSince(emu, before)).toEqual([]);
  });

  it("an out-of-band change is repaired by up --refresh with exactly one write", async () => {
    await outOfBand(emu, "PATCH", "/gates/new_checkout", { description: "changed in the console" });
    const before = emu.requests().length;
    const up = await stack.up({ refresh: true });
    expect(up.summary.resourceChanges).toMatchObject({ update: 1 });
    expect(writesSince(emu, before)).toEqual(["PATCH /gates/new_checkout"]);
    expect(emu.store.get("gates", "new_checkout")?.description).toBe("The redesigned checkout");
    await stack.preview({ expectNoChanges: true });
  });
});

describe("generate --overrides, then up with the real CLI (published shape)", () => {
  const emu = useEmulator({ shape: "published", seed: withOverrides });
  const dir = useWorkDir("generate-overrides-");
  const out = () => path.join(dir(), "statsig-project");
  let stack: Stack;

  it("reads and declares the overrides of the gate, experiment, layer and holdout", async () => {
    const before = emu.requests().length;
    const { stdout } = await generateWithBin(emu, out(), "--overrides");
    expect(stdout).toContain(`${TOTAL} resources`);
    expect(stdout).not.toContain("were not read");
    const reads = emu.requests().slice(before);
    expect(reads.filter((r) => r.path.endsWith("/overrides"))).toHaveLength(
      FIXTURE_COUNTS.gates + FIXTURE_COUNTS.experiments + FIXTURE_COUNTS.layers + FIXTURE_COUNTS.holdouts,
    );
    expect(writesSince(emu, before)).toEqual([]);
    const program = fs.readFileSync(path.join(out(), "index.ts"), "utf8");
    expect(program).toMatch(/overrides: \{\s*userOverrides: \[\{ userID: "u-gate", value: true \}\]/);
    expect(program).toMatch(/userIDOverrides: \[\{ groupID: "[^"]+", ids: \["u-exp"\] \}\]/);
    expect(program).toMatch(/idOverrides: \[\s*\{[^}]*ids: \["u-layer"\][^}]*\}/);
    expect(program).toContain('overrides: { passingUserIDs: ["u-holdout"] }');
  });

  it("pulumi up takes them over with zero write requests, and the next preview shows no changes", async () => {
    stack = await stackInDirectory(out(), dir(), emu);
    const before = emu.requests().length;
    const up = await stack.up();
    expect(up.summary.resourceChanges).toMatchObject({ create: TOTAL + 1 });
    expect(writesSince(emu, before)).toEqual([]);
    // The resources manage them now: up recorded them (each read its overrides).
    expect(
      emu
        .requests()
        .slice(before)
        .filter((r) => /^\/(experiments|layers|holdouts)\/[^/]+\/overrides$/.test(r.path)),
    ).not.toHaveLength(0);
    const exported = await stack.exportStack();
    const outputs = (type: string) =>
      exported.deployment.resources.find((r: { urn: string }) => r.urn.endsWith(`::${type}`))?.outputs?.overrides;
    expect(outputs("checkout_holdout")).toMatchObject({ passingUserIDs: ["u-holdout"] });
    const previewFrom = emu.requests().length;
    await stack.preview({ expectNoChanges: true });
    expect(writesSince(emu, previewFrom)).toEqual([]);
  });
});

/** The fixture project, plus overrides on a gate, the experiment, the layer and the holdout (over HTTP). */
async function withOverrides(emu: RunningEmulator): Promise<void> {
  await populateProject(emu);
  const experiment = (await outOfBand(emu, "GET", "/experiments/checkout_button_color")) as {
    data: { groups: { id: string; name: string }[] };
  };
  const green = experiment.data.groups.find((g) => g.name === "green")!.id;
  await outOfBand(emu, "PUT", "/gates/new_checkout/overrides", {
    userOverrides: [{ userID: "u-gate", value: true }],
    idOverrides: [],
  });
  await outOfBand(emu, "POST", "/experiments/checkout_button_color/overrides", {
    overrides: [],
    userIDOverrides: [{ groupID: green, ids: ["u-exp"] }],
  });
  await outOfBand(emu, "POST", "/layers/checkout_layer/overrides", {
    conditionalOverrides: [],
    idOverrides: [{ groupName: "green", experimentName: "checkout_button_color", ids: ["u-layer"] }],
  });
  await outOfBand(emu, "POST", "/holdouts/checkout_holdout/overrides", {
    passingUserIDs: ["u-holdout"],
    failingUserIDs: [],
  });
}
