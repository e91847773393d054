/**
 * The generate round trip with the real CLI, from the `npm pack` install: a realistic project is
 * built through the emulator's HTTP API (not the provider), `pulumi-statsig generate` (the package's
 * bin) writes a program and its project files, and then
 * - `pulumi up` takes every entity over with zero write requests (the emulator's request log),
 * - `pulumi preview --expect-no-changes` passes,
 * - after an out-of-band change to one gate, `pulumi up --refresh` repairs it with exactly one write.
 * Runs in both response shapes.
 */
import { execFile } from "child_process";
import { promisify } from "util";
import * as fs from "fs";
import * as path from "path";
import { LocalWorkspace, PulumiCommand, Stack } from "@pulumi/pulumi/automation";
import { Shape } from "../../emulator/types";
import { E2E_DIR, REPO, installPackage, offlineEnv, outOfBand, pulumiCli, useEmulator, writesSince } from "./harness";
import { FIXTURE_COUNTS, populateProject } from "../fixtures/project";

// Each step is a real CLI run (a few seconds); leave room for a loaded CI machine.
jest.setTimeout(180_000);

const TOTAL = Object.values(FIXTURE_COUNTS).reduce((a, b) => a + b, 0);

describe.each(["seed", "published"] as Shape[])("generate, then up with the real CLI (%s shape)", (shape) => {
  const emu = useEmulator({ shape, seed: populateProject });
  let dir: string;
  let out: string;
  let stack: Stack;

  beforeAll(async () => {
    installPackage();
    pulumiCli();
    fs.mkdirSync(E2E_DIR, { recursive: true });
    dir = fs.mkdtempSync(path.join(E2E_DIR, `generate-${shape}-`));
    out = path.join(dir, "statsig-project");
  }, 20 * 60_000);
  afterAll(async () => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it("the installed bin writes the program and the project files, and prints the counts", async () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(REPO, "node_modules", "pulumi-statsig", "package.json"), "utf8"));
    const bin = path.join(REPO, "node_modules", "pulumi-statsig", pkg.bin["pulumi-statsig"]);
    const before = emu.requests().length;
    // Asynchronously: the emulator answers from this process's event loop.
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [bin, "generate", "--out", out, "--api-url", emu.apiUrl],
      {
        env: { ...process.env, STATSIG_CONSOLE_API_KEY: emu.apiKey, STATSIG_API_URL: "" },
      },
    );
    expect(stdout).toContain(`${TOTAL} resources`);
    expect(stdout).toMatch(/gates\s+4/);
    expect(stdout).toContain("Created Pulumi.yaml, package.json, tsconfig.json");
    expect(stdout).not.toContain(emu.apiKey);
    expect(writesSince(emu, before)).toEqual([]);
    expect(fs.readdirSync(out).sort()).toEqual(["Pulumi.yaml", "index.ts", "package.json", "tsconfig.json"]);
  });

  it("pulumi up takes every entity over with zero write requests", async () => {
    const { root } = pulumiCli();
    const pulumiCommand = await PulumiCommand.get({ root, skipVersionCheck: true });
    fs.mkdirSync(path.join(dir, "backend"), { recursive: true });
    const env = offlineEnv(dir);
    stack = await LocalWorkspace.createOrSelectStack(
      { stackName: "e2e", workDir: out },
      { pulumiCommand, envVars: env, pulumiHome: env.PULUMI_HOME },
    );
    await stack.setConfig("statsig:apiUrl", { value: emu.apiUrl });
    await stack.setConfig("statsig:consoleApiKey", { value: emu.apiKey, secret: true });
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
