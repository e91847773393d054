/**
 * `npm run bench:simulate`: what `simulate` and the emulator's SDK endpoints cost, printed as a
 * table. Figures come from here, not from timed tests.
 *
 * - `pulumi-statsig simulate` (the built bin, a child process, so Node's start and loading the SDK
 *   count) on 1,000 users × the 300-gate program of `npm run bench` (scripts/lib/programs.ts: one
 *   `staff` rule per gate) with 10 % of the gates edited, from a `pulumi stack export` and a
 *   `pulumi preview --json` in the shapes the CLI writes; and the same on gates with three rules
 *   (a segment reference, a 10 % rollout by country, an app-version rule); 30 gates edited (the
 *   others are not evaluated: their specs and what they refer to are unchanged) and all 300.
 * - the emulator's `download_config_specs` (v1 and v2) over HTTP for a store of 1,000 entities.
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { RunningEmulator, startEmulator } from "../emulator/server";
import type { Store } from "../emulator/store";
import { DEFAULT_SERVER_SDK_KEY } from "../emulator/sdk/serve";

const T = "pulumi-nodejs:dynamic/statsig:";
const urn = (type: string, name: string) => `urn:pulumi:bench::bench::${T}${type}::${name}`;
const REPO = path.resolve(__dirname, "..", "..");
const CLI = path.join(REPO, "dist", "provider", "generate", "cli.js");

type Rule = { name: string; passPercentage: number; conditions: Record<string, unknown>[] };

/** The bench program's gate `i` (one `staff` rule), or a richer one with three rules. */
function gateRules(i: number, edited: boolean, rich: boolean): Rule[] {
  const staff: Rule = {
    name: "staff",
    passPercentage: 100,
    conditions: [
      {
        type: "email",
        operator: "str_ends_with_any",
        targetValue: edited ? ["@example.com", "@example.org"] : ["@example.com"],
      },
    ],
  };
  if (!rich) return [staff];
  return [
    { ...staff, conditions: [{ type: "passes_segment", targetValue: "beta_testers" }] },
    {
      name: "rollout",
      passPercentage: edited ? 20 : 10,
      conditions: [{ type: "country", operator: "any", targetValue: ["US", "CA"] }],
    },
    {
      name: "new app",
      passPercentage: 100,
      conditions: [{ type: "app_version", operator: "version_gte", targetValue: `2.${i % 10}.0` }],
    },
  ];
}

/** A stack export and a preview of `n` gates with the first `edited` changed. */
function files(dir: string, n: number, edited: number, rich: boolean): { base: string; plan: string } {
  const resources: unknown[] = [];
  const steps: unknown[] = [];
  if (rich) {
    const seg = {
      name: "beta testers",
      type: "rule_based",
      rules: [
        {
          id: "seg_r",
          name: "beta",
          conditions: [{ type: "custom_field", field: "beta", operator: "any", targetValue: ["yes"] }],
        },
      ],
    };
    resources.push({ urn: urn("Segment", "beta"), type: `${T}Segment`, id: "beta_testers", outputs: seg });
    steps.push({
      op: "same",
      urn: urn("Segment", "beta"),
      oldState: { type: `${T}Segment`, id: "beta_testers" },
      newState: { type: `${T}Segment`, id: "beta_testers", inputs: seg },
    });
  }
  for (let i = 0; i < n; i++) {
    const id = `bench_gate_${i}`;
    const rules = gateRules(i, false, rich).map((r, k) => ({ ...r, id: `${id}_r${k}` }));
    resources.push({
      urn: urn("Gate", `gate-${i}`),
      type: `${T}Gate`,
      id,
      outputs: { __managed: "name,isEnabled,rules", name: `bench gate ${i}`, isEnabled: true, status: "active", rules },
    });
    steps.push({
      op: i < edited ? "update" : "same",
      urn: urn("Gate", `gate-${i}`),
      oldState: { type: `${T}Gate`, id },
      newState: {
        type: `${T}Gate`,
        id,
        inputs: { name: `bench gate ${i}`, isEnabled: true, rules: gateRules(i, i < edited, rich) },
      },
    });
  }
  const base = path.join(dir, `base-${n}-${rich}.json`);
  const plan = path.join(dir, `plan-${n}-${rich}.json`);
  fs.writeFileSync(base, JSON.stringify({ version: 3, deployment: { resources } }));
  fs.writeFileSync(plan, JSON.stringify({ steps }));
  return { base, plan };
}

/** 1,000 users: a twentieth with a company address, a tenth beta testers, a mix of countries and app versions. */
function users(dir: string, count: number): string {
  const countries = ["US", "CA", "GB", "DE", "NZ"];
  const lines = Array.from({ length: count }, (_, i) =>
    JSON.stringify({
      userID: `user-${i}`,
      email: i % 20 === 0 ? `u${i}@example.org` : `u${i}@mail.example`,
      country: countries[i % countries.length],
      appVersion: `${1 + (i % 3)}.${i % 10}.0`,
      custom: { beta: i % 10 === 0 ? "yes" : "no" },
    }),
  );
  const f = path.join(dir, `users-${count}.jsonl`);
  fs.writeFileSync(f, lines.join("\n"));
  return f;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function timeCli(args: string[], runs: number): { ms: number; output: string } {
  const times: number[] = [];
  let output = "";
  for (let r = 0; r < runs; r++) {
    const t0 = process.hrtime.bigint();
    output = execFileSync(process.execPath, [CLI, "simulate", ...args], { encoding: "utf8", maxBuffer: 64 << 20 });
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return { ms: median(times), output };
}

/** 100 segments, half of them id lists of 100 ids, half rule-based. */
function putSegments(s: Store): void {
  for (let i = 0; i < 100; i++) {
    s.put("segments", {
      id: `seg_${i}`,
      name: `seg ${i}`,
      type: i % 2 ? "id_list" : "rule_based",
      rules: i % 2 ? [] : gateRules(i, false, false).map((r, k) => ({ ...r, id: `s${i}_${k}` })),
    });
    if (i % 2)
      s.setExtra(
        "id_list",
        "segments",
        `seg_${i}`,
        Array.from({ length: 100 }, (_, k) => `id-${i}-${k}`),
      );
  }
}

/** 600 gates, each passing a segment, then the rich gate's rules after its first. */
function putGates(s: Store): void {
  for (let i = 0; i < 600; i++)
    s.put("gates", {
      id: `gate_${i}`,
      name: `gate ${i}`,
      isEnabled: true,
      status: "active",
      rules: [
        {
          id: `g${i}_a`,
          name: "seg",
          passPercentage: 100,
          conditions: [{ type: "passes_segment", targetValue: `seg_${i % 100}` }],
        },
        ...gateRules(i, false, true)
          .slice(1)
          .map((r, k) => ({ ...r, id: `g${i}_${k}` })),
      ],
    });
}

/** 200 dynamic configs, each with a rule on a gate. */
function putConfigs(s: Store): void {
  for (let i = 0; i < 200; i++)
    s.put("dynamic_configs", {
      id: `config_${i}`,
      name: `config ${i}`,
      isEnabled: true,
      defaultValue: { limit: 10, theme: "light" },
      rules: [
        {
          id: `c${i}`,
          name: "gate",
          passPercentage: 100,
          conditions: [{ type: "passes_gate", targetValue: `gate_${i}` }],
          returnValue: { limit: 100 },
        },
      ],
    });
}

/** 50 layers, each with one active experiment of two groups. */
function putLayeredExperiments(s: Store): void {
  for (let i = 0; i < 50; i++) {
    s.put("layers", { id: `layer_${i}`, name: `layer ${i}`, parameters: { color: "grey" } });
    s.put("experiments", {
      id: `exp_${i}`,
      name: `exp ${i}`,
      status: "active",
      allocation: 50,
      layerID: `layer_${i}`,
      groups: [
        { name: "control", size: 50, parameterValues: { color: "grey" } },
        { name: "test", size: 50, parameterValues: { color: "green" } },
      ],
    });
  }
}

/** The median time of 20 downloads of one document version (a first, warming download not counted). */
async function timeDownload(emu: RunningEmulator, v: string): Promise<{ what: string; value: string }> {
  const url = `${emu.url}/${v}/download_config_specs/${DEFAULT_SERVER_SDK_KEY}.json`;
  const times: number[] = [];
  let bytes = 0;
  for (let r = 0; r < 21; r++) {
    const t0 = process.hrtime.bigint();
    const res = await fetch(url);
    bytes = (await res.arrayBuffer()).byteLength;
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return {
    what: `emulator ${v} download_config_specs, 1,000 entities`,
    value: `${median(times.slice(1)).toFixed(1)} ms median of 20 (${(bytes / 1024).toFixed(0)} KiB)`,
  };
}

/** The emulator's SDK document at 1,000 entities: 600 gates, 200 configs, 100 segments, 50 layers, 50 experiments. */
async function dcsTimes(): Promise<{ what: string; value: string }[]> {
  const emu = await startEmulator({ port: 0 });
  putSegments(emu.store);
  putGates(emu.store);
  putConfigs(emu.store);
  putLayeredExperiments(emu.store);
  const rows: { what: string; value: string }[] = [];
  for (const v of ["v1", "v2"]) rows.push(await timeDownload(emu, v));
  await emu.close();
  return rows;
}

async function main(): Promise<void> {
  if (!fs.existsSync(CLI)) throw new Error("run `npm run build` first");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-simulate-"));
  try {
    const rows: { what: string; value: string }[] = [];
    const u = users(dir, 1000);
    for (const [rich, edited] of [
      [false, 30],
      [false, 300],
      [true, 30],
      [true, 300],
    ] as const) {
      const f = files(dir, 300, edited, rich);
      const { ms, output } = timeCli(["--users", u, "--plan", f.plan, "--base", f.base, "--format", "json"], 3);
      const changes = JSON.parse(output).changes.length;
      rows.push({
        what: `simulate, 1,000 users × 300 gates${rich ? " (3 rules each: segment, 10 % rollout, version)" : " (the bench program)"}, ${edited} edited`,
        value: `${(ms / 1000).toFixed(2)} s median of 3 (${changes} gates with changes)`,
      });
    }
    rows.push(...(await dcsTimes()));
    const width = Math.max(...rows.map((r) => r.what.length));
    console.log(`| ${"measure".padEnd(width)} | value |`);
    console.log(`| ${"-".repeat(width)} | ----- |`);
    for (const r of rows) console.log(`| ${r.what.padEnd(width)} | ${r.value} |`);
    console.log(`\n${os.cpus().length} cores, Node ${process.version}`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
