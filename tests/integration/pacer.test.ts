/**
 * Zero 429s from our own traffic (issue 10, item 3): provider processes that use the same key and
 * URL share one budget through the pacer file, against an emulator that enforces the same budget.
 * A small budget (20 per 2 s) keeps this to seconds. The control run gives each process its own
 * cache directory, i.e. a budget of its own as before, and must draw 429s: the test can fail.
 */
import { execFile } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { promisify } from "util";

const run = promisify(execFile);
const script = path.join(__dirname, "../../dist/scripts/pacer-load.js");

interface Result {
  served: number;
  answered429: number;
  perProcess: { sent: number; throttled: number }[];
}

async function load(args: string[], cache: string): Promise<Result> {
  const { stdout } = await run(process.execPath, [script, "--budget", "20/2s", ...args], {
    env: { ...process.env, PULUMI_STATSIG_CACHE: cache },
    timeout: 60_000,
  });
  return JSON.parse(stdout.trim().split("\n").pop()!) as Result;
}

let cache: string;
beforeEach(() => {
  cache = fs.mkdtempSync(path.join(os.tmpdir(), "pacer-it-"));
});
afterEach(() => fs.rmSync(cache, { recursive: true, force: true }));

describe("one rate budget shared by provider processes", () => {
  it("3 processes in parallel draw 0 × 429 under a 20/2s budget", async () => {
    const r = await load(["--procs", "3", "--mode", "parallel", "--requests", "14", "--concurrency", "8"], cache);
    expect(r.answered429).toBe(0);
    expect(r.served).toBe(42);
    // The shared record is one file named by a hash, and nothing else is left behind.
    expect(fs.readdirSync(path.join(cache, "pacer")).filter((f) => !/^[0-9a-f]{32}\.json$/.test(f))).toEqual([]);
  }, 60_000);

  it("2 processes back to back draw 0 × 429", async () => {
    const r = await load(["--procs", "2", "--mode", "serial", "--requests", "25", "--concurrency", "8"], cache);
    expect(r.answered429).toBe(0);
  }, 60_000);

  it("control: processes that do not share the record are throttled", async () => {
    const r = await load(
      ["--procs", "3", "--mode", "parallel", "--requests", "14", "--concurrency", "8", "--isolated"],
      cache,
    );
    expect(r.answered429).toBeGreaterThan(0);
  }, 60_000);
});
