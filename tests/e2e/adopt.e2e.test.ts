/**
 * Taking over existing entities with the real CLI, from the `npm pack` install: entities created
 * through the emulator's HTTP API are declared with `adopt: true`; `up` writes nothing for the one
 * that agrees and one PATCH for the one that differs; flipping `adopt` is no change; without
 * `adopt` an existing entity fails naming it; the `import` option fails with our message; destroy
 * deletes adopted entities but keeps a `retainOnDelete` one. The program's outputs use the lookups.
 */
import { useEmulator, useStack, outOfBand, writesSince } from "./harness";

// Each step is a real CLI run (a few seconds); leave room for a loaded CI machine.
jest.setTimeout(180_000);

const program = (adopt: string, extra = "") => `
import * as statsig from "pulumi-statsig";
new statsig.Tag("ops", { name: "ops team", description: "Operations", ${adopt} }, { retainOnDelete: true });
new statsig.Gate("same", { name: "same gate", description: "as it is", ${adopt} });
new statsig.Gate("differs", { name: "differing gate", description: "declared", tags: ["ops team"], ${adopt} });
${extra}
export const gate = statsig.getGateOutput({ id: "same_gate" });
export const tag = statsig.getTag({ id: "ops_team" });
export const metricIds = statsig.listMetrics().then((ms) => ms.map((m) => m.id));
export const keys = statsig.listKeys();
export const targetApps = statsig.listTargetAppsOutput().apply((as) => as.length);
export const users = statsig.listUsers().then((us) => us.length);
export const audited = statsig.listAuditLogs().then((es) => es.length > 0);
export const layer = statsig.getLayer({ id: "mobile" }).then((l) => l.name);
`;

describe("adopt with the real CLI", () => {
  const emu = useEmulator({
    seed: async (e) => {
      await outOfBand(e, "POST", "/tags", { name: "ops team", description: "Operations" });
      await outOfBand(e, "POST", "/gates", { name: "same gate", description: "as it is" });
      await outOfBand(e, "POST", "/gates", { name: "differing gate", description: "old" });
      await outOfBand(e, "POST", "/gates", { name: "taken gate" });
      await outOfBand(e, "POST", "/layers", { name: "mobile" });
    },
  });
  const t = useStack("adopt", program("adopt: true"), emu);

  it("up writes nothing for an equal entity and only the differing fields of the other", async () => {
    const before = emu.requests().length;
    const up = await t.stack.up();
    expect(up.summary.resourceChanges).toMatchObject({ create: 4 });
    expect(writesSince(emu, before)).toEqual(["PATCH /gates/differing_gate"]);
    expect(emu.store.get("gates", "differing_gate")).toMatchObject({ description: "declared", tags: ["ops team"] });
    // The lookups, in the program's outputs; the key appears in none of them.
    const o = up.outputs;
    expect(o.gate.value).toMatchObject({ id: "same_gate", name: "same gate", description: "as it is" });
    expect(o.tag.value).toMatchObject({ name: "ops team" });
    expect(o.metricIds.value).toEqual(["purchase", "add_to_cart", "checkout_completed", "dau"]);
    expect(o.keys.value).toHaveLength(3);
    expect(o.targetApps.value).toBe(3);
    expect(o.users.value).toBe(3);
    expect(o.audited.value).toBe(true);
    expect(o.layer.value).toBe("mobile");
    expect(JSON.stringify(o)).not.toContain(emu.apiKey);
  });

  it("changing or removing adopt is no change", async () => {
    await t.stack.preview({ expectNoChanges: true });
    t.writeProgram(program("adopt: false"));
    await t.stack.preview({ expectNoChanges: true });
    t.writeProgram(program(""));
    const before = emu.requests().length;
    const up = await t.stack.up();
    expect(up.summary.resourceChanges).not.toHaveProperty("update");
    expect(writesSince(emu, before)).toEqual([]);
  });

  it("without adopt, an existing entity fails the up naming it and saying how to adopt it", async () => {
    t.writeProgram(program("", `new statsig.Gate("taken", { name: "taken gate" });`));
    await expect(t.stack.up()).rejects.toThrow(
      /gate "taken gate" already exists in Statsig \(id taken_gate\)\. .*set `adopt: true`/,
    );
  });

  it("the import option fails with our message, not a TypeError", async () => {
    t.writeProgram(program("", `new statsig.Gate("taken", { name: "taken gate" }, { import: "taken_gate" });`));
    const err = await t.stack.preview().catch((e: Error) => e);
    expect(String(err)).toMatch(/the `import` resource option \(import id "taken_gate"\) cannot work/);
    expect(String(err)).not.toMatch(/TypeError/);
  });

  it("destroy deletes adopted entities and keeps a retainOnDelete one", async () => {
    t.writeProgram(program(""));
    await t.stack.destroy();
    expect(emu.store.get("gates", "same_gate")).toBeUndefined();
    expect(emu.store.get("gates", "differing_gate")).toBeUndefined();
    expect(emu.store.get("tags", "ops_team")).toBeDefined();
    expect(emu.store.get("gates", "taken_gate")).toBeDefined();
  });
});
