/**
 * The takeover section of BENCHMARKS.md from the runs takeover.ts measured: one row per command,
 * the issue's goals with a verdict each, and (when run) where a program's memory per resource goes.
 */
import type { RolePeak, Role } from "./memory";
import type { HeapProbe } from "./heapProbes";
import { table } from "./markdown";
import type { TakeoverRun, TakeoverStep } from "./takeover";

const mib = (p: RolePeak | undefined) => (p ? `${Math.round(p.peakMiB)}` : "–");
const count = (n: number) => n.toLocaleString("en-US");
const duration = (s: number) => (s < 90 ? `${s.toFixed(0)} s` : `${(s / 60).toFixed(1)} min`);

/** The heading of BENCHMARKS.md's takeover section (kept by the other benchmark's re-runs). */
export const TAKEOVER_HEADING = "## Taking over a large project";

/** What the table's columns mean; printed above it so the numbers can be read without the code. */
const INTRO = `Written by \`npm run bench -- --takeover <sizes>\` (scripts/lib/takeover.ts). Each size: an emulator
(published shape, **rate limit off** on both sides, so requests are counted, not waited for),
populated through the raw API with N gates (one in ten with overrides) and 420 other entities (20
tags, 200 dynamic configs, 100 segments of which 10 id lists, half of them empty, 20 layers, 80
experiments); then \`pulumi-statsig generate\`, the adopting \`pulumi up --yes\` of the generated program
and \`pulumi refresh --yes\` (preview and refresh passes) through the real CLI, each its own
process. **trivial**: the same number of dynamic resources whose provider returns its inputs
(\`TRIVIAL_PROGRAM\`), same commands: what Pulumi itself costs. **at the published budget**: the
wait these requests need under 100 per 10 s and 900 per 15 min from empty windows ("no wait": they
fit in the first 10 s), and their share of the 15-minute window. **MiB**: peak
resident memory (VmHWM) of the CLI, the program (the language host's node process) and the
largest provider process (× how many: one per pass), with the ratio to the trivial program's.
**checkpoints skipped**: \`PULUMI_SKIP_CHECKPOINTS=true\` (see the README's "Big projects").`;

/** The command table's columns, in the order `stepRow` fills them. */
const STEP_COLUMNS = [
  "project",
  "command",
  "checkpoints",
  "requests",
  "writes",
  "by method",
  "at the published budget",
  "wall s",
  "CPU s",
  "CLI MiB",
  "program MiB",
  "provider MiB",
  "state",
];

/** The first column: which program at which size. */
function programLabel(r: TakeoverRun): string {
  if (r.program === "trivial") return `trivial × ${count(r.entities)}`;
  if (r.program === "generated") return `generated program, trivial provider (${count(r.entities)})`;
  return `${count(r.gates)} gates (${count(r.entities)} entities)`;
}

/** The second column: the command as a user types it. */
function commandLabel(r: TakeoverRun, st: TakeoverStep): string {
  if (st.step === "up" && r.program === "statsig") return "adopting `up --yes`";
  if (st.step === "refresh") return "`refresh --yes`";
  if (st.step === "up") return "`up --yes`";
  return "`generate`";
}

/** One command's row; memory also as a ratio to the trivial program's same command at the same size. */
function stepRow(runs: TakeoverRun[], r: TakeoverRun, st: TakeoverStep): string[] {
  const base = runs.find((b) => b.program === "trivial" && b.gates === r.gates)?.steps.find((b) => b.step === st.step);
  const ratio = (role: Role) => {
    const [a, b] = [st.memory[role]?.peakMiB, base?.memory[role]?.peakMiB];
    return r.program !== "statsig" || !a || !b ? "" : ` (${(a / b).toFixed(2)}×)`;
  };
  const provider = st.memory.provider;
  const generate = st.step === "generate";
  return [
    programLabel(r),
    commandLabel(r, st),
    generate ? "–" : st.checkpoints ? "on" : "skipped",
    String(st.requests),
    String(st.writes),
    Object.entries(st.byMethod)
      .map(([k, v]) => `${v} ${k}`)
      .join(", ") || "–",
    st.requests
      ? `${st.budgetSeconds > 0 ? duration(st.budgetSeconds) : "no wait"}, ${Math.round((st.requests / 900) * 100)} % of 15 min`
      : "–",
    st.failure
      ? `**failed** after ${st.wallSeconds.toFixed(0)}: ${st.failure.replace(/\|/g, "/")}`
      : st.wallSeconds.toFixed(1),
    st.cpuSeconds === undefined ? "–" : st.cpuSeconds.toFixed(1),
    generate ? `${mib(st.memory.generate)} (generate)` : mib(st.memory.cli) + ratio("cli"),
    generate ? "–" : mib(st.memory.program) + ratio("program"),
    generate ? "–" : `${mib(provider)}${ratio("provider")}${provider ? ` × ${provider.processes}` : ""}`,
    st.stateBytes === undefined ? "–" : `${(st.stateBytes / 2 ** 20).toFixed(1)} MiB`,
  ];
}

/** A goal's row: what was measured and whether it met the goal ("not measured" when the step failed). */
function goal(
  what: string,
  st: TakeoverStep | undefined,
  ok: (s: TakeoverStep) => boolean,
  show: (s: TakeoverStep) => string,
): string[] {
  return [what, st ? show(st) : "–", st ? (ok(st) ? "met" : "missed") : "not measured"];
}

/** Issue 19's request goals for one size of our program. */
function requestGoals(r: TakeoverRun): string[][] {
  const step = (s: TakeoverStep["step"]) => r.steps.find((x) => x.step === s && !x.failure);
  const at = `${count(r.gates)} gates`;
  return [
    goal(
      `${at}: \`generate\` ≤ 100 requests`,
      step("generate"),
      (s) => s.requests <= 100,
      (s) => `${s.requests}`,
    ),
    goal(
      `${at}: adopting \`up\` ≤ 120 requests, 0 writes`,
      step("up"),
      (s) => s.requests <= 120 && s.writes === 0,
      (s) => `${s.requests}, ${s.writes} writes`,
    ),
    goal(
      `${at}: \`refresh --yes\` ≤ 80 requests`,
      step("refresh"),
      (s) => s.requests <= 80,
      (s) => `${s.requests}`,
    ),
  ];
}

/**
 * Issue 19's memory goals for one size of our program. `refresh` does not run the program: only
 * `up` has a program process. Against both baselines: as many trivial resources in a loop, and the
 * same generated program on a trivial provider.
 */
function memoryGoals(runs: TakeoverRun[], r: TakeoverRun): string[][] {
  const base = runs.find((b) => b.program === "trivial" && b.gates === r.gates);
  const same = runs.find((b) => b.program === "generated" && b.gates === r.gates);
  const x = r.steps.find((s) => s.step === "up" && !s.failure)?.memory.program?.peakMiB;
  return (
    [
      ["trivial resources", base],
      ["the same program on a trivial provider", same],
    ] as const
  ).map(([label, b]) => {
    const y = b?.steps.find((z) => z.step === "up")?.memory.program?.peakMiB;
    return [
      `${count(r.gates)} gates: program memory during \`up\` ≤ 1.2× ${label}`,
      x && y ? `${Math.round(x)} / ${Math.round(y)} MiB = ${(x / y).toFixed(2)}×` : "–",
      x && y ? (x / y <= 1.2 ? "met" : "missed") : "not measured",
    ];
  });
}

/** The heap probes' paragraph and table, or nothing when none ran. */
function probeSection(probes: HeapProbe[]): string {
  if (!probes.length) return "";
  return `
Where the program's memory per resource goes, without an engine (scripts/lib/heapProbe.ts: N
resources under Pulumi's mocks, live heap after a full GC): the SDK creates one \`Output\` per key of
a resource's props, and a \`Gate\` declares 10 (its 8 fields and 2 output-only fields; 11 keys with
\`adopt\`) where the trivial resource has the 4 it is given.

${table(
  ["declared", "resources", "live heap per resource", "process RSS"],
  probes.map((p) => [
    {
      trivial: "trivial resource, 4 keys",
      "trivial-keys": "trivial resource, a Gate's 11 keys",
      gate: "`statsig.Gate`",
    }[p.kind] ?? p.kind,
    count(p.n),
    `${p.heapKiBPerResource.toFixed(1)} KiB`,
    `${Math.round(p.rssMiB)} MiB`,
  ]),
)}
`;
}

/** The takeover section of BENCHMARKS.md. */
export function takeoverReport(runs: TakeoverRun[], environment: string, probes: HeapProbe[] = []): string {
  const rows = runs.flatMap((r) => r.steps.map((st) => stepRow(runs, r, st)));
  const goals = runs
    .filter((x) => x.program === "statsig")
    .flatMap((r) => [...requestGoals(r), ...memoryGoals(runs, r)]);
  return `${TAKEOVER_HEADING}

${INTRO}

${environment}

${table(STEP_COLUMNS, rows)}

${table(["goal (issue 19)", "measured", "verdict"], goals)}
${probeSection(probes)}`;
}
