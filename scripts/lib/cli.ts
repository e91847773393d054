/**
 * Driving the real Pulumi CLI on this repository's programs, shared by the end-to-end tests
 * (tests/e2e/harness.ts) and the benchmark (scripts/bench-cli.ts): finding the CLI, installing the
 * package the way users get it, creating a program directory with a local file backend stack through
 * the Automation API, reading the emulator's request log, measuring state size and the CPU time a
 * command costs.
 *
 * Programs run in the CLI's own child processes (never inside Jest, whose module system breaks
 * closure serialization). The package is installed by `npm pack` and unpacked into
 * `node_modules/pulumi-statsig`, so the serialized shims resolve `pulumi-statsig/...` from
 * node_modules exactly as in a user's project.
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { LocalWorkspace, PulumiCommand, Stack } from "@pulumi/pulumi/automation";

/**
 * The repository root: the nearest directory above this file holding scripts/ensure-pulumi.sh
 * (this module runs both from source, under ts-jest, and compiled, from dist/scripts/lib).
 */
export const REPO: string = (() => {
  for (let d = __dirname; d !== path.dirname(d); d = path.dirname(d))
    if (fs.existsSync(path.join(d, "scripts", "ensure-pulumi.sh")) && fs.existsSync(path.join(d, "package.json")))
      return d;
  throw new Error(`no repository root (scripts/ensure-pulumi.sh) above ${__dirname}`);
})();

/** The CLI executable and its installation root (the directory above its bin/). */
export interface PulumiCli {
  pulumi: string;
  root: string;
}

let cli: PulumiCli | undefined;

/**
 * Finds or builds the Pulumi CLI with scripts/ensure-pulumi.sh. Fails loudly, with the way to fix
 * it, when there is none: an e2e suite or a benchmark without an engine must not pass.
 */
export function pulumiCli(): PulumiCli {
  if (cli) return cli;
  let out: string;
  try {
    // Tests point PULUMI_STATSIG_CACHE at a temporary directory (tests/setup/cache.ts); the CLI is
    // a tool built once, found where the cache was before (PULUMI_STATSIG_TOOLS_CACHE).
    const tools = process.env.PULUMI_STATSIG_TOOLS_CACHE;
    out = execFileSync("bash", [path.join(REPO, "scripts", "ensure-pulumi.sh")], {
      env: tools ? { ...process.env, PULUMI_STATSIG_CACHE: tools } : process.env,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "inherit"],
      timeout: 20 * 60_000,
    });
  } catch (err) {
    throw new Error(
      "The Pulumi CLI is missing and could not be built, so the real-CLI runs cannot happen.\n" +
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

/** The offline environment every CLI run gets, with `home` holding PULUMI_HOME and the backend. */
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

/** What `newProgramStack` creates. */
export interface ProgramStackOptions {
  /** Project name (also the prefix of the directory). */
  name: string;
  /** The program's index.ts. */
  source: string;
  /** Where the program directory is created (inside the repository, so node_modules resolves). */
  parent: string;
  /** Stack name; default `e2e`. */
  stackName?: string;
  /** Stack config to set before the first run (`secret` ones encrypted). */
  config?: Record<string, { value: string; secret?: boolean }>;
}

/** A stack on a fresh program directory with a local file backend. */
export interface ProgramStack {
  stack: Stack;
  /** The directory holding Pulumi.yaml, program/, backend/ and home/. */
  dir: string;
  /** The environment the CLI runs with (the workspace's). */
  env: Record<string, string>;
  /** Replaces the program's index.ts. */
  writeProgram(source: string): void;
  /** Removes the stack's directory (backend included). */
  cleanup(): Promise<void>;
}

/**
 * Creates a program directory with `source` as index.ts and a stack on a file backend inside it.
 * Installs the package first (once per process), so the program imports `pulumi-statsig` as a
 * user's would.
 */
export async function newProgramStack(opts: ProgramStackOptions): Promise<ProgramStack> {
  installPackage();
  const { root } = pulumiCli();
  fs.mkdirSync(opts.parent, { recursive: true });
  const dir = fs.mkdtempSync(path.join(opts.parent, `${opts.name}-`));
  fs.mkdirSync(path.join(dir, "backend"), { recursive: true });
  fs.writeFileSync(path.join(dir, "Pulumi.yaml"), `name: ${opts.name}\nruntime: nodejs\nmain: program/\n`);
  const programDir = path.join(dir, "program");
  fs.mkdirSync(programDir);
  fs.writeFileSync(
    path.join(programDir, "package.json"),
    JSON.stringify({ name: `program-${opts.name}`, private: true, main: "index.ts" }),
  );
  const writeProgram = (src: string) => fs.writeFileSync(path.join(programDir, "index.ts"), src);
  writeProgram(opts.source);

  const pulumiCommand = await PulumiCommand.get({ root, skipVersionCheck: true });
  const env = offlineEnv(dir);
  const stack = await LocalWorkspace.createOrSelectStack(
    { stackName: opts.stackName ?? "e2e", workDir: dir },
    { pulumiCommand, envVars: env, pulumiHome: env.PULUMI_HOME },
  );
  for (const [key, c] of Object.entries(opts.config ?? {})) await stack.setConfig(key, c);
  return {
    stack,
    dir,
    env,
    writeProgram,
    cleanup: async () => {
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** One served API request, as the emulator's admin log (`GET /__emulator/requests`) reports it. */
export interface LoggedRequest {
  method: string;
  path: string;
  status: number;
  operationId?: string;
  time: number;
}

/**
 * The emulator's request log over HTTP (`GET <emulatorUrl>/__emulator/requests`), so it works for
 * an emulator in this process or in another one. `emulatorUrl` is the root (`http://127.0.0.1:port`).
 */
export async function emulatorRequests(emulatorUrl: string): Promise<LoggedRequest[]> {
  const res = await fetch(`${emulatorUrl}/__emulator/requests`);
  if (!res.ok) throw new Error(`GET /__emulator/requests: HTTP ${res.status}`);
  return ((await res.json()) as { data: LoggedRequest[] }).data;
}

/** Requests counted by method (`{ GET: 5, POST: 5 }`), methods with no request left out. */
export function countByMethod(requests: LoggedRequest[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of requests) out[r.method] = (out[r.method] ?? 0) + 1;
  return out;
}

/**
 * The bytes of `pulumi stack export` (without `--show-secrets`, so secrets stay encrypted as the
 * backend stores them; the Automation API's `exportStack` decrypts them).
 */
export function stackExportBytes(s: ProgramStack): number {
  const { pulumi } = pulumiCli();
  const out = execFileSync(pulumi, ["stack", "export", "--stack", s.stack.name], {
    cwd: s.dir,
    env: { ...process.env, ...s.env },
    maxBuffer: 1 << 30,
  });
  return out.length;
}

const TICKS_PER_SECOND = (() => {
  try {
    return Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/**
 * CPU seconds (user + system) of this process's terminated and reaped children and their reaped
 * descendants (fields cutime and cstime of /proc/self/stat). The CLI waits for its language host,
 * program and provider plugins, so the difference across one CLI command is that command's CPU,
 * everything included. Resolution: one clock tick (10 ms). Linux only; undefined elsewhere.
 */
function childrenCpuSeconds(): number | undefined {
  let stat: string;
  try {
    stat = fs.readFileSync("/proc/self/stat", "utf8");
  } catch {
    return undefined;
  }
  // The command name (field 2) may hold spaces: fields are counted after its closing parenthesis.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  // Field 3 (state) is fields[0]; cutime and cstime are fields 16 and 17.
  return (Number(fields[13]) + Number(fields[14])) / TICKS_PER_SECOND;
}

/** What one measured command cost. */
export interface Measured<T> {
  result: T;
  /** Wall-clock seconds. */
  wallSeconds: number;
  /** CPU seconds of the CLI and every process it started (undefined off Linux). */
  cpuSeconds?: number;
}

/**
 * Runs `fn` (one CLI command through the Automation API) and reports its wall time and the CPU
 * its child processes used. Run one command at a time: concurrent children would be summed.
 */
export async function measure<T>(fn: () => Promise<T>): Promise<Measured<T>> {
  const cpu0 = childrenCpuSeconds();
  const t0 = performance.now();
  const result = await fn();
  const wallSeconds = (performance.now() - t0) / 1000;
  const cpu1 = childrenCpuSeconds();
  return { result, wallSeconds, cpuSeconds: cpu0 === undefined || cpu1 === undefined ? undefined : cpu1 - cpu0 };
}
