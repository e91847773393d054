/**
 * `npm run bench:micro`: measures what the notes quote, against the emulator on 127.0.0.1, and prints a
 * table. Figures come from here, not from timed tests.
 *
 * - the serialized provider (`__provider`) stored per resource: the shim vs. the implementation;
 * - the client: sequential and concurrent request throughput and latency;
 * - the provider: cost of check, diff, and create-with-read-back of a full gate;
 * - pacing: the same burst against a rate-limited emulator with and without client-side pacing;
 * - the published budget's wall-clock cost for large stacks (simulated clock).
 */
import * as pulumi from "@pulumi/pulumi";
import { RunningEmulator, startEmulator } from "../emulator/server";
import { ConsoleClient } from "../provider/client";
import { Pacer } from "../provider/client/pacer";
import { PUBLISHED_BUDGET, parseBudget } from "../provider/client/budget";
import { gateProvider } from "../provider/resources/gate";
import { shimProvider } from "../provider/resources/shim";
import { configure, resetConfiguration } from "../provider/settings";

interface Row {
  what: string;
  value: string;
  note?: string;
}
const rows: Row[] = [];
const add = (what: string, value: string, note?: string) => {
  rows.push({ what, value, note });
  process.stderr.write(`  ${what}: ${value}\n`);
};

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
}
const ms = (x: number) => `${x.toFixed(2)} ms`;

async function serializedBytes(provider: unknown): Promise<number | string> {
  try {
    const fn = await pulumi.runtime.serializeFunction(() => provider, { allowSecrets: false });
    return Buffer.byteLength(fn.text);
  } catch (err) {
    return `fails (${(err as Error).message.split("\n")[0].slice(0, 60)})`;
  }
}

/** 1. The serialized provider stored in every resource's state. */
async function serializedProviders(): Promise<void> {
  add(
    "__provider bytes per resource (shim)",
    String(await serializedBytes(shimProvider("Gate"))),
    "what a Gate carries in state",
  );
  add(
    "__provider bytes (implementation by value)",
    String(await serializedBytes(gateProvider)),
    "for comparison: what it would carry without the shim",
  );
}

/** 2. Client throughput against the emulator (no limits), one gate read again and again. */
async function clientThroughput(emu: RunningEmulator): Promise<void> {
  await fetch(`${emu.apiUrl}/gates`, {
    method: "POST",
    headers: { "STATSIG-API-KEY": emu.apiKey, "content-type": "application/json" },
    body: JSON.stringify({ name: "bench gate" }),
  });
  const client = new ConsoleClient({ baseUrl: emu.apiUrl, apiKey: () => emu.apiKey });
  for (let i = 0; i < 50; i++) await client.get("/gates/bench_gate"); // warm-up (keep-alive, JIT)
  const lat: number[] = [];
  let t0 = performance.now();
  for (let i = 0; i < 500; i++) {
    const s = performance.now();
    await client.get("/gates/bench_gate");
    lat.push(performance.now() - s);
  }
  let elapsed = performance.now() - t0;
  add(
    "GET sequential, 500 requests",
    `${Math.round(500 / (elapsed / 1000))} req/s`,
    `p50 ${ms(percentile(lat, 50))}, p95 ${ms(percentile(lat, 95))}`,
  );
  t0 = performance.now();
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      for (let i = 0; i < 63; i++) await client.get("/gates/bench_gate");
    }),
  );
  elapsed = performance.now() - t0;
  add(
    "GET 16 concurrent, 1008 requests",
    `${Math.round(1008 / (elapsed / 1000))} req/s`,
    "one keep-alive agent, 16 sockets",
  );
}

/** A gate with every kind of field set: rules of two condition types, a tag and an override. */
const gateInputs = (i: number) => ({
  name: `provider bench ${i}`,
  description: "bench",
  rules: [
    {
      name: "staff",
      passPercentage: 100,
      conditions: [{ type: "email", operator: "str_ends_with_any", targetValue: ["@x.com"] }],
    },
    {
      name: "beta",
      passPercentage: 20,
      conditions: [{ type: "custom_field", field: "plan", operator: "any", targetValue: ["beta"] }],
    },
  ],
  tags: ["bench"],
  overrides: { userOverrides: [{ userID: "u", value: true }] },
  status: "active",
});

/** 3. Provider operations (no pacing, to measure the code rather than the budget). */
async function providerOperations(emu: RunningEmulator): Promise<void> {
  resetConfiguration();
  const values: Record<string, string> = {
    "statsig:apiUrl": emu.apiUrl,
    "statsig:consoleApiKey": emu.apiKey,
    "statsig:rateLimit": "off",
  };
  await configure({ config: { get: (k: string) => values[k], require: (k: string) => values[k] } });
  let t = performance.now();
  for (let i = 0; i < 1000; i++) await gateProvider.check({}, gateInputs(i));
  add("check of a full gate", `${(((performance.now() - t) / 1000) * 1000).toFixed(1)} µs`, "1000 runs, no API call");
  const before = emu.requests().length;
  t = performance.now();
  const created = [];
  for (let i = 0; i < 100; i++) created.push(await gateProvider.create(gateInputs(i)));
  const elapsed = performance.now() - t;
  const perCreate = (emu.requests().length - before) / 100;
  add(
    "create + read-back of a full gate",
    ms(elapsed / 100),
    `${perCreate} requests each (POST, PUT overrides, GET, GET overrides)`,
  );
  t = performance.now();
  for (let k = 0; k < 10; k++)
    for (let i = 0; i < 100; i++) await gateProvider.diff(created[i].id, created[i].outs, gateInputs(i));
  add(
    "diff of a full gate (no change)",
    `${(((performance.now() - t) / 1000) * 1000).toFixed(1)} µs`,
    "1000 runs, no API call",
  );
}

/** 4. The same burst against a rate-limited emulator (the published 100/10s, scaled to 50/1s). */
async function pacedBurst(): Promise<void> {
  for (const paced of [true, false]) {
    const limited = await startEmulator({ port: 0, rateLimit: "50/1s" });
    const c = new ConsoleClient({
      baseUrl: limited.apiUrl,
      apiKey: () => limited.apiKey,
      pacer: paced ? new Pacer(parseBudget("50/1s"), undefined, 50) : undefined,
      maxRetries: 10,
    });
    const t = performance.now();
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        for (let i = 0; i < 25; i++) await c.get("/gates");
      }),
    );
    const elapsed = performance.now() - t;
    add(
      `200 requests at a 50/1s limit, ${paced ? "paced" : "unpaced"}`,
      `${(elapsed / 1000).toFixed(2)} s`,
      `${c.stats.requests} sent, ${c.stats.throttled} answered 429, ${c.stats.retries} retries`,
    );
    await limited.close();
  }
}

/** 5. What the published budget costs a large stack (simulated clock: no waiting). */
async function publishedBudgetCost(): Promise<void> {
  for (const n of [100, 500, 1000]) {
    let now = 0;
    const pacer = new Pacer(PUBLISHED_BUDGET, { now: () => now, sleep: async (d) => void (now += d) });
    for (let i = 0; i < n; i++) await pacer.acquire();
    add(
      `${n} requests under 100/10s + 900/15min`,
      `${(now / 1000).toFixed(0)} s`,
      "earliest finish at the published budget (simulated)",
    );
  }
}

/** The table, its columns padded so it also reads as plain text. */
function printTable(): void {
  const w1 = Math.max(...rows.map((r) => r.what.length));
  const w2 = Math.max(...rows.map((r) => r.value.length));
  console.log(`\n| ${"measure".padEnd(w1)} | ${"value".padEnd(w2)} | note |`);
  console.log(`|${"-".repeat(w1 + 2)}|${"-".repeat(w2 + 2)}|------|`);
  for (const r of rows) console.log(`| ${r.what.padEnd(w1)} | ${r.value.padEnd(w2)} | ${r.note ?? ""} |`);
}

async function main(): Promise<void> {
  process.stderr.write("pulumi-statsig benchmark\n");
  await serializedProviders();
  const emu = await startEmulator({ port: 0 });
  await clientThroughput(emu);
  await providerOperations(emu);
  await emu.close();
  await pacedBurst();
  await publishedBudgetCost();
  printTable();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
