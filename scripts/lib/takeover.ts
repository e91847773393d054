/**
 * `npm run bench -- --takeover 1000,5000` (issue 19): taking over a large existing project through
 * the real CLI, counted.
 *
 * For each size N: an emulator (published shape, rate limit off, so requests are counted rather
 * than waited for) is populated through the raw API with N gates (one in ten with overrides) and
 * 420 other entities (20 tags, 200 dynamic configs, 100 segments of which 10 id lists, 20 layers,
 * 80 experiments). Then, each as its own process: `pulumi-statsig generate` (the built CLI), the
 * adopting `pulumi up --yes` of the generated program, and `pulumi refresh --yes` (both passes,
 * preview and refresh, as a user runs it), with the provider's pacing off too. Beside it, the same
 * number of trivial dynamic resources (`TRIVIAL_PROGRAM`) through `up --yes` and `refresh --yes`.
 *
 * Per command: requests by method and the writes among them, the time those requests need at the
 * published budget (100 per 10 s and 900 per 15 min, the emulator's own admission rule on a
 * simulated clock), wall time, the peak memory of the CLI, the program and the provider
 * processes (memory.ts), and `pulumi stack export` bytes after the command.
 */
import * as fs from "fs";
import * as path from "path";
import { RunningEmulator, startEmulator } from "../../emulator/server";
import { budgetFloor } from "./budget";
import { REPO, countByMethod, measure, newProgramStack, pulumiCli, stackExportBytes } from "./cli";
import { OTHER_TOTAL, populate } from "./populate";
import type { Role, RolePeak } from "./memory";
import { N_KEY, TRIVIAL_PROGRAM } from "./programs";
import { WatchedRun, gist, runWatched } from "./watched";

// The populated project (populate.ts), the watched process (watched.ts), the heap probes
// (heapProbes.ts) and the report (takeoverReport.ts) are their own modules: this one runs the steps.

/** One measured command. */
export interface TakeoverStep {
  step: "generate" | "up" | "refresh";
  requests: number;
  byMethod: Record<string, number>;
  /** Requests other than GET. */
  writes: number;
  /** Seconds the requests need at the published budget, from empty windows. */
  budgetSeconds: number;
  wallSeconds: number;
  /** CPU seconds of the command's processes (the CLI and everything it started; Linux). */
  cpuSeconds?: number;
  memory: Partial<Record<Role, RolePeak>>;
  /** Each request (`GET /gates?limit=100&page=2 200`), for the log. */
  paths?: string[];
  /** `pulumi stack export` bytes after the command (not for generate). */
  stateBytes?: number;
  /** Whether the CLI wrote its checkpoint after every step (false: `PULUMI_SKIP_CHECKPOINTS=true`). */
  checkpoints: boolean;
  failure?: string;
}

/** One program at one size. */
export interface TakeoverRun {
  /** `generated`: the generated program with a trivial provider behind every class (see `asTrivial`). */
  program: "statsig" | "trivial" | "generated";
  gates: number;
  entities: number;
  steps: TakeoverStep[];
}

const log = (msg: string) => process.stderr.write(`bench: ${msg}\n`);

/** Options of one size's run. */
export interface TakeoverOptions {
  /** Skip the CLI's per-step checkpoints (`PULUMI_SKIP_CHECKPOINTS=true`) for this size. */
  skipCheckpoints: boolean;
  /** Only `generate` and the generated program on the trivial provider (`--takeover-baseline-only`). */
  baselineOnly?: boolean;
}

/**
 * The generated program with every `statsig.<Class>` a trivial dynamic resource (create returns
 * the inputs; one type per class, so ids shared by two kinds stay distinct URNs). The same source,
 * size and references as ours: what Pulumi costs for that program, whoever the provider is. (The
 * loop of `TRIVIAL_PROGRAM` is a 30-line file; the generated one declares each entity literally,
 * and the program process compiles and runs all of it.)
 */
export function asTrivial(program: string): string {
  return program.replace(
    'import * as statsig from "pulumi-statsig";',
    `import * as pulumi from "@pulumi/pulumi";
const provider: pulumi.dynamic.ResourceProvider = {
  async create(inputs) {
    return { id: inputs.name, outs: inputs };
  },
};
const classes: Record<string, unknown> = {};
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const statsig: any = new Proxy(
  {},
  {
    get: (_t, kind: string) =>
      (classes[kind] ??= class extends pulumi.dynamic.Resource {
        constructor(name: string, props: Record<string, unknown>) {
          super(provider, name, props, undefined, "bench", kind);
        }
      }),
  },
);`,
  );
}

/** What one size's commands share: the populated emulator, the size, where programs live, the options. */
interface SizeContext {
  emu: RunningEmulator;
  gates: number;
  work: string;
  opts: TakeoverOptions;
  /** How many steps' request logs were written (`TAKEOVER_REQUESTS`), to number the files. */
  dumped: number;
}

/** Requests by method, GETs told apart: list pages, entities by id, sub-resources (overrides, id lists). */
function requestKinds(made: ReturnType<RunningEmulator["requests"]>): Record<string, number> {
  return countByMethod(
    made.map((m) => {
      if (m.method !== "GET") return { ...m, time: 0 };
      const depth = m.path.split("?")[0].split("/").filter(Boolean).length;
      return { ...m, time: 0, method: depth === 1 ? "list GET" : depth === 2 ? "GET by id" : "sub-resource GET" };
    }),
  );
}

/** TAKEOVER_REQUESTS=<dir>: every request of every step, one file per step, to see where they go. */
function dumpRequests(ctx: SizeContext, s: TakeoverStep): void {
  const dump = process.env.TAKEOVER_REQUESTS;
  if (!dump) return;
  fs.mkdirSync(dump, { recursive: true });
  fs.writeFileSync(path.join(dump, `${ctx.gates}-${++ctx.dumped}-${s.step}.txt`), s.paths!.join("\n") + "\n");
}

function logStep(s: TakeoverStep): void {
  log(
    `  ${s.requests} requests ${JSON.stringify(s.byMethod)}, ${s.wallSeconds.toFixed(1)} s, CPU ${s.cpuSeconds?.toFixed(1)} s, ` +
      `budget ${s.budgetSeconds.toFixed(0)} s, memory ${JSON.stringify(s.memory)}` +
      (s.failure ? `; FAILED: ${s.failure}` : ""),
  );
}

/** Runs one command and counts what it asked of the emulator; `state` reads the stack's size after it. */
async function measured(
  ctx: SizeContext,
  step: TakeoverStep["step"],
  checkpoints: boolean,
  go: () => Promise<WatchedRun>,
  state?: () => number,
): Promise<TakeoverStep> {
  const before = ctx.emu.requests().length;
  log(`takeover ${ctx.gates}: ${step}…`);
  // One command at a time: the CPU of reaped children across it is that command's.
  const { result: r, cpuSeconds } = await measure(go);
  const made = ctx.emu.requests().slice(before);
  const s: TakeoverStep = {
    step,
    requests: made.length,
    byMethod: requestKinds(made),
    writes: made.filter((m) => m.method !== "GET").length,
    paths: made.map((m) => `${m.method} ${m.path} ${m.status}`),
    budgetSeconds: budgetFloor("published", [], 0, made.length),
    wallSeconds: r.wallSeconds,
    cpuSeconds,
    memory: r.memory,
    checkpoints,
    failure: r.code === 0 ? undefined : gist(r.tail),
    stateBytes: r.code === 0 && state ? state() : undefined,
  };
  dumpRequests(ctx, s);
  logStep(s);
  return s;
}

/** `generate`: the built CLI, as `npx pulumi-statsig generate` runs it, writing into `genDir`. */
function generateStep(ctx: SizeContext, genDir: string): Promise<TakeoverStep> {
  const { emu } = ctx;
  return measured(ctx, "generate", true, () =>
    runWatched(
      process.execPath,
      [path.join(REPO, "dist", "provider", "generate", "cli.js"), "generate", "--out", genDir],
      {
        cwd: REPO,
        env: { STATSIG_CONSOLE_API_KEY: emu.apiKey, STATSIG_API_URL: emu.apiUrl, STATSIG_RATE_LIMIT: "off" },
        role: "generate",
      },
    ),
  );
}

/** Runs `commands` on `source` as a new stack against the emulator, adding each step to `r` until one fails. */
async function cliSteps(
  ctx: SizeContext,
  r: TakeoverRun,
  source: string,
  extraConfig: Record<string, { value: string }>,
  commands: ("up" | "refresh")[],
): Promise<void> {
  const { emu, gates, opts } = ctx;
  const s = await newProgramStack({
    name: `takeover-${r.program}-${gates}`,
    source,
    parent: ctx.work,
    stackName: "bench",
    config: {
      "statsig:apiUrl": { value: emu.apiUrl },
      "statsig:consoleApiKey": { value: emu.apiKey, secret: true } as { value: string },
      "statsig:rateLimit": { value: "off" },
      ...extraConfig,
    },
  });
  try {
    const env = {
      ...s.env,
      ...(opts.skipCheckpoints ? { PULUMI_SKIP_CHECKPOINTS: "true" } : {}),
      // The program's own cache of shared reads and pacer files, not the user's.
      PULUMI_STATSIG_CACHE: path.join(s.dir, "cache"),
    };
    const { pulumi } = pulumiCli();
    for (const cmd of commands) {
      const args = [cmd, "--yes", "--non-interactive", "--stack", "bench"];
      const go = () => runWatched(pulumi, args, { cwd: s.dir, env, role: "cli" });
      const st = await measured(ctx, cmd, !opts.skipCheckpoints, go, () => stackExportBytes(s));
      r.steps.push(st);
      if (st.failure) break;
    }
  } finally {
    await s.cleanup();
  }
}

/** The generated program and the trivial baseline at N gates (N + 420 resources each). */
export async function takeover(gates: number, opts: TakeoverOptions): Promise<TakeoverRun[]> {
  const entities = gates + OTHER_TOTAL;
  const emu = await startEmulator({ port: 0, shape: "published", rateLimit: "off", logLimit: 10_000_000 });
  const runs: TakeoverRun[] = [];
  const work = path.join(REPO, ".e2e");
  fs.mkdirSync(work, { recursive: true });
  const genDir = fs.mkdtempSync(path.join(work, `takeover-gen-${gates}-`));
  const ctx: SizeContext = { emu, gates, work, opts, dumped: 0 };
  try {
    log(`takeover ${gates}: populating ${entities} entities through the API…`);
    await populate(emu, gates);
    const ours: TakeoverRun = { program: "statsig", gates, entities, steps: [] };
    runs.push(ours);
    const gen = await generateStep(ctx, genDir);
    ours.steps.push(gen);
    if (gen.failure) return runs;
    const program = fs.readFileSync(path.join(genDir, "index.ts"), "utf8");
    if (!opts.baselineOnly) {
      await cliSteps(ctx, ours, program, {}, ["up", "refresh"]);
      const trivial: TakeoverRun = { program: "trivial", gates, entities, steps: [] };
      runs.push(trivial);
      await cliSteps(ctx, trivial, TRIVIAL_PROGRAM, { [N_KEY]: { value: String(entities) } }, ["up", "refresh"]);
    }
    // The program process's memory against the same program on a trivial provider: `up` only
    // (refresh runs no program).
    const generated: TakeoverRun = { program: "generated", gates, entities, steps: [] };
    runs.push(generated);
    await cliSteps(ctx, generated, asTrivial(program), {}, ["up"]);
    return runs;
  } finally {
    fs.rmSync(genDir, { recursive: true, force: true });
    await emu.close();
  }
}
