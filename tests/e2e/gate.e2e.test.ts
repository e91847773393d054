/**
 * The Gate lifecycle with the real Pulumi CLI against the emulator, in both response shapes:
 * up → empty preview → in-place update → drift through the API + refresh → out-of-band delete +
 * refresh + up → rename (replacement) → destroy. Plus: invalid inputs fail at preview naming the
 * property, before any API call; the key never reaches the state.
 */
import { Shape } from "../../emulator/types";
import * as fs from "fs";
import { rejection } from "../rejection";
import { backendFiles, useEmulator, useStack, outOfBand, providerBytes, stateResources, writesSince } from "./harness";

// Each step is a real CLI run (a few seconds); leave room for a loaded CI machine.
jest.setTimeout(180_000);

const program = `
import * as pulumi from "@pulumi/pulumi";
import * as statsig from "pulumi-statsig";

const cfg = new pulumi.Config();
const gate = new statsig.Gate("gate", cfg.requireObject<statsig.GateArgs>("gate"));
export const gateId = gate.id;
export const status = gate.status;
export const description = gate.description;
`;

const v1 = {
  name: "checkout v2",
  description: "new checkout",
  isEnabled: true,
  rules: [
    {
      name: "staff",
      passPercentage: 100,
      conditions: [{ type: "email", operator: "str_ends_with_any", targetValue: ["@example.com"] }],
    },
  ],
  tags: ["checkout"],
  overrides: { userOverrides: [{ userID: "qa-1", value: true }] },
};

describe.each(["seed", "published"] as Shape[])("Gate lifecycle with the real CLI (%s shape)", (shape) => {
  const emu = useEmulator({ shape });
  const t = useStack(`gate-${shape}`, program, emu);

  const setGate = (args: unknown) => t.stack.setConfig("gate", { value: JSON.stringify(args) });
  const gateInEmulator = (id: string) => emu.store.get("gates", id);

  it("up creates the gate", async () => {
    await setGate(v1);
    const up = await t.stack.up();
    expect(up.summary.resourceChanges).toMatchObject({ create: 2 });
    expect(up.outputs.gateId.value).toBe("checkout_v2");
    expect(up.outputs.status.value).toBe("active");
    expect(gateInEmulator("checkout_v2")).toMatchObject({ name: "checkout v2", description: "new checkout" });
  });

  it("the next preview shows no changes, and neither does a refresh", async () => {
    const before = emu.requests().length;
    const preview = await t.stack.preview({ expectNoChanges: true });
    expect(preview.changeSummary).toMatchObject({ same: 2 });
    // preview's diff is local: it made no API calls.
    expect(emu.requests().length).toBe(before);
    await t.stack.refresh({ expectNoChanges: true });
  });

  it("keeps the state small and free of the API key", async () => {
    // The files the backend wrote (not `exportStack`, which decrypts secrets for display).
    const files = backendFiles(t.dir);
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) expect(fs.readFileSync(f, "utf8")).not.toContain(emu.apiKey);
    const [gate] = await stateResources(t.stack, "Gate");
    const bytes = providerBytes(gate);
    // The shim carries no logic: two small functions, whatever the size of the provider code.
    expect(bytes).toBeLessThan(1024);
    expect((gate.inputs as { __provider: string }).__provider).toContain('require("pulumi-statsig/r")');
    // The stack trace Pulumi records starts at the resource's class (the SDK skips a fixed number
    // of constructor frames); the next frame is the program's line, with no frame of a shared base
    // class in between (one more frame in every resource's state).
    const frames = (gate.stackTrace as { sourcePosition?: string }[]).slice(0, 2).map((f) => f.sourcePosition);
    expect(frames).toEqual([
      expect.stringMatching(/\/pulumi-statsig\/dist\/provider\/resources\/gate\.js#\d+,\d+$/),
      expect.stringMatching(/^project:\/\/\/([\w-]+\/)*index\.ts#\d+,\d+$/),
    ]);
  });

  it("an edit updates in place with only the endpoint that changed", async () => {
    const before = emu.requests().length;
    await setGate({ ...v1, description: "edited" });
    const up = await t.stack.up();
    expect(up.summary.resourceChanges).toMatchObject({ update: 1, same: 1 });
    expect(gateInEmulator("checkout_v2")!.description).toBe("edited");
    expect(writesSince(emu, before)).toEqual(["PATCH /gates/checkout_v2"]);
  });

  it("refresh records drift made through the API, and the next preview wants to undo it", async () => {
    await outOfBand(emu, "PATCH", "/gates/checkout_v2", { description: "changed in the console" });
    await t.stack.refresh();
    const [gate] = await stateResources(t.stack, "Gate");
    expect((gate.outputs as { description: string }).description).toBe("changed in the console");
    const preview = await t.stack.preview();
    expect(preview.changeSummary).toMatchObject({ update: 1 });
    await t.stack.up();
    expect(gateInEmulator("checkout_v2")!.description).toBe("edited");
  });

  it("an out-of-band delete is dropped by refresh and recreated by up", async () => {
    await outOfBand(emu, "DELETE", "/gates/checkout_v2");
    await t.stack.refresh();
    expect(await stateResources(t.stack, "Gate")).toHaveLength(0);
    const up = await t.stack.up();
    expect(up.summary.resourceChanges).toMatchObject({ create: 1 });
    expect(gateInEmulator("checkout_v2")).toBeDefined();
  });

  it("a rename replaces the gate", async () => {
    await setGate({ ...v1, name: "checkout v3", description: "edited" });
    const up = await t.stack.up();
    expect(up.summary.resourceChanges).toMatchObject({ replace: 1 });
    expect(gateInEmulator("checkout_v2")).toBeUndefined();
    expect(gateInEmulator("checkout_v3")).toBeDefined();
  });

  it("a case-only rename (same id) deletes before creating", async () => {
    await setGate({ ...v1, name: "Checkout V3", description: "edited" });
    const up = await t.stack.up();
    expect(up.summary.resourceChanges).toMatchObject({ replace: 1 });
    expect(gateInEmulator("checkout_v3")).toMatchObject({ name: "Checkout V3" });
  });

  it("destroy removes everything", async () => {
    await t.stack.destroy();
    expect(emu.store.list("gates")).toEqual([]);
  });

  it("invalid inputs fail at preview naming the property and the rule, before any API call", async () => {
    emu.reset();
    await setGate({ name: "ok name", rules: [{ name: "r", passPercentage: 150 }] });
    const err = await rejection(t.stack.preview());
    // The engine prints: property rules[0].passPercentage value {<nil>} has a problem: 150 is over 100
    expect(String(err)).toMatch(/property rules\[0\]\.passPercentage value .* has a problem: 150 is over 100/);
    expect(emu.requests()).toEqual([]);
  });

  it("without a key, preview works, up fails naming both ways to set one; the environment variable works", async () => {
    await t.stack.removeConfig("statsig:consoleApiKey");
    await setGate(v1);
    // A preview needs no key: check and diff make no API call.
    await expect(t.stack.preview()).resolves.toMatchObject({ changeSummary: { create: 2 } });
    const err = await rejection(t.stack.up());
    expect(String(err)).toContain("pulumi config set --secret statsig:consoleApiKey");
    expect(String(err)).toContain("STATSIG_CONSOLE_API_KEY");
    expect(emu.store.list("gates")).toEqual([]);

    // The CLI, hence the provider process, inherits the workspace's environment.
    t.stack.workspace.envVars.STATSIG_CONSOLE_API_KEY = emu.apiKey;
    await t.stack.up({ refresh: true });
    expect(gateInEmulator("checkout_v2")).toBeDefined();
    for (const f of backendFiles(t.dir)) expect(fs.readFileSync(f, "utf8")).not.toContain(emu.apiKey);
    await t.stack.destroy();
  });
});
