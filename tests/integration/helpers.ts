/**
 * Integration helpers: an emulator on 127.0.0.1 port 0, and the provider runtime configured to
 * talk to it over real HTTP, exactly as `configure` does under Pulumi.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { startEmulator, RunningEmulator, EmulatorOptions } from "../../emulator/server";
import { configure, resetConfiguration } from "../../provider/settings";

/**
 * Points the provider runtime at `target` exactly as `configure` does under Pulumi: no pacing, 2
 * retries, then `overrides` (any `statsig:*` config key). Calling it again reconfigures.
 */
export async function configureProvider(
  target: { apiUrl: string; apiKey: string },
  overrides: Record<string, string> = {},
): Promise<void> {
  const values: Record<string, string> = {
    "statsig:apiUrl": target.apiUrl,
    "statsig:consoleApiKey": target.apiKey,
    "statsig:rateLimit": "off",
    "statsig:maxRetries": "2",
    ...overrides,
  };
  await configure({ config: { get: (k: string) => values[k], require: (k: string) => values[k] } });
}

/** The shape `STATSIG_TEST_SHAPE` asks provider tests to run against (undefined: the seed's). */
export function testShape(): EmulatorOptions["shape"] {
  return (process.env.STATSIG_TEST_SHAPE || undefined) as EmulatorOptions["shape"];
}

/**
 * Starts an emulator and points the provider runtime at it (no pacing, fast retries). Its shape is
 * `opts.shape`, else `STATSIG_TEST_SHAPE` (`seed` or `published`), else the seed's: run any
 * integration file against the published API's contract with `STATSIG_TEST_SHAPE=published npx jest
 * tests/integration/<file>` (assertions on the seed's status codes, such as 201 for tag and holdout
 * creates, then differ as the shapes do).
 */
export async function emulatorWithProvider(opts: EmulatorOptions = {}): Promise<RunningEmulator> {
  const emu = await startEmulator({ port: 0, shape: testShape(), ...opts });
  resetConfiguration();
  await configureProvider(emu);
  return emu;
}

/**
 * Runs `fn` with `XDG_CACHE_HOME` set to a fresh temporary directory (where the records of creates
 * in flight live, `provider/resources/inflight.ts`), then removes it and restores the variable.
 */
export async function withTempCache<T>(fn: () => Promise<T>): Promise<T> {
  const saved = process.env.XDG_CACHE_HOME;
  const cache = fs.mkdtempSync(path.join(os.tmpdir(), "statsig-inflight-"));
  process.env.XDG_CACHE_HOME = cache;
  try {
    return await fn();
  } finally {
    fs.rmSync(cache, { recursive: true, force: true });
    if (saved === undefined) delete process.env.XDG_CACHE_HOME;
    else process.env.XDG_CACHE_HOME = saved;
  }
}

/** The API requests the emulator served since the last reset, as `METHOD /path status`. */
export function served(emu: RunningEmulator): string[] {
  return emu.requests().map((r) => `${r.method} ${r.path.split("?")[0]} ${r.status}`);
}

/** The writes (anything but GET) the emulator served since request number `from`, as `METHOD /path status`. */
export function writesServed(emu: RunningEmulator, from = 0): string[] {
  return served(emu)
    .slice(from)
    .filter((r) => !r.startsWith("GET "));
}
