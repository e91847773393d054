/**
 * No create is ever lost (issue 9, items 2 and 3), against the emulator's fault injection over
 * real HTTP: once an entity exists, whatever fails after is thrown in Pulumi's init-failure shape
 * carrying `__provider`; follow-up calls are safe to repeat; and an entity left by an interrupted
 * create of this machine is recognised by the next create instead of failing "already exists".
 */
import * as fs from "fs";
import { FaultRule } from "../../emulator/faults";
import { providers } from "../../provider/runtime";
import { clearCreate, createInFlightSince, inflightDir, recordCreateStarted } from "../../provider/resources/inflight";
import { rejection } from "../rejection";
import { useEmulator } from "../fixtures/emulator";
import { configureProvider } from "./helpers";
import { groups } from "../fixtures/scenarios";

const SHIM = "exports.handler = 'the serialized shim'";

// The records of creates in flight live in this file's temporary cache (tests/setup/cache.ts).
const emu = useEmulator({ provider: true, resetEach: true });
beforeEach(() => {
  emu.faults.set([]);
  fs.rmSync(inflightDir(), { recursive: true, force: true });
});

interface InitFailure {
  id: string;
  properties: Record<string, unknown>;
  message: string;
  reasons: string[];
}

/** The init failure of a gate create with overrides (a follow-up PUT) made under `faults`. */
function gateCreateFailing(name: string, faults: FaultRule[]): Promise<InitFailure> {
  emu.faults.set(faults);
  return rejection<InitFailure>(
    providers.Gate.create({ name, overrides: { userOverrides: [{ userID: "u", value: true }] }, __provider: SHIM }),
  );
}

describe("once the entity exists, a failed create is recorded, not lost", () => {
  it("a read-back that fails after the create is an init failure with __provider", async () => {
    // A plain create is not read back (the POST's answer is the entity); a gate with overrides is:
    // the overrides PUT answers only the overrides, and it changed the gate's lastModifiedTime.
    const err = await gateCreateFailing("read back gate", [
      { method: "GET", path: "/gates/*", sequence: ["500", "500", "500"] },
    ]);
    expect(err.id).toBe("read_back_gate");
    expect(err.properties).toMatchObject({ name: "read back gate", __provider: SHIM });
    expect(err.message).toMatch(/^failed to read gate "read back gate": HTTP 500 from GET \/gates\/read_back_gate/);
    expect(emu.store.get("gates", "read_back_gate")).toBeDefined();
  });

  it("a partial create (a follow-up call failed) records __provider too", async () => {
    const err = await gateCreateFailing("half gate", [
      { method: "PUT", path: "/gates/*/overrides", sequence: ["500", "500", "500"] },
    ]);
    expect(err).toMatchObject({ id: "half_gate", properties: { name: "half gate", __provider: SHIM } });
    expect(err.message).toMatch(/^failed to create gate "half gate": HTTP 500 from PUT \/gates\/half_gate\/overrides/);
  });

  it("an experiment's start is safe to repeat: a retry that hears 'is active' after a lost answer is done", async () => {
    emu.faults.set([{ method: "PUT", path: "/experiments/*/start", sequence: ["fail_after_commit"] }]);
    const r = await providers.Experiment.create({ name: "started once", groups, status: "active", __provider: SHIM });
    expect(r).toMatchObject({ id: "started_once", outs: { status: "active" } });
  });

  it("a create whose every attempt times out, but which the server applied, is recorded", async () => {
    emu.faults.set([{ method: "POST", path: "/tags", fault: "latency:400" }]);
    await configureProvider(emu, { "statsig:maxRetries": "1", "statsig:timeoutMs": "150" });
    try {
      // The first attempt times out at 150 ms and is applied at 400 ms; the second (after at least
      // 250 ms of backoff) times out later still; the create then finds the entity and records it.
      const r = await providers.Tag.create({ name: "slow tag", __provider: SHIM });
      expect(r).toMatchObject({ id: "slow_tag", outs: { name: "slow tag" } });
      expect(emu.store.list("tags")).toHaveLength(1);
    } finally {
      await configureProvider(emu, { "statsig:timeoutMs": "30000" });
    }
  });
});

describe("an entity left by an interrupted create is recognised by the next one", () => {
  it("with a record of the create in flight: converged and recorded, then the record is forgotten", async () => {
    // What a killed `up` leaves: the record, and the entity, created before the engine heard of it.
    recordCreateStarted(emu.apiUrl, "Experiment", "left_over", "left over");
    await providers.Experiment.create({ name: "left over", groups });
    expect(createInFlightSince(emu.apiUrl, "Experiment", "left_over")).toBeDefined();

    const r = await providers.Experiment.create({ name: "left over", groups, status: "active", __provider: SHIM });
    expect(r).toMatchObject({ id: "left_over", outs: { status: "active" } });
    expect(emu.store.list("experiments")).toHaveLength(1);
    // The next preview's diff shows the engine holds it: the record goes.
    await providers.Experiment.diff("left_over", r.outs, { name: "left over", groups, status: "active" });
    expect(createInFlightSince(emu.apiUrl, "Experiment", "left_over")).toBeUndefined();
  });

  it("when the entity cannot be read to tell, the create fails and the record stays for the next up", async () => {
    await providers.Tag.create({ name: "unreadable tag" });
    recordCreateStarted(emu.apiUrl, "Tag", "unreadable_tag", "unreadable tag");
    emu.faults.set([{ method: "GET", path: "/tags/*", fault: "500" }]);
    await rejection(providers.Tag.create({ name: "unreadable tag", __provider: SHIM }));
    emu.faults.set([]);
    expect(createInFlightSince(emu.apiUrl, "Tag", "unreadable_tag")).toBeDefined();
    // And the next create, able to read, recognises it.
    const r = await providers.Tag.create({ name: "unreadable tag", __provider: SHIM });
    expect(r).toMatchObject({ id: "unreadable_tag" });
  });

  it("without a record, an existing entity still fails (it may be someone else's)", async () => {
    await providers.Gate.create({ name: "not ours" });
    clearCreate(emu.apiUrl, "Gate", "not_ours");
    const err = await rejection(providers.Gate.create({ name: "not ours" }));
    expect(String(err)).toMatch(/gate "not ours" already exists in Statsig \(id not_ours\)/);
  });

  it("an entity older than the record is not ours", async () => {
    await providers.Gate.create({ name: "older gate" });
    clearCreate(emu.apiUrl, "Gate", "older_gate");
    emu.store.mutate("gates", "older_gate", (g) => {
      g.createdTime = Date.now() - 3600_000;
    });
    recordCreateStarted(emu.apiUrl, "Gate", "older_gate", "older gate");
    const err = await rejection(providers.Gate.create({ name: "older gate" }));
    expect(String(err)).toMatch(/already exists/);
  });
});
