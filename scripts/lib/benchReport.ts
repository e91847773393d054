/**
 * The command benchmark's report (BENCHMARKS.md above the takeover section): the environment, one
 * table per figure, and issue 10's goals with a verdict each, from the runs benchRun.ts measured.
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { Options } from "./benchArgs";
import { RunResult, STEP_LABEL, StepName, StepResult } from "./benchRun";
import { REPO, pulumiCli } from "./cli";
import { table } from "./markdown";

const fmt = (x: number, digits = 1) => x.toFixed(digits);
const ratio = (a: number | undefined, b: number | undefined) =>
  a === undefined || b === undefined || b <= 0 ? "–" : `${(a / b).toFixed(2)}×`;
const methods = (m: Record<string, number>) =>
  Object.keys(m).length === 0
    ? "–"
    : Object.entries(m)
        .map(([k, v]) => `${v} ${k}`)
        .join(", ");

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

/** A goal's row: what was measured and whether it met the goal ("not measured" when nothing was). */
const goal = (what: string, measured: string | undefined, ok: boolean | undefined): string[] => [
  what,
  measured ?? "–",
  measured === undefined ? "not measured" : ok ? "met" : "missed",
];

/** A command of a run, when it ran and succeeded. */
function done(r: RunResult | undefined, step: StepName): StepResult | undefined {
  const st = stepOf(r, step);
  return st && !st.failure ? st : undefined;
}

/** Requests per created and per changed entity, and 429s (and the budget's floor) across up → refresh → destroy. */
function requestGoals(r: RunResult, opts: Options): string[][] {
  const rows: string[][] = [];
  const up = done(r, "up");
  const edit = done(r, "edit");
  const changed = Math.max(1, Math.round(r.n / 10));
  rows.push(
    goal(
      `${r.program} ${r.n}: create at 1 request per entity`,
      up && `${fmt(up.requests / r.n, 2)} per entity`,
      up && up.requests <= r.n,
    ),
    goal(
      `${r.program} ${r.n}: update at 1 request per change`,
      edit && `${fmt(edit.requests / changed, 2)} per changed entity`,
      edit && edit.requests <= changed,
    ),
  );
  const chain = (["up", "refresh", "destroy"] as StepName[]).map((x) => done(r, x));
  const complete = chain.every((x) => x !== undefined) ? (chain as StepResult[]) : undefined;
  const throttled = complete?.reduce((a, x) => a + x.throttled, 0);
  rows.push(
    goal(
      `${r.program} ${r.n}: 0 × 429 across up → refresh → destroy`,
      complete && `${throttled} × 429`,
      throttled === 0,
    ),
  );
  if (opts.rateLimit !== "off" && complete) {
    const worst = complete
      .filter((x) => x.floorSeconds >= 1)
      .map((x) => ({ step: x.step, r: x.wallSeconds / x.floorSeconds }))
      .sort((a, b) => b.r - a.r)[0];
    rows.push(
      goal(
        `${r.program} ${r.n}: up, refresh, destroy each ≤ 1.15× the budget's floor`,
        worst ? `worst ${fmt(worst.r, 2)}× (${STEP_LABEL[worst.step]})` : "no command had a floor of 1 s or more",
        worst ? worst.r <= 1.15 : true,
      ),
    );
  }
  return rows;
}

/** State and CPU against the trivial baseline of the same N. */
function baselineGoals(r: RunResult, b: RunResult): string[][] {
  const st = r.stateAfterUp && b.stateAfterUp ? r.stateAfterUp / b.stateAfterUp : undefined;
  const cpu = (step: StepName) => {
    const [x, y] = [done(r, step)?.cpuSeconds, done(b, step)?.cpuSeconds];
    return x !== undefined && y ? x / y : undefined;
  };
  const pv = cpu("preview");
  const uar = cpu("upAfterRefresh");
  return [
    goal(
      `${r.program} ${r.n}: state ≤ 1.1× baseline`,
      st === undefined ? undefined : `${fmt(st, 2)}×`,
      st !== undefined && st <= 1.1,
    ),
    goal(
      `${r.program} ${r.n}: no-op preview CPU ≤ 1.1× baseline`,
      pv === undefined ? undefined : `${fmt(pv, 2)}×`,
      pv !== undefined && pv <= 1.1,
    ),
    goal(
      `${r.program} ${r.n}: up after refresh CPU ≤ 1.2× baseline`,
      uar === undefined ? undefined : `${fmt(uar, 2)}×`,
      uar !== undefined && uar <= 1.2,
    ),
  ];
}

/**
 * Issue 10's "Done when", checked against this run's figures (a goal whose command failed or did
 * not run reads "not measured").
 */
function goalsTable(runs: RunResult[], baseline: (n: number) => RunResult | undefined, opts: Options): string {
  const rows: string[][] = [];
  const gates = runs.filter((r) => r.program === "gates");
  const big = gates.find((r) => r.n === 500) ?? gates[gates.length - 1];
  if (big) {
    const refresh = done(big, "refresh");
    rows.push(
      goal(
        `refresh of ${big.n} gates ≤ 10 requests`,
        refresh && `${refresh.requests} requests`,
        refresh && refresh.requests <= 10,
      ),
    );
  }
  for (const r of runs) {
    rows.push(...requestGoals(r, opts));
    const b = baseline(r.n);
    if (b) rows.push(...baselineGoals(r, b));
  }
  return table(["goal (issue 10)", "measured", "verdict"], rows);
}

/** Where and on what the figures were measured: they mean little without it. */
export function environment(opts: Options, loadAtStart: number): string {
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

/** The command benchmark's report. */
export function report(results: RunResult[], opts: Options, started: number, loadAtStart: number): string {
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
