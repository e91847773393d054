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
import { startEmulator } from "../emulator/server";
import { Options, parseArgs } from "./lib/benchArgs";
import { environment, report } from "./lib/benchReport";
import { RunResult, runProgram } from "./lib/benchRun";
import { REPO, pulumiCli } from "./lib/cli";
import { heapProbes } from "./lib/heapProbes";
import { TakeoverRun, takeover } from "./lib/takeover";
import { TAKEOVER_HEADING, takeoverReport } from "./lib/takeoverReport";

// The flags (lib/benchArgs.ts), one program's run (lib/benchRun.ts) and the report
// (lib/benchReport.ts) are their own modules; this one decides what runs and what the file keeps.

/** The hand-written section of BENCHMARKS.md that a re-run carries over. */
const NOTES_HEADING = "\n## Notes\n";

const log = (msg: string) => process.stderr.write(`bench: ${msg}\n`);

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

/** The takeover benchmark: only BENCHMARKS.md's takeover section is rewritten. */
async function takeoverMarkdown(opts: Options, previous: string, loadAtStart: number): Promise<string> {
  const runs: TakeoverRun[] = [];
  for (const n of opts.takeover)
    runs.push(
      ...(await takeover(n, { skipCheckpoints: n >= opts.skipCheckpointsFrom, baselineOnly: opts.baselineOnly })),
    );
  const probes = await heapProbes();
  const section = takeoverReport(runs, environment({ ...opts, rateLimit: "off" }, loadAtStart), probes);
  return withKept(previous || "# Benchmarks\n", kept(previous, section));
}

/** The programs the command benchmark runs: the gates program and its baseline per size, then the mixed one. */
function commandPlan(opts: Options): { program: RunResult["program"]; n: number }[] {
  const plan: { program: RunResult["program"]; n: number }[] = [];
  for (const n of opts.sizes) plan.push({ program: "trivial", n }, { program: "gates", n });
  if (opts.mixed) {
    if (!opts.sizes.includes(opts.mixed)) plan.push({ program: "trivial", n: opts.mixed });
    plan.push({ program: "mixed", n: opts.mixed });
  }
  return plan;
}

/** The command benchmark: each program on its own emulator, then `simulate`'s figures. */
async function commandMarkdown(opts: Options, previous: string, started: number, loadAtStart: number): Promise<string> {
  const plan = commandPlan(opts);
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
  return withKept(report(results, opts, started, loadAtStart) + simulateSection(), kept(previous, undefined));
}

async function main(): Promise<void> {
  const opts = parseArgs(process.argv.slice(2));
  const started = Date.now();
  const loadAtStart = os.loadavg()[0];
  pulumiCli();
  const outFile = opts.out && path.resolve(REPO, opts.out);
  const previous = outFile && fs.existsSync(outFile) ? fs.readFileSync(outFile, "utf8") : "";
  let md = opts.takeover.length
    ? await takeoverMarkdown(opts, previous, loadAtStart)
    : await commandMarkdown(opts, previous, started, loadAtStart);
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
