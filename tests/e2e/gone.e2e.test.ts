/**
 * A mistyped base URL never drops resources (issue 9, item 1), through the real CLI: with
 * `STATSIG_API_URL` missing `/console` (the emulator answers "no such endpoint"), `pulumi refresh`
 * and `pulumi destroy` fail naming the URL and keep every resource in state; with the right URL,
 * an entity deleted out of band is still dropped by refresh.
 */
import { rejection } from "../rejection";
import { useEmulator, useStack, outOfBand, stateResources } from "./harness";

jest.setTimeout(180_000);

const program = `
import * as statsig from "pulumi-statsig";
new statsig.Gate("a", { name: "kept gate a" });
new statsig.Gate("b", { name: "kept gate b" });
`;

describe("a 404 is gone only when Statsig says so (real CLI)", () => {
  const useUrl = (url: string) => (t.stack.workspace.envVars.STATSIG_API_URL = url);

  const emu = useEmulator();
  const t = useStack("gone", program, emu, async (s) => {
    // The URL comes from the environment, which refresh and destroy read live (stack config would
    // come from the state instead).
    await s.stack.removeConfig("statsig:apiUrl");
    useUrl(emu.apiUrl);
    await s.stack.up();
  });

  it("refresh and destroy with the base URL missing /console fail naming the URL and drop nothing", async () => {
    const wrong = emu.url + "/v1";
    useUrl(wrong);
    const refresh = await rejection(t.stack.refresh());
    expect(refresh.message).toContain(`HTTP 404 from GET ${wrong}/gates/kept_gate_`);
    expect(await stateResources(t.stack, "Gate")).toHaveLength(2);
    const destroy = await rejection(t.stack.destroy());
    expect(destroy.message).toContain(`HTTP 404 from DELETE ${wrong}/gates/kept_gate_`);
    expect(await stateResources(t.stack, "Gate")).toHaveLength(2);
    expect(emu.store.get("gates", "kept_gate_a")).toBeDefined();
  });

  it("with the right URL, an out-of-band deletion is still dropped by refresh", async () => {
    useUrl(emu.apiUrl);
    await outOfBand(emu, "DELETE", "/gates/kept_gate_b");
    await t.stack.refresh();
    const names = (await stateResources(t.stack, "Gate")).map((r) => (r.outputs as { name: string }).name);
    expect(names).toEqual(["kept gate a"]);
    await t.stack.destroy();
    expect(emu.store.get("gates", "kept_gate_a")).toBeUndefined();
  });
});
