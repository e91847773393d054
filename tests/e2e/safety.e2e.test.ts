/**
 * Issue 17, items 1 and 2, through the real CLI: a gate rename previews with a warning naming the
 * old id and what checks of it return afterwards; deleting a gate that an unmanaged gate's
 * `passes_gate` condition refers to fails before any DELETE, naming that gate, and succeeds once
 * `deleteWhenReferenced: true` is recorded (or set by the run that renames it).
 */
import { RunningEmulator, startEmulator } from "../../emulator/server";
import { rejection } from "../rejection";
import { TestStack, newStack, outOfBand, writesSince } from "./harness";

jest.setTimeout(300_000);

const program = `
import * as pulumi from "@pulumi/pulumi";
import * as statsig from "pulumi-statsig";

const cfg = new pulumi.Config();
if (cfg.getBoolean("keep") !== false) new statsig.Gate("pro", cfg.requireObject<statsig.GateArgs>("pro"));
new statsig.Gate("biz", cfg.requireObject<statsig.GateArgs>("biz"));
`;

const referTo = (name: string, target: string) => ({
  name,
  rules: [{ name: "r", conditions: [{ type: "passes_gate", operator: "any", targetValue: [target] }] }],
});

describe("safe for the apps that read the flags (real CLI)", () => {
  let emu: RunningEmulator;
  let t: TestStack;
  const set = (key: string, value: unknown) => t.stack.setConfig(key, { value: JSON.stringify(value) });

  beforeAll(async () => {
    emu = await startEmulator({ port: 0 });
    t = await newStack("safety", program, emu);
    await set("pro", { name: "plan_pro" });
    await set("biz", { name: "plan_biz" });
    await t.stack.up();
    // Unmanaged gates (made in the console) that check the managed ones.
    await outOfBand(emu, "POST", "/gates", referTo("pro checkout", "plan_pro"));
    await outOfBand(emu, "POST", "/gates", referTo("biz checkout", "plan_biz"));
  }, 20 * 60_000);
  afterAll(async () => {
    await t?.cleanup();
    await emu?.close();
  });

  it("a rename previews with a warning naming the old id and what its checks return", async () => {
    await set("pro", { name: "plan_pro_v2" });
    const preview = await t.stack.preview();
    const out = preview.stdout + preview.stderr;
    expect(out).toContain(
      'warning: gate "plan_pro" is renamed to "plan_pro_v2": a rename replaces it, so id "plan_pro" is deleted',
    );
    expect(out).toContain('every check of gate "plan_pro" in running code returns false from then on');
    await set("pro", { name: "plan_pro" });
  });

  it("deleting a referenced gate fails before any DELETE, naming who refers to it", async () => {
    await t.stack.setConfig("keep", { value: "false" });
    const from = emu.requests().length;
    const err = String(await rejection(t.stack.up()));
    expect(err).toContain('gate "plan_pro" is not deleted: gate "pro_checkout" still refer');
    expect(err).toContain("deleteWhenReferenced: true");
    expect(writesSince(emu, from)).toEqual([]);
    expect(emu.store.get("gates", "plan_pro")).toBeDefined();
  });

  it("deletes it once deleteWhenReferenced: true is recorded", async () => {
    await t.stack.setConfig("keep", { value: "true" });
    await set("pro", { name: "plan_pro", deleteWhenReferenced: true });
    const from = emu.requests().length;
    await t.stack.up();
    expect(writesSince(emu, from)).toEqual([]); // recording the instruction writes nothing to Statsig
    await t.stack.setConfig("keep", { value: "false" });
    const up = await t.stack.up();
    expect(up.stdout + up.stderr).toContain('id "plan_pro" disappears: every check of gate "plan_pro"');
    expect(emu.store.get("gates", "plan_pro")).toBeUndefined();
  });

  it("a rename that sets deleteWhenReferenced in the same run deletes the old gate", async () => {
    await set("biz", { name: "plan_biz_v2", deleteWhenReferenced: true });
    await t.stack.up();
    expect(emu.store.get("gates", "plan_biz")).toBeUndefined();
    expect(emu.store.get("gates", "plan_biz_v2")).toBeDefined();
  });
});
