/**
 * Creates entities through the emulator's HTTP API as someone working in the console would (not
 * through the provider), for tests that take existing entities over.
 */
import { RunningEmulator } from "../../emulator/server";

/** POSTs `body` to `p` with the emulator's key; fails on any non-2xx answer. */
export async function outOfBandCreate(emu: RunningEmulator, p: string, body: unknown): Promise<void> {
  const res = await fetch(emu.apiUrl + p, {
    method: "POST",
    headers: { "STATSIG-API-KEY": emu.apiKey, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  if (res.status >= 300) throw new Error(`POST ${p}: HTTP ${res.status} ${await res.text()}`);
}
