/**
 * Integration helpers: an emulator on 127.0.0.1 port 0, and the provider runtime configured to
 * talk to it over real HTTP, exactly as `configure` does under Pulumi.
 */
import { startEmulator, RunningEmulator, EmulatorOptions } from "../../emulator/server";
import { configure, resetConfiguration } from "../../provider/settings";

/** Starts an emulator and points the provider runtime at it (no pacing, fast retries). */
export async function emulatorWithProvider(opts: EmulatorOptions = {}): Promise<RunningEmulator> {
  const emu = await startEmulator({ port: 0, ...opts });
  resetConfiguration();
  const values: Record<string, string> = {
    "statsig:apiUrl": emu.apiUrl,
    "statsig:consoleApiKey": emu.apiKey,
    "statsig:rateLimit": "off",
    "statsig:maxRetries": "2",
  };
  await configure({ config: { get: (k: string) => values[k], require: (k: string) => values[k] } });
  return emu;
}

/** The API requests the emulator served since the last reset, as `METHOD /path status`. */
export function served(emu: RunningEmulator): string[] {
  return emu.requests().map((r) => `${r.method} ${r.path.split("?")[0]} ${r.status}`);
}
