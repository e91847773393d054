/**
 * Measures 429s drawn by our own traffic (issue 10, item 3): starts an emulator that enforces a
 * budget, then runs provider processes that each send `--requests` GETs through the provider's
 * own client (`getClient`, so its pacer and settings), `--procs` of them in parallel or back to
 * back, and prints how many requests each sent and how many were answered 429.
 *
 *   node dist/scripts/pacer-load.js --budget published --procs 2 --mode parallel --requests 150
 *     [--concurrency 16] [--latency <ms>[x<first n requests>]] [--client-budget <budget>] [--isolated]
 *
 * `--child` runs one load process against `STATSIG_API_URL` (used by the driver and by tests).
 */
import { spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { startEmulator } from "../emulator/server";
import { getClient } from "../provider/settings";

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
}

/** One load process: `requests` GETs, `concurrency` at a time; prints a JSON line of counters. */
async function child(): Promise<void> {
  const requests = Number(arg("requests", "150"));
  const concurrency = Number(arg("concurrency", "16"));
  const client = getClient();
  const started = Date.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < requests) {
        next++;
        await client.get("/gates", { query: { limit: 1 } });
      }
    }),
  );
  const { requests: sent, throttled } = client.stats;
  process.stdout.write(JSON.stringify({ sent, throttled, ms: Date.now() - started }) + "\n");
}

function runChild(env: NodeJS.ProcessEnv, requests: string, concurrency: string): Promise<Record<string, number>> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [__filename, "--child", "--requests", requests, "--concurrency", concurrency], {
      env,
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    p.stdout.on("data", (d) => (out += d));
    p.on("exit", (code) => (code === 0 ? resolve(JSON.parse(out.trim())) : reject(new Error(`child exited ${code}`))));
  });
}

/** The driver: an emulator with `--budget`, then `--procs` children in `--mode` parallel or serial. */
async function driver(): Promise<void> {
  const budget = arg("budget", "published");
  const procs = Number(arg("procs", "2"));
  const mode = arg("mode", "parallel");
  const requests = arg("requests", "150");
  const concurrency = arg("concurrency", "16");
  const latency = arg("latency", "0");
  // A slow server makes requests queue on the client's sockets after they were paced: the case
  // where stamping a request when it is sent (not when it is answered) undercounts the window.
  // `--latency 300` slows every request; `--latency 300x100` only the first 100 (a slow window then a fast one).
  const [ms, count] = latency.split("x").map(Number);
  const slow = `latency:${ms}` as const;
  const faults =
    latency === "0" ? [] : count ? [{ sequence: Array(count).fill(slow) }] : [{ fault: slow, probability: 1 }];
  const emu = await startEmulator({ port: 0, rateLimit: budget, faults });
  const env = {
    ...process.env,
    STATSIG_API_URL: emu.apiUrl,
    STATSIG_CONSOLE_API_KEY: emu.apiKey,
    STATSIG_RATE_LIMIT: arg("client-budget", budget),
  };
  const started = Date.now();
  try {
    const results: Record<string, number>[] = [];
    // `--isolated`: each process gets its own cache directory, so nothing is shared (the old behaviour).
    const isolated = process.argv.includes("--isolated");
    const envOf = (i: number) =>
      isolated ? { ...env, PULUMI_STATSIG_CACHE: path.join(os.tmpdir(), `pacer-load-${process.pid}-${i}`) } : env;
    if (mode === "serial") {
      for (let i = 0; i < procs; i++) results.push(await runChild(envOf(i), requests, concurrency));
    } else {
      results.push(
        ...(await Promise.all(Array.from({ length: procs }, (_, i) => runChild(envOf(i), requests, concurrency)))),
      );
    }
    const served = emu.requests();
    const throttled = served.filter((r) => r.status === 429).length;
    const first429 = served.findIndex((r) => r.status === 429);
    console.log(
      JSON.stringify({
        budget,
        procs,
        mode,
        perProcess: results,
        served: served.length,
        answered429: throttled,
        first429AtRequest: first429 < 0 ? null : first429 + 1,
        seconds: (Date.now() - started) / 1000,
      }),
    );
  } finally {
    await emu.close();
    for (let i = 0; i < procs; i++)
      fs.rmSync(path.join(os.tmpdir(), `pacer-load-${process.pid}-${i}`), { recursive: true, force: true });
  }
}

(process.argv.includes("--child") ? child() : driver()).catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
