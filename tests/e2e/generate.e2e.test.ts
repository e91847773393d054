/**
 * The generate round trip with the real CLI, from the `npm pack` install: a realistic project is
 * built through the emulator's HTTP API (not the provider), `pulumi-statsig generate` (the package's
 * bin) writes a program and its project files, and then
 * - `pulumi up` takes every entity over with zero write requests (the emulator's request log),
 * - `pulumi preview --expect-no-changes` passes,
 * - after an out-of-band change to one gate, `pulumi up --refresh` repairs it with exactly one write.
 * Runs in both response shapes.
 */
import * as fs from "fs";
import * as path from "path";
import { Stack } from "@pulumi/pulumi/automation";
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
