/**
 * End-to-end harness: the real Pulumi CLI, driven through the Automation API on program
 * directories, with a local file backend and no network (the CLI plumbing lives in
 * scripts/lib/cli.ts, which the benchmark shares). Programs run in the CLI's own child processes
 * (never inside Jest, whose module system breaks closure serialization).
 */
import { execFile } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { promisify } from "util";
import { LocalWorkspace, PulumiCommand, Stack } from "@pulumi/pulumi/automation";
import { RunningEmulator } from "../../emulator/server";
import { ProgramStack, REPO, installPackage, newProgramStack, offlineEnv, pulumiCli } from "../../scripts/lib/cli";
import { lateBound } from "../fixtures/emulator";

export { useEmulator } from "../fixtures/emulator";

export { REPO, installPackage, offlineEnv, pulumiCli } from "../../scripts/lib/cli";

/** Where e2e program directories and backends are written (gitignored). */
export const E2E_DIR = path.join(REPO, ".e2e");

/** A stack on a fresh program directory, configured to talk to an emulator. */
export type TestStack = ProgramStack;

/** Creates a program directory with `source` as index.ts and a stack pointed at `emu`. */
export async function newStack(name: string, source: string, emu: RunningEmulator): Promise<TestStack> {
  return newProgramStack({
    name,
    source,
    parent: E2E_DIR,
    config: {
      "statsig:apiUrl": { value: emu.apiUrl },
      "statsig:consoleApiKey": { value: emu.apiKey, secret: true },
    },
  });
}

/**
 * Runs the installed package's bin (the `npm pack` install in node_modules), `pulumi-statsig generate
 * --out <out> [...flags]`, against `emu` with the key in the environment, as a user runs it.
 * Asynchronously: the emulator answers from this process's event loop.
 */
export function generateWithBin(
  emu: RunningEmulator,
  out: string,
  ...flags: string[]
): Promise<{ stdout: string; stderr: string }> {
  const installed = path.join(REPO, "node_modules", "pulumi-statsig");
  const pkg = JSON.parse(fs.readFileSync(path.join(installed, "package.json"), "utf8"));
  const bin = path.join(installed, pkg.bin["pulumi-statsig"]);
  return promisify(execFile)(process.execPath, [bin, "generate", "--out", out, "--api-url", emu.apiUrl, ...flags], {
    env: { ...process.env, STATSIG_CONSOLE_API_KEY: emu.apiKey, STATSIG_API_URL: "" },
  });
}

/**
 * A stack `e2e` on an existing program directory `workDir` (such as one `generate` wrote), with its
 * local backend and Pulumi home under `home`, pointed at `emu`.
 */
export async function stackInDirectory(workDir: string, home: string, emu: RunningEmulator): Promise<Stack> {
  const { root } = pulumiCli();
  const pulumiCommand = await PulumiCommand.get({ root, skipVersionCheck: true });
  fs.mkdirSync(path.join(home, "backend"), { recursive: true });
  const env = offlineEnv(home);
  const stack = await LocalWorkspace.createOrSelectStack(
    { stackName: "e2e", workDir },
    { pulumiCommand, envVars: env, pulumiHome: env.PULUMI_HOME },
  );
  await stack.setConfig("statsig:apiUrl", { value: emu.apiUrl });
  await stack.setConfig("statsig:consoleApiKey", { value: emu.apiKey, secret: true });
  return stack;
}

/** Sends a request to the emulator's API as an out-of-band actor would (drift, deletion). */
export { outOfBand } from "../outOfBand";

/** The emulator's write requests (anything but GET) served since request number `from`, as `METHOD /path`. */
export function writesSince(emu: RunningEmulator, from: number): string[] {
  return emu
    .requests()
    .slice(from)
    .filter((r) => r.method !== "GET")
    .map((r) => `${r.method} ${r.path}`);
}

/** One export of a stack's state, as a lookup of its resources by type suffix (e.g. `Gate`). */
export async function stateByType(stack: Stack): Promise<(type: string) => Record<string, unknown>[]> {
  const dep = await stack.exportStack();
  const resources = (dep.deployment?.resources ?? []) as { type: string }[];
  return (type) => resources.filter((r) => r.type === `pulumi-nodejs:dynamic/statsig:${type}`);
}

/** The resources of a stack's state of one type suffix (e.g. `Gate`). */
export async function stateResources(stack: Stack, type: string): Promise<Record<string, unknown>[]> {
  return (await stateByType(stack))(type);
}

/** Bytes of the serialized `__provider` of one resource (from the state). */
export function providerBytes(resource: Record<string, unknown>): number {
  const inputs = resource.inputs as { __provider?: string };
  return Buffer.byteLength(inputs.__provider ?? "");
}

/** Every file the local backend wrote for a test stack (checkpoints, history, backups). */
export function backendFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, e.name);
      if (e.isDirectory()) walk(full);
      else out.push(full);
    }
  };
  walk(path.join(dir, "backend"));
  return out;
}

/**
 * A program stack for the enclosing `describe` block, pointed at `emu` (see `useEmulator`):
 * created before its tests, then `setup` runs (config, a first `up`...); removed after them.
 * Returns a stand-in for the stack, usable from the tests and hooks that follow.
 */
export function useStack(
  name: string,
  source: string,
  emu: RunningEmulator,
  setup?: (t: TestStack) => Promise<unknown>,
): TestStack {
  let t: TestStack | undefined;
  beforeAll(async () => {
    t = await newStack(name, source, emu);
    await setup?.(t);
  }, 20 * 60_000);
  afterAll(async () => {
    await t?.cleanup();
    t = undefined;
  });
  return lateBound("useStack()", () => t);
}

/**
 * A temporary directory under .e2e (name starting with `prefix`) for the enclosing `describe`
 * block, for tests that run the installed package's bin and the CLI on what it writes: the package
 * is installed and the CLI built before it is made; it is removed after the block. Returns a
 * function giving its path, usable from the tests and hooks that follow.
 */
export function useWorkDir(prefix: string): () => string {
  let dir: string | undefined;
  beforeAll(() => {
    installPackage();
    pulumiCli();
    fs.mkdirSync(E2E_DIR, { recursive: true });
    dir = fs.mkdtempSync(path.join(E2E_DIR, prefix));
  }, 20 * 60_000);
  afterAll(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });
  return () => {
    if (dir === undefined) throw new Error("useWorkDir() is not ready: use it in a test or hook, not at load time");
    return dir;
  };
}
