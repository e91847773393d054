/**
 * `npm run bench`: the provider's cost through the real Pulumi CLI against the emulator (issue 10).
 * For N gates (default N = 100 and 500), a mixed project and a baseline of N trivial dynamic
 * resources, it runs, back to back on one stack: up, a no-op preview, refresh, the up after the
 * refresh, an edit of 10 % of the resources, destroy. For each command it reports:
 *
 * - API requests (total, per resource, by method) and the 429s the emulator answered, from its
 *   request log (`GET /__emulator/requests`);
 * - wall time under the emulator's `--rate-limit published` (100 per 10 s, 900 per 15 min), beside
 *   the floor that budget implies: the earliest the command's admitted requests could all have been
 *   served, given the requests already in the windows when it started (so back-to-back commands
 *   pay for each other, as they do on the real service);
 * - CPU seconds of the CLI and all its processes, and the ratio to the trivial baseline's same
 *   command at the same N;
 * - state bytes per resource (`pulumi stack export`) beside the baseline's.
 *
 * After the command tables it runs `bench-simulate.js` (issue 18: `simulate` on 1,000 users × 300 gates,
 * the emulator's `download_config_specs` at 1,000 entities) and adds its table.
 *
 * It prints a Markdown report and writes it to BENCHMARKS.md (not with `--quick`, unless `--out`),
 * keeping the file's hand-written "## Notes" section.
 * Flags: `--sizes 100,500`, `--mixed 100` (resources in the mixed project; 0 skips it),
 * `--quick` (N = 20, mixed 24), `--rate-limit published|off|<spec>`, `--out <file>`.
 *
 * `--takeover 1000,5000` runs the takeover benchmark instead (issue 19, scripts/lib/takeover.ts):
 * generate, adopting up and refresh of a project of that many gates and 420 other entities, beside
 * as many trivial resources; it rewrites only BENCHMARKS.md's takeover section.
 * `--skip-checkpoints-from 5000` runs the sizes from 5,000 on with `PULUMI_SKIP_CHECKPOINTS=true`;
 * `--takeover-baseline-only` runs only generate and the generated program on a trivial provider.
 *
 * Each program runs against its own emulator (a fresh project, a fresh rate window). Under the
 * published budget a command of more than 900 requests waits for the 15-minute window: N = 500 with
 * today's provider takes over half an hour.
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { startEmulator, RunningEmulator } from "../emulator/server";
import { budgetFloor } from "./lib/budget";
import {
  LoggedRequest,
  ProgramStack,
  REPO,
  countByMethod,
  emulatorRequests,
  measure,
  newProgramStack,
  pulumiCli,
  stackExportBytes,
} from "./lib/cli";
import { EDITED_KEY, GATES_PROGRAM, MIXED_PROGRAM, N_KEY, TRIVIAL_PROGRAM } from "./lib/programs";
import { heapProbes } from "./lib/heapProbes";
import { TakeoverRun, takeover } from "./lib/takeover";
import { TAKEOVER_HEADING, takeoverReport } from "./lib/takeoverReport";

/** The commands each program goes through, in order. */
const STEPS = ["up", "preview", "refresh", "upAfterRefresh", "edit", "destroy"] as const;
type StepName = (typeof STEPS)[number];
const STEP_LABEL: Record<StepName, string> = {
  up: "up (create)",
  preview: "no-op preview",
  refresh: "refresh",
  upAfterRefresh: "up after refresh",
  edit: "edit 10 %",
  destroy: "destroy",
};

interface StepResult {
  step: StepName;
  requests: number;
  byMethod: Record<string, number>;
  throttled: number;
  wallSeconds: number;
  floorSeconds: number;
  cpuSeconds?: number;
  /** The command failed: the gist of its error (the remaining commands of the program are skipped). */
  failure?: string;
}

interface RunResult {
  program: "gates" | "mixed" | "trivial";
  n: number;
  steps: StepResult[];
  /** `pulumi stack export` bytes per resource after up and after refresh. */
  stateAfterUp: number;
  stateAfterRefresh: number;
}

interface Options {
  sizes: number[];
  mixed: number;
  rateLimit: string;
  out?: string;
  /** Gate counts of the takeover benchmark (empty: the command benchmark). */
  takeover: number[];
  /** Takeover sizes from this one on skip the CLI's checkpoints. */
  skipCheckpointsFrom: number;
  /** Takeover: only generate and the generated program on a trivial provider. */
  baselineOnly?: boolean;
}

function parseArgs(argv: string[]): Options {
  const opts: Options = {
    sizes: [100, 500],
    mixed: 100,
    rateLimit: "published",
    out: "BENCHMARKS.md",
    takeover: [],
    skipCheckpointsFrom: Infinity,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === "--quick") {
      opts.sizes = [20];
      opts.mixed = 24;
      if (opts.out === "BENCHMARKS.md") opts.out = undefined;
    } else if (a === "--sizes") opts.sizes = value().split(",").map(Number);
    else if (a === "--mixed") opts.mixed = Number(value());
    else if (a === "--rate-limit") opts.rateLimit = value();
    else if (a === "--out") opts.out = value();
    else if (a === "--takeover") opts.takeover = value().split(",").map(Number);
    else if (a === "--skip-checkpoints-from") opts.skipCheckpointsFrom = Number(value());
    else if (a === "--takeover-baseline-only") opts.baselineOnly = true;
    else
      throw new Error(
        `unknown flag ${a} (known: --sizes 100,500, --mixed N, --quick, --rate-limit, --out, --takeover 1000,5000, --skip-checkpoints-from N, --takeover-baseline-only)`,
      );
  }
  if (opts.sizes.some((n) => !Number.isInteger(n) || n < 1)) throw new Error("--sizes: positive integers");
  if (opts.takeover.some((n) => !Number.isInteger(n) || n < 1)) throw new Error("--takeover: positive integers");
  if (!Number.isInteger(opts.mixed) || (opts.mixed !== 0 && opts.mixed < 5))
    throw new Error("--mixed: 0 (skip) or at least 5");
  return opts;
}

/** The hand-written section of BENCHMARKS.md that a re-run carries over. */
const NOTES_HEADING = "\n## Notes\n";

const log = (msg: string) => process.stderr.write(`bench: ${msg}\n`);

async function runProgram(
  program: RunResult["program"],
  n: number,
  emu: RunningEmulator,
  opts: Options,
): Promise<RunResult> {
  const source = { gates: GATES_PROGRAM, mixed: MIXED_PROGRAM, trivial: TRIVIAL_PROGRAM }[program];
  const s: ProgramStack = await newProgramStack({
    name: `bench-${program}-${n}`,
    source,
    parent: path.join(REPO, ".e2e"),
    stackName: "bench",
    config: {
      "statsig:apiUrl": { value: emu.apiUrl },
      "statsig:consoleApiKey": { value: emu.apiKey, secret: true },
      // The provider paces at the published budget by default; without a server limit, don't.
      ...(opts.rateLimit === "off" ? { "statsig:rateLimit": { value: "off" } } : {}),
      [N_KEY]: { value: String(n) },
    },
  });
  try {
    const emptyBytes = stackExportBytes(s);
    const steps: StepResult[] = [];
    let stateAfterUp = 0;
    let stateAfterRefresh = 0;
    const onOutput = () => undefined;
    for (const step of STEPS) {
      if (step === "edit") await s.stack.setConfig(EDITED_KEY, { value: String(Math.max(1, Math.round(n / 10))) });
      const before: LoggedRequest[] = await emulatorRequests(emu.url);
      const start = Date.now();
      log(`${program} N=${n}: ${STEP_LABEL[step]}…`);
      let failure: string | undefined;
      const m = await measure(async () => {
        try {
          if (step === "preview") return await s.stack.preview({ expectNoChanges: true, onOutput });
          if (step === "refresh") return await s.stack.refresh({ onOutput });
          if (step === "destroy") return await s.stack.destroy({ onOutput });
          return await s.stack.up({ onOutput });
        } catch (err) {
          // Reported in the table (a command that fails under the budget is a finding, not a crash).
          failure = String((err as Error).message ?? err)
            .split("\n")
            .filter((l) => /error|429|throttled/i.test(l))
            .slice(0, 2)
            .join(" ")
            .slice(0, 300);
          return undefined;
        }
      });
      const made = (await emulatorRequests(emu.url)).slice(before.length);
      const admitted = made.filter((r) => r.status !== 429);
      const history = before.filter((r) => r.status !== 429).map((r) => r.time);
      const result: StepResult = {
        step,
        requests: made.length,
        byMethod: countByMethod(made),
        throttled: made.length - admitted.length,
        wallSeconds: m.wallSeconds,
        floorSeconds: opts.rateLimit === "off" ? 0 : budgetFloor(opts.rateLimit, history, start, admitted.length),
        cpuSeconds: m.cpuSeconds,
        failure,
      };
      steps.push(result);
      log(
        `  ${result.requests} requests ${JSON.stringify(result.byMethod)}, ${result.throttled} × 429, ` +
          `${result.wallSeconds.toFixed(1)} s (floor ${result.floorSeconds.toFixed(1)} s), CPU ${result.cpuSeconds?.toFixed(2)} s`,
      );
      if (failure) {
        log(`  FAILED: ${failure}`);
        break;
      }
      if (step === "up") stateAfterUp = (stackExportBytes(s) - emptyBytes) / n;
      if (step === "refresh") stateAfterRefresh = (stackExportBytes(s) - emptyBytes) / n;
    }
    return { program, n, steps, stateAfterUp, stateAfterRefresh };
  } finally {
    await s.cleanup();
  }
}

// ---- the report ----

const fmt = (x: number, digits = 1) => x.toFixed(digits);
const ratio = (a: number | undefined, b: number | undefined) =>
  a === undefined || b === undefined || b <= 0 ? "–" : `${(a / b).toFixed(2)}×`;
const methods = (m: Record<string, number>) =>
  Object.keys(m).length === 0
    ? "–"
    : Object.entries(m)
        .map(([k, v]) => `${v} ${k}`)
        .join(", ");

function table(header: string[], rows: string[][]): string {
  const out = [`| ${header.join(" | ")} |`, `|${header.map(() => "---").join("|")}|`];
  for (const r of rows) out.push(`| ${r.join(" | ")} |`);
  return out.join("\n");
}

function stepOf(run: RunResult | undefined, step: StepName): StepResult | undefined {
  return run?.steps.find((x) => x.step === step);
}

function commandTable(runs: RunResult[], baseline: (n: number) => RunResult | undefined): string {
  const rows: string[][] = [];
  for (const run of runs) {
    const base = baseline(run.n);
    for (const st of run.steps) {
      const b = stepOf(base, st.step);
      const perResource = st.requests / run.n;
      rows.push([
        `${run.program} ${run.n}`,
        STEP_LABEL[st.step],
        String(st.requests),
        fmt(perResource, 2),
        st.failure ? `${methods(st.byMethod)}; **failed**: ${st.failure.replace(/\|/g, "/")}` : methods(st.byMethod),
        String(st.throttled),
        fmt(st.wallSeconds),
        st.floorSeconds > 0 ? fmt(st.floorSeconds) : "–",
        st.floorSeconds >= 1 ? ratio(st.wallSeconds, st.floorSeconds) : "–",
        st.cpuSeconds === undefined ? "–" : fmt(st.cpuSeconds, 2),
        b?.cpuSeconds === undefined ? "–" : fmt(b.cpuSeconds, 2),
        ratio(st.cpuSeconds, b?.cpuSeconds),
      ]);
    }
  }
  return table(
    [
      "program N",
      "command",
      "requests",
      "per resource",
      "by method",
      "429s",
      "wall s",
      "floor s",
      "wall/floor",
      "CPU s",
      "baseline CPU s",
      "CPU/baseline",
    ],
    rows,
  );
}

function baselineTable(runs: RunResult[]): string {
  const rows = runs.flatMap((r) =>
    r.steps.map((st) => [
      `trivial ${r.n}`,
      STEP_LABEL[st.step],
      fmt(st.wallSeconds),
      st.cpuSeconds === undefined ? "–" : fmt(st.cpuSeconds, 2),
    ]),
  );
  return table(["program N", "command", "wall s", "CPU s"], rows);
}

function stateTable(runs: RunResult[], baseline: (n: number) => RunResult | undefined): string {
  return table(
    [
      "program N",
      "bytes/resource after up",
      "after refresh",
      "baseline after up",
      "ratio after up",
      "ratio after refresh",
    ],
    runs.map((r) => {
      const b = baseline(r.n);
      return [
        `${r.program} ${r.n}`,
        String(Math.round(r.stateAfterUp)),
        String(Math.round(r.stateAfterRefresh)),
        b ? String(Math.round(b.stateAfterUp)) : "–",
        ratio(r.stateAfterUp, b?.stateAfterUp),
        ratio(r.stateAfterRefresh, b?.stateAfterRefresh),
      ];
    }),
  );
}

/**
 * Issue 10's "Done when", checked against this run's figures (a goal whose command failed or did
 * not run reads "not measured").
 */
function goalsTable(runs: RunResult[], baseline: (n: number) => RunResult | undefined, opts: Options): string {
  const rows: string[][] = [];
  const goal = (what: string, measured: string | undefined, ok: boolean | undefined) =>
    rows.push([what, measured ?? "–", measured === undefined ? "not measured" : ok ? "met" : "missed"]);
  const done = (r: RunResult | undefined, step: StepName) => {
    const st = stepOf(r, step);
    return st && !st.failure ? st : undefined;
  };
  const gates = runs.filter((r) => r.program === "gates");
  const big = gates.find((r) => r.n === 500) ?? gates[gates.length - 1];
  if (big) {
    const refresh = done(big, "refresh");
    goal(
      `refresh of ${big.n} gates ≤ 10 requests`,
      refresh && `${refresh.requests} requests`,
      refresh && refresh.requests <= 10,
    );
  }
  for (const r of runs) {
    const up = done(r, "up");
    const edit = done(r, "edit");
    const changed = Math.max(1, Math.round(r.n / 10));
    goal(
      `${r.program} ${r.n}: create at 1 request per entity`,
      up && `${fmt(up.requests / r.n, 2)} per entity`,
      up && up.requests <= r.n,
    );
    goal(
      `${r.program} ${r.n}: update at 1 request per change`,
      edit && `${fmt(edit.requests / changed, 2)} per changed entity`,
      edit && edit.requests <= changed,
    );
    const chain = (["up", "refresh", "destroy"] as StepName[]).map((x) => done(r, x));
    const complete = chain.every((x) => x !== undefined) ? (chain as StepResult[]) : undefined;
    const throttled = complete?.reduce((a, x) => a + x.throttled, 0);
    goal(
      `${r.program} ${r.n}: 0 × 429 across up → refresh → destroy`,
      complete && `${throttled} × 429`,
      throttled === 0,
    );
    if (opts.rateLimit !== "off" && complete) {
      const worst = complete
        .filter((x) => x.floorSeconds >= 1)
        .map((x) => ({ step: x.step, r: x.wallSeconds / x.floorSeconds }))
        .sort((a, b) => b.r - a.r)[0];
      goal(
        `${r.program} ${r.n}: up, refresh, destroy each ≤ 1.15× the budget's floor`,
        worst ? `worst ${fmt(worst.r, 2)}× (${STEP_LABEL[worst.step]})` : "no command had a floor of 1 s or more",
        worst ? worst.r <= 1.15 : true,
      );
    }
    const b = baseline(r.n);
    if (!b) continue;
    const st = r.stateAfterUp && b.stateAfterUp ? r.stateAfterUp / b.stateAfterUp : undefined;
    goal(
      `${r.program} ${r.n}: state ≤ 1.1× baseline`,
      st === undefined ? undefined : `${fmt(st, 2)}×`,
      st !== undefined && st <= 1.1,
    );
    const cpu = (step: StepName) => {
      const [x, y] = [done(r, step)?.cpuSeconds, done(b, step)?.cpuSeconds];
      return x !== undefined && y ? x / y : undefined;
    };
    const pv = cpu("preview");
    goal(
      `${r.program} ${r.n}: no-op preview CPU ≤ 1.1× baseline`,
      pv === undefined ? undefined : `${fmt(pv, 2)}×`,
      pv !== undefined && pv <= 1.1,
    );
    const uar = cpu("upAfterRefresh");
    goal(
      `${r.program} ${r.n}: up after refresh CPU ≤ 1.2× baseline`,
      uar === undefined ? undefined : `${fmt(uar, 2)}×`,
      uar !== undefined && uar <= 1.2,
    );
  }
  return table(["goal (issue 10)", "measured", "verdict"], rows);
}

function environment(opts: Options, loadAtStart: number): string {
  const cpu = os.cpus();
  const sh = (cmd: string, args: string[], cwd = REPO) => {
    try {
      return execFileSync(cmd, args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
    } catch {
      return "?";
    }
  };
  const pkg = (p: string) => JSON.parse(fs.readFileSync(path.join(REPO, p), "utf8")).version as string;
  return [
    `- date: ${new Date().toISOString().replace(/\.\d+Z$/, "Z")}`,
    `- machine: ${cpu[0]?.model ?? "?"} × ${cpu.length}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ` +
      `${os.type()} ${os.release()}, load average ${loadAtStart.toFixed(1)} at the start, ${os.loadavg()[0].toFixed(1)} at the end`,
    `- versions: pulumi-statsig ${pkg("package.json")} (commit ${sh("git", ["rev-parse", "--short", "HEAD"])}), ` +
      `Pulumi CLI ${sh(pulumiCli().pulumi, ["version"])}, @pulumi/pulumi ${pkg("node_modules/@pulumi/pulumi/package.json")}, ` +
      `Node ${process.version}`,
    `- emulator: published response shape, rate limit \`${opts.rateLimit}\`; each program on its own emulator`,
  ].join("\n");
}

function report(results: RunResult[], opts: Options, started: number, loadAtStart: number): string {
  const baseline = (n: number) => results.find((r) => r.program === "trivial" && r.n === n);
  const measured = results.filter((r) => r.program !== "trivial");
  const minutes = (Date.now() - started) / 60_000;
  return `# Benchmarks

Written by \`npm run bench\` (scripts/bench-cli.ts; ${fmt(minutes)} minutes). Every figure comes from
real \`pulumi\` runs (Automation API, local file backend) against the emulator on 127.0.0.1. Re-run it
after a change that affects requests, state or CPU, and commit this file.

${environment(opts, loadAtStart)}

Each program runs, back to back on one stack: \`up\`, a no-op \`preview\`, \`refresh\`, \`up\` after the
refresh, \`up\` with 10 % of the descriptions edited, \`destroy\`. **requests** and **429s** come from
the emulator's request log (a request answered 429 and retried counts twice). **floor**: the earliest
the command's admitted requests could all be served under the rate limit (the emulator's own rule on a
simulated clock), counting the requests already in the windows when the command started; \`–\` when
no request was made. **CPU**: user + system seconds of the CLI and every process it started (language
host, program, provider), from the kernel's accounting of reaped children. **baseline**: N trivial
dynamic resources with a gate's inputs (a provider whose \`create\` returns the inputs), same steps,
no API. The mixed project: two tags, a layer, a holdout, and gates, dynamic configs, rule-based
segments and experiments in the layer (9 : 5 : 3 : 3), tagged and referring to each other.

## Commands

${commandTable(measured, baseline)}

Baseline commands (N trivial dynamic resources):

${baselineTable(results.filter((r) => r.program === "trivial"))}

## State (\`pulumi stack export\` bytes per resource, the empty stack's bytes subtracted)

${stateTable(measured, baseline)}

## Issue 10's goals

${goalsTable(measured, baseline, opts)}
`;
}

/**
 * The parts of the previous BENCHMARKS.md a run keeps: the takeover section (unless this run
 * rewrites it) and the hand-written notes.
 */
function kept(previous: string, takeoverSection: string | undefined): { takeover: string; notes: string } {
  const notesAt = previous.indexOf(NOTES_HEADING);
  const notes = notesAt >= 0 ? previous.slice(notesAt) : "";
  const start = previous.indexOf(`\n${TAKEOVER_HEADING}\n`);
  const old = start >= 0 ? previous.slice(start, notesAt > start ? notesAt : undefined) : "";
  return { takeover: takeoverSection ?? old, notes };
}

/** Replaces the report's sections from the takeover heading on with the kept ones. */
function withKept(report: string, k: { takeover: string; notes: string }): string {
  const body = report.includes(`\n${TAKEOVER_HEADING}\n`)
    ? report.slice(0, report.indexOf(`\n${TAKEOVER_HEADING}\n`))
    : report;
  return [body.trimEnd(), k.takeover.trim(), k.notes.trim()].filter(Boolean).join("\n\n") + "\n";
}

/**
 * Issue 18's figures (what `simulate` and the emulator's SDK endpoints cost), from
 * `bench-simulate.js` run as a child so its timings include Node's start, as a user's would.
 */
function simulateSection(): string {
  const table = execFileSync(process.execPath, [path.join(__dirname, "bench-simulate.js")], { encoding: "utf8" });
  return `\n\n## Who does a change affect (\`simulate\`, \`download_config_specs\`)\n\n${table.trim()}\n`;
}

async function main(): Promise<void> {
  const opts = parseArgs(process.argv.slice(2));
  const started = Date.now();
  const loadAtStart = os.loadavg()[0];
  pulumiCli();
  const outFile = opts.out && path.resolve(REPO, opts.out);
  const previous = outFile && fs.existsSync(outFile) ? fs.readFileSync(outFile, "utf8") : "";
  let md: string;
  if (opts.takeover.length) {
    // Only the takeover section is rewritten; the command benchmark's tables stay as they were.
    const runs: TakeoverRun[] = [];
    for (const n of opts.takeover)
      runs.push(
        ...(await takeover(n, { skipCheckpoints: n >= opts.skipCheckpointsFrom, baselineOnly: opts.baselineOnly })),
      );
    const probes = await heapProbes();
    const section = takeoverReport(runs, environment({ ...opts, rateLimit: "off" }, loadAtStart), probes);
    md = withKept(previous || "# Benchmarks\n", kept(previous, section));
  } else {
    const plan: { program: RunResult["program"]; n: number }[] = [];
    for (const n of opts.sizes) plan.push({ program: "trivial", n }, { program: "gates", n });
    if (opts.mixed) {
      if (!opts.sizes.includes(opts.mixed)) plan.push({ program: "trivial", n: opts.mixed });
      plan.push({ program: "mixed", n: opts.mixed });
    }
    log(`plan: ${plan.map((p) => `${p.program} ${p.n}`).join(", ")}; rate limit ${opts.rateLimit}`);
    const results: RunResult[] = [];
    for (const p of plan) {
      const emu = await startEmulator({ port: 0, shape: "published", rateLimit: opts.rateLimit, logLimit: 1_000_000 });
      try {
        results.push(await runProgram(p.program, p.n, emu, opts));
      } finally {
        await emu.close();
      }
    }
    // The notes (why a goal is missed, what changed) are written by hand: a re-run keeps them.
    md = withKept(report(results, opts, started, loadAtStart) + simulateSection(), kept(previous, undefined));
  }
  // Formatted as `npm run lint` (prettier --check) wants the committed file.
  const prettier = await import("prettier");
  md = await prettier.format(md, {
    parser: "markdown",
    ...(await prettier.resolveConfig(path.join(REPO, "BENCHMARKS.md"))),
  });
  console.log(md);
  if (outFile) {
    fs.writeFileSync(outFile, md);
    log(`wrote ${opts.out}`);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
