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
import { spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { RunningEmulator, startEmulator } from "../../emulator/server";
import { budgetFloor } from "./budget";
import { REPO, countByMethod, measure, newProgramStack, pulumiCli, stackExportBytes } from "./cli";
import { Role, RolePeak, watchMemory } from "./memory";
import { N_KEY, TRIVIAL_PROGRAM } from "./programs";

/** The entities besides the gates, by kind (420 in all, as in issue 19's measurements). */
export const OTHERS = { tags: 20, dynamicConfigs: 200, segments: 100, layers: 20, experiments: 80 };
const OTHER_TOTAL = Object.values(OTHERS).reduce((a, b) => a + b, 0);

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

/** Sends one request as someone in the console would; throws on a non-2xx answer. */
async function send(emu: RunningEmulator, method: string, p: string, body?: unknown): Promise<void> {
  const res = await fetch(emu.apiUrl + p, {
    method,
    headers: { "STATSIG-API-KEY": emu.apiKey, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (res.status >= 300) throw new Error(`${method} ${p}: HTTP ${res.status} ${await res.text()}`);
  await res.text();
}

/** Runs `jobs` with at most `width` at a time. */
async function inParallel(jobs: (() => Promise<void>)[], width = 16): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < jobs.length) await jobs[next++]();
    }),
  );
}

const RULE = {
  name: "staff",
  passPercentage: 100,
  conditions: [{ type: "email", operator: "str_ends_with_any", targetValue: ["@example.com"] }],
};

/** Populates the emulator through its HTTP API: N gates and the 420 others (see the file comment). */
export async function populate(emu: RunningEmulator, gates: number): Promise<void> {
  const range = (n: number) => Array.from({ length: n }, (_, i) => i);
  await inParallel(range(OTHERS.tags).map((i) => () => send(emu, "POST", "/tags", { name: `team ${i}` })));
  await inParallel(
    range(OTHERS.layers).map(
      (i) => () => send(emu, "POST", "/layers", { name: `layer ${i}`, parameters: { color: "blue" } }),
    ),
  );
  await inParallel(
    range(gates).map((i) => async () => {
      await send(emu, "POST", "/gates", {
        name: `gate ${i}`,
        description: `gate ${i}`,
        isEnabled: true,
        tags: [`team ${i % OTHERS.tags}`],
        rules: [RULE],
      });
      if (i % 10 === 0)
        await send(emu, "PUT", `/gates/gate_${i}/overrides`, {
          userOverrides: [{ userID: `user-${i}`, value: true }],
          idOverrides: [],
        });
    }),
  );
  await inParallel(
    range(OTHERS.dynamicConfigs).map(
      (i) => () =>
        send(emu, "POST", "/dynamic_configs", {
          name: `config ${i}`,
          description: `config ${i}`,
          defaultValue: { limit: i },
        }),
    ),
  );
  await inParallel(
    range(OTHERS.segments).map((i) => async () => {
      const idList = i % 10 === 0;
      await send(emu, "POST", "/segments", {
        name: `segment ${i}`,
        type: idList ? "id_list" : "rule_based",
        description: `segment ${i}`,
        ...(idList ? {} : { rules: [RULE] }),
      });
      // Half the id lists hold ids; the other half are empty (their count says so).
      if (idList && i % 20 === 0)
        await send(emu, "POST", `/segments/segment_${i}/id_list/reset`, { ids: [`user-${i}`, `user-${i + 1}`] });
    }),
  );
  await inParallel(
    range(OTHERS.experiments).map(
      (i) => () =>
        send(emu, "POST", "/experiments", {
          name: `experiment ${i}`,
          hypothesis: "green converts better",
          layerID: `layer_${i % OTHERS.layers}`,
          groups: [
            { name: "control", size: 50, parameterValues: { color: "blue" } },
            { name: "green", size: 50, parameterValues: { color: "green" } },
          ],
          allocation: 10,
        }),
    ),
  );
}

/** Runs one process to its end, watching its tree's memory; never rejects. */
function run(
  cmd: string,
  args: string[],
  opts: { cwd: string; env: Record<string, string>; role: Role },
): Promise<{ code: number | null; wallSeconds: number; memory: Partial<Record<Role, RolePeak>>; tail: string }> {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const child = spawn(cmd, args, {
      cwd: opts.cwd,
      env: { ...process.env, ...opts.env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const watch = watchMemory(child.pid ?? -1, opts.role);
    let tail = "";
    const keep = (b: Buffer) => (tail = (tail + b.toString()).slice(-4000));
    child.stdout.on("data", keep);
    child.stderr.on("data", keep);
    const done = (code: number | null) =>
      resolve({ code, wallSeconds: (performance.now() - t0) / 1000, memory: watch.stop(), tail });
    child.on("error", (err) => {
      tail += String(err);
      done(-1);
    });
    child.on("close", done);
  });
}

/** The gist of a failed command's output. */
function gist(tail: string): string {
  const lines = tail.split("\n").filter((l) => /error|failed|429/i.test(l));
  return (lines.slice(0, 3).join(" ") || tail.slice(-300)).replace(/\s+/g, " ").slice(0, 300);
}

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

/** The generated program and the trivial baseline at N gates (N + 420 resources each). */
export async function takeover(gates: number, opts: TakeoverOptions): Promise<TakeoverRun[]> {
  const entities = gates + OTHER_TOTAL;
  const emu = await startEmulator({ port: 0, shape: "published", rateLimit: "off", logLimit: 10_000_000 });
  const runs: TakeoverRun[] = [];
  const work = path.join(REPO, ".e2e");
  fs.mkdirSync(work, { recursive: true });
  const genDir = fs.mkdtempSync(path.join(work, `takeover-gen-${gates}-`));
  try {
    log(`takeover ${gates}: populating ${entities} entities through the API…`);
    await populate(emu, gates);
    const ours: TakeoverRun = { program: "statsig", gates, entities, steps: [] };
    let dumped = 0;
    runs.push(ours);

    const measured = async (
      step: TakeoverStep["step"],
      checkpoints: boolean,
      go: () => ReturnType<typeof run>,
      state?: () => number,
    ): Promise<TakeoverStep> => {
      const before = emu.requests().length;
      log(`takeover ${gates}: ${step}…`);
      // One command at a time: the CPU of reaped children across it is that command's.
      const { result: r, cpuSeconds } = await measure(go);
      const made = emu.requests().slice(before);
      // GETs told apart: list pages, entities by id, sub-resources (overrides, id lists).
      const byMethod = countByMethod(
        made.map((m) => {
          if (m.method !== "GET") return { ...m, time: 0 };
          const depth = m.path.split("?")[0].split("/").filter(Boolean).length;
          return { ...m, time: 0, method: depth === 1 ? "list GET" : depth === 2 ? "GET by id" : "sub-resource GET" };
        }),
      );
      const s: TakeoverStep = {
        step,
        requests: made.length,
        byMethod,
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
      // TAKEOVER_REQUESTS=<dir>: every request of every step, one file per step, to see where they go.
      const dump = process.env.TAKEOVER_REQUESTS;
      if (dump) {
        fs.mkdirSync(dump, { recursive: true });
        fs.writeFileSync(path.join(dump, `${gates}-${++dumped}-${step}.txt`), s.paths!.join("\n") + "\n");
      }
      log(
        `  ${s.requests} requests ${JSON.stringify(byMethod)}, ${s.wallSeconds.toFixed(1)} s, CPU ${s.cpuSeconds?.toFixed(1)} s, ` +
          `budget ${s.budgetSeconds.toFixed(0)} s, memory ${JSON.stringify(s.memory)}` +
          (s.failure ? `; FAILED: ${s.failure}` : ""),
      );
      return s;
    };

    // generate: the built CLI, as `npx pulumi-statsig generate` runs it.
    const gen = await measured("generate", true, () =>
      run(process.execPath, [path.join(REPO, "dist", "provider", "generate", "cli.js"), "generate", "--out", genDir], {
        cwd: REPO,
        env: { STATSIG_CONSOLE_API_KEY: emu.apiKey, STATSIG_API_URL: emu.apiUrl, STATSIG_RATE_LIMIT: "off" },
        role: "generate",
      }),
    );
    ours.steps.push(gen);
    if (gen.failure) return runs;
    const program = fs.readFileSync(path.join(genDir, "index.ts"), "utf8");

    const cliSteps = async (
      r: TakeoverRun,
      source: string,
      extraConfig: Record<string, { value: string }>,
      commands: ("up" | "refresh")[],
    ) => {
      const s = await newProgramStack({
        name: `takeover-${r.program}-${gates}`,
        source,
        parent: work,
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
          const st = await measured(
            cmd,
            !opts.skipCheckpoints,
            () =>
              run(pulumi, [cmd, "--yes", "--non-interactive", "--stack", "bench"], { cwd: s.dir, env, role: "cli" }),
            () => stackExportBytes(s),
          );
          r.steps.push(st);
          if (st.failure) break;
        }
      } finally {
        await s.cleanup();
      }
    };
    if (!opts.baselineOnly) {
      await cliSteps(ours, program, {}, ["up", "refresh"]);
      const trivial: TakeoverRun = { program: "trivial", gates, entities, steps: [] };
      runs.push(trivial);
      await cliSteps(trivial, TRIVIAL_PROGRAM, { [N_KEY]: { value: String(entities) } }, ["up", "refresh"]);
    }
    // The program process's memory against the same program on a trivial provider: `up` only
    // (refresh runs no program).
    const generated: TakeoverRun = { program: "generated", gates, entities, steps: [] };
    runs.push(generated);
    await cliSteps(generated, asTrivial(program), {}, ["up"]);
    return runs;
  } finally {
    fs.rmSync(genDir, { recursive: true, force: true });
    await emu.close();
  }
}

/** What `heapProbe.ts` prints. */
export interface HeapProbe {
  kind: string;
  n: number;
  heapKiBPerResource: number;
  rssMiB: number;
}

/** Runs `heapProbe.ts` for each kind (a child process each); a failed probe is left out. */
export async function heapProbes(n = 2000): Promise<HeapProbe[]> {
  const out: HeapProbe[] = [];
  for (const kind of ["trivial", "trivial-keys", "gate"]) {
    log(`heap probe: ${kind} × ${n}…`);
    const r = await new Promise<string>((resolve) => {
      const child = spawn(process.execPath, ["--expose-gc", path.join(__dirname, "heapProbe.js"), kind, String(n)], {
        cwd: REPO,
        stdio: ["ignore", "pipe", "inherit"],
      });
      let text = "";
      child.stdout.on("data", (b: Buffer) => (text += b.toString()));
      child.on("close", () => resolve(text));
    });
    try {
      out.push(JSON.parse(r.trim().split("\n").pop() ?? "") as HeapProbe);
    } catch {
      log(`heap probe ${kind} printed no result`);
    }
  }
  return out;
}

// ---- the report ----

const mib = (p: RolePeak | undefined) => (p ? `${Math.round(p.peakMiB)}` : "–");
const count = (n: number) => n.toLocaleString("en-US");
const duration = (s: number) => (s < 90 ? `${s.toFixed(0)} s` : `${(s / 60).toFixed(1)} min`);

function table(header: string[], rows: string[][]): string {
  return [
    `| ${header.join(" | ")} |`,
    `|${header.map(() => "---").join("|")}|`,
    ...rows.map((r) => `| ${r.join(" | ")} |`),
  ].join("\n");
}

/** The heading of BENCHMARKS.md's takeover section (kept by the other benchmark's re-runs). */
export const TAKEOVER_HEADING = "## Taking over a large project";

/** The takeover section of BENCHMARKS.md. */
export function takeoverReport(runs: TakeoverRun[], environment: string, probes: HeapProbe[] = []): string {
  const rows: string[][] = [];
  for (const r of runs)
    for (const st of r.steps) {
      const base = runs
        .find((b) => b.program === "trivial" && b.gates === r.gates)
        ?.steps.find((b) => b.step === st.step);
      const ratio = (role: Role) => {
        const [a, b] = [st.memory[role]?.peakMiB, base?.memory[role]?.peakMiB];
        return r.program !== "statsig" || !a || !b ? "" : ` (${(a / b).toFixed(2)}×)`;
      };
      const provider = st.memory.provider;
      rows.push([
        r.program === "trivial"
          ? `trivial × ${count(r.entities)}`
          : r.program === "generated"
            ? `generated program, trivial provider (${count(r.entities)})`
            : `${count(r.gates)} gates (${count(r.entities)} entities)`,
        st.step === "up" && r.program === "statsig"
          ? "adopting `up --yes`"
          : st.step === "refresh"
            ? "`refresh --yes`"
            : st.step === "up"
              ? "`up --yes`"
              : "`generate`",
        st.step === "generate" ? "–" : st.checkpoints ? "on" : "skipped",
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
        st.step === "generate" ? `${mib(st.memory.generate)} (generate)` : mib(st.memory.cli) + ratio("cli"),
        st.step === "generate" ? "–" : mib(st.memory.program) + ratio("program"),
        st.step === "generate"
          ? "–"
          : `${mib(provider)}${ratio("provider")}${provider ? ` × ${provider.processes}` : ""}`,
        st.stateBytes === undefined ? "–" : `${(st.stateBytes / 2 ** 20).toFixed(1)} MiB`,
      ]);
    }
  const goals: string[][] = [];
  for (const r of runs.filter((x) => x.program === "statsig")) {
    const step = (s: TakeoverStep["step"]) => r.steps.find((x) => x.step === s && !x.failure);
    const goal = (
      what: string,
      st: TakeoverStep | undefined,
      ok: (s: TakeoverStep) => boolean,
      show: (s: TakeoverStep) => string,
    ) => goals.push([what, st ? show(st) : "–", st ? (ok(st) ? "met" : "missed") : "not measured"]);
    const at = `${count(r.gates)} gates`;
    goal(
      `${at}: \`generate\` ≤ 100 requests`,
      step("generate"),
      (s) => s.requests <= 100,
      (s) => `${s.requests}`,
    );
    goal(
      `${at}: adopting \`up\` ≤ 120 requests, 0 writes`,
      step("up"),
      (s) => s.requests <= 120 && s.writes === 0,
      (s) => `${s.requests}, ${s.writes} writes`,
    );
    goal(
      `${at}: \`refresh --yes\` ≤ 80 requests`,
      step("refresh"),
      (s) => s.requests <= 80,
      (s) => `${s.requests}`,
    );
    const base = runs.find((b) => b.program === "trivial" && b.gates === r.gates);
    // `refresh` does not run the program: only `up` has a program process. Against both baselines:
    // as many trivial resources in a loop, and the same generated program on a trivial provider.
    const same = runs.find((b) => b.program === "generated" && b.gates === r.gates);
    for (const [label, b] of [
      ["trivial resources", base],
      ["the same program on a trivial provider", same],
    ] as const) {
      const x = step("up")?.memory.program?.peakMiB;
      const y = b?.steps.find((z) => z.step === "up")?.memory.program?.peakMiB;
      goals.push([
        `${at}: program memory during \`up\` ≤ 1.2× ${label}`,
        x && y ? `${Math.round(x)} / ${Math.round(y)} MiB = ${(x / y).toFixed(2)}×` : "–",
        x && y ? (x / y <= 1.2 ? "met" : "missed") : "not measured",
      ]);
    }
  }
  return `${TAKEOVER_HEADING}

Written by \`npm run bench -- --takeover <sizes>\` (scripts/lib/takeover.ts). Each size: an emulator
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
**checkpoints skipped**: \`PULUMI_SKIP_CHECKPOINTS=true\` (see the README's "Big projects").

${environment}

${table(
  [
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
  ],
  rows,
)}

${table(["goal (issue 19)", "measured", "verdict"], goals)}
${
  probes.length
    ? `
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
`
    : ""
}`;
}
