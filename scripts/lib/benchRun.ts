/**
 * One program of `npm run bench` (scripts/bench-cli.ts) through its commands on one stack: each
 * command run through the Automation API, its requests read from the emulator's log, its CPU from
 * the kernel's accounting of reaped children, and the state's size after `up` and `refresh`.
 */
import * as path from "path";
import type { RunningEmulator } from "../../emulator/server";
import type { Options } from "./benchArgs";
import { budgetFloor } from "./budget";
import {
  LoggedRequest,
  ProgramStack,
  REPO,
  countByMethod,
  emulatorRequests,
  measure,
  newProgramStack,
  stackExportBytes,
} from "./cli";
import { EDITED_KEY, GATES_PROGRAM, MIXED_PROGRAM, N_KEY, TRIVIAL_PROGRAM } from "./programs";

/** The commands each program goes through, in order. */
export const STEPS = ["up", "preview", "refresh", "upAfterRefresh", "edit", "destroy"] as const;
/** One of `STEPS`. */
export type StepName = (typeof STEPS)[number];
/** How the report names each command. */
export const STEP_LABEL: Record<StepName, string> = {
  up: "up (create)",
  preview: "no-op preview",
  refresh: "refresh",
  upAfterRefresh: "up after refresh",
  edit: "edit 10 %",
  destroy: "destroy",
};

/** One command's figures. */
export interface StepResult {
  /** Which command. */
  step: StepName;
  /** Requests the emulator logged during it (a 429 and its retry count twice). */
  requests: number;
  /** The same, by method. */
  byMethod: Record<string, number>;
  /** Requests answered 429. */
  throttled: number;
  /** Wall seconds. */
  wallSeconds: number;
  /** The earliest its admitted requests could all be served under the rate limit. */
  floorSeconds: number;
  /** CPU seconds of the CLI and everything it started. */
  cpuSeconds?: number;
  /** The command failed: the gist of its error (the remaining commands of the program are skipped). */
  failure?: string;
}

/** One program's figures. */
export interface RunResult {
  /** Which program. */
  program: "gates" | "mixed" | "trivial";
  /** How many resources it declares. */
  n: number;
  /** Its commands, in order, up to the first failure. */
  steps: StepResult[];
  /** `pulumi stack export` bytes per resource after up and after refresh. */
  stateAfterUp: number;
  /** The same after refresh. */
  stateAfterRefresh: number;
}

const log = (msg: string) => process.stderr.write(`bench: ${msg}\n`);

/** A new stack of `program` with N resources, against `emu`. */
function programStack(program: RunResult["program"], n: number, emu: RunningEmulator, opts: Options) {
  const source = { gates: GATES_PROGRAM, mixed: MIXED_PROGRAM, trivial: TRIVIAL_PROGRAM }[program];
  return newProgramStack({
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
}

/** Runs one command; a failure is returned as the gist of its error lines, not thrown. */
async function runCommand(s: ProgramStack, step: StepName): Promise<string | undefined> {
  const onOutput = () => undefined;
  try {
    if (step === "preview") await s.stack.preview({ expectNoChanges: true, onOutput });
    else if (step === "refresh") await s.stack.refresh({ onOutput });
    else if (step === "destroy") await s.stack.destroy({ onOutput });
    else await s.stack.up({ onOutput });
    return undefined;
  } catch (err) {
    // Reported in the table (a command that fails under the budget is a finding, not a crash).
    return String((err as Error).message ?? err)
      .split("\n")
      .filter((l) => /error|429|throttled/i.test(l))
      .slice(0, 2)
      .join(" ")
      .slice(0, 300);
  }
}

/** Runs one command and counts what it asked of the emulator, beside the budget's floor for it. */
async function measureStep(
  s: ProgramStack,
  step: StepName,
  emu: RunningEmulator,
  opts: Options,
  label: string,
): Promise<StepResult> {
  const before: LoggedRequest[] = await emulatorRequests(emu.url);
  const start = Date.now();
  log(`${label}: ${STEP_LABEL[step]}…`);
  let failure: string | undefined;
  const m = await measure(async () => {
    failure = await runCommand(s, step);
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
  log(
    `  ${result.requests} requests ${JSON.stringify(result.byMethod)}, ${result.throttled} × 429, ` +
      `${result.wallSeconds.toFixed(1)} s (floor ${result.floorSeconds.toFixed(1)} s), CPU ${result.cpuSeconds?.toFixed(2)} s`,
  );
  return result;
}

/** Runs `program` with N resources through `STEPS` against `emu`, stopping at the first failure. */
export async function runProgram(
  program: RunResult["program"],
  n: number,
  emu: RunningEmulator,
  opts: Options,
): Promise<RunResult> {
  const s = await programStack(program, n, emu, opts);
  try {
    const emptyBytes = stackExportBytes(s);
    const steps: StepResult[] = [];
    let stateAfterUp = 0;
    let stateAfterRefresh = 0;
    for (const step of STEPS) {
      if (step === "edit") await s.stack.setConfig(EDITED_KEY, { value: String(Math.max(1, Math.round(n / 10))) });
      const result = await measureStep(s, step, emu, opts, `${program} N=${n}`);
      steps.push(result);
      if (result.failure) {
        log(`  FAILED: ${result.failure}`);
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
