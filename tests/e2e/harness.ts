/**
 * End-to-end harness: the real Pulumi CLI, driven through the Automation API on program
 * directories, with a local file backend and no network. Programs run in the CLI's own child
 * processes (never inside Jest, whose module system breaks closure serialization).
 *
 * The package is installed the way users get it: `npm pack`, unpacked into
 * `node_modules/pulumi-statsig`, so the serialized shims resolve `pulumi-statsig/...` from
 * node_modules exactly as in a user's project.
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { LocalWorkspace, PulumiCommand, Stack } from "@pulumi/pulumi/automation";
import { RunningEmulator } from "../../emulator/server";

/** The repository root. */
export const REPO = path.resolve(__dirname, "..", "..");
/** Where e2e program directories and backends are written (gitignored). */
export const E2E_DIR = path.join(REPO, ".e2e");

let cli: { pulumi: string; root: string } | undefined;

/**
 * Finds or builds the Pulumi CLI with scripts/ensure-pulumi.sh. Fails loudly, with the way to fix
 * it, when there is none: an e2e suite without an engine must not pass.
 */
export function pulumiCli(): { pulumi: string; root: string } {
  if (cli) return cli;
  let out: string;
  try {
    out = execFileSync("bash", [path.join(REPO, "scripts", "ensure-pulumi.sh")], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "inherit"],
      timeout: 20 * 60_000,
    });
  } catch (err) {
    throw new Error(
      "The Pulumi CLI is missing and could not be built, so the end-to-end tests cannot run.\n" +
        "Run `bash scripts/ensure-pulumi.sh` (needs Go and the Go module proxy; see README) or put a " +
        `pulumi >= 3.139 with its Node.js language host on PATH.\nCause: ${(err as Error).message}`,
    );
  }
  const pulumi = out.trim().split("\n").pop()!;
  if (!fs.existsSync(pulumi)) throw new Error(`ensure-pulumi.sh printed ${pulumi}, which does not exist`);
  cli = { pulumi, root: path.dirname(path.dirname(pulumi)) };
  return cli;
}

let installed = false;

/** Packs the built package and unpacks it into node_modules/pulumi-statsig (once per process). */
export function installPackage(): void {
  if (installed) return;
  execFileSync("bash", [path.join(REPO, "scripts", "install-self.sh")], { stdio: ["ignore", "ignore", "inherit"] });
  installed = true;
}

/** The offline environment every CLI run gets. */
export function offlineEnv(home: string): Record<string, string> {
  const { pulumi } = pulumiCli();
  return {
    PATH: `${path.dirname(pulumi)}${path.delimiter}${process.env.PATH}`,
    PULUMI_HOME: path.join(home, "home"),
    PULUMI_BACKEND_URL: `file://${path.join(home, "backend")}`,
    PULUMI_CONFIG_PASSPHRASE: "e2e-passphrase",
    PULUMI_SKIP_UPDATE_CHECK: "true",
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
    PULUMI_SKIP_CONFIRMATIONS: "true",
    PULUMI_AUTOMATION_API_SKIP_VERSION_CHECK: "true",
    // Type-checking each program run costs seconds; `npm run lint` type-checks the examples.
    PULUMI_NODEJS_TRANSPILE_ONLY: "true",
  };
}

/** A stack on a fresh program directory, configured to talk to `emu`. */
export interface TestStack {
  stack: Stack;
  dir: string;
  /** Replaces the program's index.ts. */
  writeProgram(source: string): void;
  /** Removes the stack and its directory. */
  cleanup(): Promise<void>;
}

/** Creates a program directory with `source` as index.ts and a stack pointed at `emu`. */
export async function newStack(name: string, source: string, emu: RunningEmulator): Promise<TestStack> {
  installPackage();
  const { root } = pulumiCli();
  fs.mkdirSync(E2E_DIR, { recursive: true });
  const dir = fs.mkdtempSync(path.join(E2E_DIR, `${name}-`));
  fs.mkdirSync(path.join(dir, "backend"), { recursive: true });
  fs.writeFileSync(path.join(dir, "Pulumi.yaml"), `name: ${name}\nruntime: nodejs\nmain: program/\n`);
  const programDir = path.join(dir, "program");
  fs.mkdirSync(programDir);
  fs.writeFileSync(
    path.join(programDir, "package.json"),
    JSON.stringify({ name: `e2e-${name}`, private: true, main: "index.ts" }),
  );
  const writeProgram = (src: string) => fs.writeFileSync(path.join(programDir, "index.ts"), src);
  writeProgram(source);

  const pulumiCommand = await PulumiCommand.get({ root, skipVersionCheck: true });
  const envVars = offlineEnv(dir);
  const stack = await LocalWorkspace.createOrSelectStack(
    { stackName: "e2e", workDir: dir },
    { pulumiCommand, envVars, pulumiHome: envVars.PULUMI_HOME },
  );
  await stack.setConfig("statsig:apiUrl", { value: emu.apiUrl });
  await stack.setConfig("statsig:consoleApiKey", { value: emu.apiKey, secret: true });
  return {
    stack,
    dir,
    writeProgram,
    cleanup: async () => {
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Sends a request to the emulator's API as an out-of-band actor would (drift, deletion). */
export async function outOfBand(emu: RunningEmulator, method: string, p: string, body?: unknown): Promise<unknown> {
  const res = await fetch(emu.apiUrl + p, {
    method,
    headers: { "STATSIG-API-KEY": emu.apiKey, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (res.status >= 300) throw new Error(`${method} ${p}: HTTP ${res.status} ${await res.text()}`);
  return res.json();
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
