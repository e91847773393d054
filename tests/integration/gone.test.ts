/**
 * A 404 means "gone" only when Statsig says the entity is gone (issue 9, item 1): read and delete
 * against the emulator over real HTTP, with the right base URL and with a mistyped one.
 */
import { RunningEmulator } from "../../emulator/server";
import { gateProvider } from "../../provider/resources/gate";
import { StatsigApiError } from "../../provider/client";
import { configureProvider, emulatorWithProvider, served } from "./helpers";
import { rejection } from "../rejection";

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await emulatorWithProvider();
});
afterAll(() => emu.close());

/** Points the provider at `apiUrl` (as `configure` does under Pulumi). */
const useApiUrl = (apiUrl: string) => configureProvider({ apiUrl, apiKey: emu.apiKey }, { "statsig:maxRetries": "0" });

describe("gone only when Statsig says so", () => {
  it("with the base URL missing /console, read and delete fail naming the URL; nothing is dropped", async () => {
    await useApiUrl(emu.apiUrl);
    const { id, outs } = await gateProvider.create({ name: "kept gate" });
    const wrong = emu.url + "/v1"; // the mistake from the issue: STATSIG_API_URL without /console
    await useApiUrl(wrong);

    const readErr = await rejection<StatsigApiError>(gateProvider.read(id, outs));
    expect(readErr).toBeInstanceOf(StatsigApiError);
    expect(readErr.message).toContain(`HTTP 404 from GET ${wrong}/gates/kept_gate`);
    expect(readErr.message).toMatch(/STATSIG_API_URL/);

    const deleteErr = await rejection<StatsigApiError>(gateProvider.delete(id, outs));
    expect(deleteErr.message).toContain(`HTTP 404 from DELETE ${wrong}/gates/kept_gate`);

    // The gate is still there, and the right URL still reads it.
    await useApiUrl(emu.apiUrl);
    expect((await gateProvider.read(id, outs)).id).toBe(id);
  });

  it("an entity deleted out of band is dropped by read and counts as deleted, after one collection check", async () => {
    await useApiUrl(emu.apiUrl);
    const a = await gateProvider.create({ name: "doomed one" });
    const b = await gateProvider.create({ name: "doomed two" });
    await gateProvider.delete(a.id, a.outs);
    await gateProvider.delete(b.id, b.outs);
    emu.reset();
    expect(await gateProvider.read(a.id, a.outs)).toEqual({});
    expect(await gateProvider.read(b.id, b.outs)).toEqual({});
    await expect(gateProvider.delete(a.id, a.outs)).resolves.toBeUndefined();
    // The collection check ran at most once for the process (it may already be cached).
    expect(served(emu).filter((r) => r.startsWith("GET /gates 200")).length).toBeLessThanOrEqual(1);
    // (The delete asks who refers to the gate first, issue 17: those 404s are its only other requests.)
    const reads = served(emu).filter((r) => r.startsWith("GET /gates/doomed") && !/_references /.test(r));
    expect(reads).toEqual(["GET /gates/doomed_one 404", "GET /gates/doomed_two 404"]);
  });
});
