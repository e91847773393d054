/**
 * Issue 17, items 1 and 2, against the emulator over real HTTP: the emulator serves the published
 * references endpoints from its store; deleting a gate that others refer to fails before any DELETE,
 * naming them, unless `deleteWhenReferenced` is true (recorded at the last `up`, or set by this
 * run's program for a replace); a replace or rename warns at diff, with no API call, naming the id
 * that disappears and what evaluation returns afterwards.
 */
import { RunningEmulator, startEmulator } from "../../emulator/server";
import { ConsoleClient, statsig } from "../../provider/client";
import { setLogSink } from "../../provider/client/log";
import { dynamicConfigProvider } from "../../provider/resources/dynamicConfig";
import { gateProvider } from "../../provider/resources/gate";
import { outOfBand } from "../outOfBand";
import { emulatorWithProvider, withTempCache } from "./helpers";

jest.setTimeout(60_000);

let emu: RunningEmulator;
beforeAll(async () => (emu = await emulatorWithProvider()));
afterAll(() => emu.close());

const P = { __provider: "p" };

/** Creates a gate through the provider as `up` would; returns its id and recorded outputs. */
async function upGate(inputs: Record<string, unknown>) {
  const { inputs: checked, failures } = await gateProvider.check({}, { ...inputs, ...P });
  expect(failures).toEqual([]);
  const r = await withTempCache(() => gateProvider.create(checked));
  return { id: r.id, outs: { ...r.outs, ...P } as Record<string, unknown> };
}

const referTo = (name: string, target: string) => ({
  name,
  rules: [{ name: "r", conditions: [{ type: "passes_gate", operator: "any", targetValue: [target] }] }],
});

/** Two experiment groups, `a` and `b`, half of the traffic each and no parameters. */
const abGroups = [
  { name: "a", size: 50, parameterValues: {} },
  { name: "b", size: 50, parameterValues: {} },
];

const writes = (from: number) =>
  emu
    .requests()
    .slice(from)
    .filter((r) => r.method !== "GET")
    .map((r) => `${r.method} ${r.path}`);

describe("references of a gate", () => {
  it("the emulator serves the three published references endpoints, paged", async () => {
    await upGate({ name: "ref target" });
    await outOfBand(emu, "POST", "/gates", {
      name: "ref user",
      rules: [{ name: "r", conditions: [{ type: "passes_gate", operator: "any", targetValue: ["ref_target"] }] }],
    });
    await outOfBand(emu, "POST", "/experiments", {
      name: "ref exp",
      targetingGateID: "ref_target",
      groups: abGroups,
    });
    await outOfBand(emu, "POST", "/dynamic_configs", { name: "ref config" });
    await outOfBand(emu, "PATCH", "/dynamic_configs/ref_config", {
      rules: [{ name: "r", conditions: [{ type: "fails_gate", operator: "any", targetValue: ["ref_target"] }] }],
    });
    const ids = async (sub: string) => {
      const body = (await outOfBand(emu, "GET", `/gates/ref_target/${sub}`)) as {
        message: string;
        data: { id: string }[];
        pagination: unknown;
      };
      expect(body.pagination).toBeDefined();
      return body.data.map((e) => e.id);
    };
    expect(await ids("gate_references")).toEqual(["ref_user"]);
    expect(await ids("experiment_references")).toEqual(["ref_exp"]);
    expect(await ids("dynamic_config_references")).toEqual(["ref_config"]);
    await expect(outOfBand(emu, "GET", "/gates/no_such_gate/gate_references")).rejects.toThrow(/404/);
  });

  it("deleting a referenced gate fails before any DELETE, naming who refers to it", async () => {
    const g = await upGate({ name: "plan pro" });
    await outOfBand(emu, "POST", "/gates", {
      name: "pro checkout",
      rules: [{ name: "r", conditions: [{ type: "passes_gate", operator: "any", targetValue: ["plan_pro"] }] }],
    });
    const from = emu.requests().length;
    const err = await gateProvider.delete(g.id, g.outs).then(
      () => undefined,
      (e: Error) => e,
    );
    expect(err?.message).toMatch(/gate "plan pro" is not deleted: gate "pro_checkout" still refer/);
    expect(err?.message).toContain("deleteWhenReferenced: true");
    expect(writes(from)).toEqual([]);
    // One request per references endpoint.
    expect(
      emu
        .requests()
        .slice(from)
        .map((r) => r.path.split("?")[0]),
    ).toEqual(
      expect.arrayContaining([
        "/gates/plan_pro/gate_references",
        "/gates/plan_pro/experiment_references",
        "/gates/plan_pro/dynamic_config_references",
      ]),
    );
    expect(emu.requests().length - from).toBe(3);
    await outOfBand(emu, "GET", "/gates/plan_pro");
  });

  it("deletes it with deleteWhenReferenced recorded at the last up, or set by this run's program", async () => {
    const g = await upGate({ name: "plan team", deleteWhenReferenced: true });
    expect(String(g.outs.__managed)).toContain("deleteWhenReferenced");
    await outOfBand(emu, "POST", "/gates", {
      name: "team checkout",
      rules: [{ name: "r", conditions: [{ type: "passes_gate", operator: "any", targetValue: ["plan_team"] }] }],
    });
    await gateProvider.delete(g.id, g.outs);
    await expect(outOfBand(emu, "GET", "/gates/plan_team")).rejects.toThrow(/404/);

    // Set in the program at this run (a replace deletes with the old, recorded outputs).
    const h = await upGate({ name: "plan biz" });
    await outOfBand(emu, "POST", "/gates", {
      name: "biz checkout",
      rules: [{ name: "r", conditions: [{ type: "passes_gate", operator: "any", targetValue: ["plan_biz"] }] }],
    });
    const d = await gateProvider.diff(h.id, h.outs, { name: "plan biz v2", deleteWhenReferenced: true, ...P });
    expect(d.replaces).toEqual(["name"]);
    await gateProvider.delete(h.id, h.outs);
    await expect(outOfBand(emu, "GET", "/gates/plan_biz")).rejects.toThrow(/404/);
  });

  it("a change of deleteWhenReferenced alone is an update that records it, with no write", async () => {
    const g = await upGate({ name: "plan flag" });
    const news = { name: "plan flag", deleteWhenReferenced: true, ...P };
    const d = await gateProvider.diff(g.id, g.outs, news);
    expect(d).toMatchObject({ changes: true, replaces: [] });
    const from = emu.requests().length;
    const u = await gateProvider.update(g.id, g.outs, news);
    expect(writes(from)).toEqual([]);
    expect(String(u.outs.__managed)).toContain("deleteWhenReferenced");
    const r = await gateProvider.read(g.id, { ...u.outs, ...P });
    expect(r.inputs).toMatchObject({ deleteWhenReferenced: true });
    expect((await gateProvider.check({}, { name: "xyz", deleteWhenReferenced: "yes", ...P })).failures).toEqual([
      { property: "deleteWhenReferenced", reason: "must be true or false" },
    ]);
  });

  it("a rename or replace warns at diff, with no API call, naming the id and what evaluation returns", async () => {
    const g = await upGate({ name: "plan_pro_x" });
    const c = await withTempCache(async () => {
      const { inputs } = await dynamicConfigProvider.check({}, { name: "limits x", ...P });
      return dynamicConfigProvider.create(inputs);
    });
    const lines: string[] = [];
    const prev = setLogSink((l) => lines.push(l));
    const from = emu.requests().length;
    try {
      await gateProvider.diff(g.id, g.outs, { name: "plan_pro_x_v2", ...P });
      await dynamicConfigProvider.diff(c.id, { ...c.outs, ...P }, { name: "Limits x", ...P });
    } finally {
      setLogSink(prev);
    }
    expect(emu.requests().length).toBe(from);
    expect(lines).toEqual([
      expect.stringContaining(
        'warning: gate "plan_pro_x" is renamed to "plan_pro_x_v2": a rename replaces it, so id "plan_pro_x" is deleted ' +
          'once "plan_pro_x_v2" exists; every check of gate "plan_pro_x" in running code returns false from then on',
      ),
      expect.stringContaining(
        'warning: dynamic config "limits x" is replaced by deleting it first: it does not exist in Statsig until "Limits x" is created',
      ),
    ]);
    expect(lines[1]).toContain(`every read of dynamic config "limits_x" returns the caller's default values`);
  });

  it("a move to another project warns at diff, naming the id and the project it leaves", async () => {
    const lines: string[] = [];
    const prev = setLogSink((l) => lines.push(l));
    try {
      const d = await gateProvider.diff("moving", { name: "moving", ...P }, { name: "moving", project: "beta", ...P });
      expect(d.replaces).toEqual(["project"]);
    } finally {
      setLogSink(prev);
    }
    expect(lines).toEqual([
      expect.stringContaining(
        'warning: id "moving" moves to project "beta": a move replaces it, so it is deleted from "the default project"',
      ),
    ]);
    expect(lines[0]).toContain("false for a gate check");
  });
});

describe("reference checks at a cost the rate budget carries", () => {
  let fresh: RunningEmulator;
  beforeAll(async () => {
    fresh = await startEmulator({ port: 0 });
    for (let i = 0; i < 6; i++) await outOfBand(fresh, "POST", "/gates", { name: `gate ${i}` });
    await outOfBand(fresh, "POST", "/gates", referTo("referrer", "gate_1"));
    await outOfBand(fresh, "POST", "/experiments", {
      name: "targeted",
      targetingGateID: "gate_2",
      groups: abGroups,
    });
  });
  afterAll(() => fresh.close());

  const gets = (from: number) =>
    fresh
      .requests()
      .slice(from)
      .map((r) => r.path.split("?")[0]);

  it("asks the endpoints for the first three gates, then reads the lists once for the rest", async () => {
    const c = new ConsoleClient({ baseUrl: fresh.apiUrl, apiKey: () => fresh.apiKey });
    const gates = statsig(c).gates;
    let from = fresh.requests().length;
    expect((await gates.references("gate_1")).gates.map((g) => g.id)).toEqual(["referrer"]);
    await gates.references("gate_0");
    await gates.references("gate_3");
    expect(gets(from)).toHaveLength(9);
    from = fresh.requests().length;
    // The fourth: one page of each list (each fits in one), and from then on no request at all.
    expect((await gates.references("gate_2")).experiments.map((e) => e.id)).toEqual(["targeted"]);
    expect(gets(from).sort()).toEqual(["/dynamic_configs", "/experiments", "/gates"]);
    from = fresh.requests().length;
    expect((await gates.references("gate_1")).gates.map((g) => g.id)).toEqual(["referrer"]);
    expect((await gates.references("gate_4")).total).toBe(0);
    expect(gets(from)).toEqual([]);
    // A referrer this process deleted since is none; one it wrote since is asked about again.
    gates.noteDeleted("/experiments", "targeted");
    expect((await gates.references("gate_2")).total).toBe(0);
    await c.patch("/gates/referrer", { description: "still refers?" });
    from = fresh.requests().length;
    expect((await gates.references("gate_1")).gates.map((g) => g.id)).toEqual(["referrer"]);
    expect(gets(from)).toEqual([
      "/gates/gate_1/gate_references",
      "/gates/gate_1/experiment_references",
      "/gates/gate_1/dynamic_config_references",
    ]);
  });

  it("keeps asking the endpoints while the lists have more pages than three per check", async () => {
    for (let i = 0; i < 20; i++) await outOfBand(fresh, "POST", "/gates", { name: `more ${i}` });
    // One entity per page: 27 gates and an experiment are 26 pages after the first ones.
    const c = new ConsoleClient({ baseUrl: fresh.apiUrl, apiKey: () => fresh.apiKey, pageSize: 1 });
    const gates = statsig(c).gates;
    for (const g of ["gate_0", "gate_3", "gate_4"]) await gates.references(g);
    let from = fresh.requests().length;
    // The fourth check: the first pages show 26 more pages > 3 x 4 checks, so the endpoints answer.
    expect((await gates.references("gate_1")).gates.map((g) => g.id)).toEqual(["referrer"]);
    expect(gets(from).filter((p) => p.endsWith("_references"))).toHaveLength(3);
    expect(gets(from).filter((p) => !p.endsWith("_references"))).toHaveLength(3);
    // Not asked again before the checks double; by the 16th, 26 pages are fewer than 3 per check.
    from = fresh.requests().length;
    for (let i = 5; i <= 7; i++) await gates.references("gate_5");
    expect(gets(from).every((p) => p.endsWith("_references"))).toBe(true);
    for (let i = 8; i <= 15; i++) await gates.references("gate_5");
    from = fresh.requests().length;
    expect((await gates.references("gate_1")).gates.map((g) => g.id)).toEqual(["referrer"]);
    expect(gets(from).some((p) => p.endsWith("_references"))).toBe(false);
  });
});
