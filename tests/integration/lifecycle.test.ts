/**
 * Issue 16 items 3 and 4 against the emulator (published shape) over real HTTP: every lifecycle
 * transition through its own endpoint, allowed and refused (by the provider at preview, and by
 * the emulator's state machines with 400), and overrides of experiments, layers and holdouts with
 * gates' semantics (one write per change, read only when managed, unmanaged when omitted).
 */
import { RunningEmulator } from "../../emulator/server";
import { ConsoleClient, StatsigApiError } from "../../provider/client";
import { readProject, render } from "../../provider/generate";
import { providers } from "../../provider/runtime";
import { rejection } from "../rejection";
import { emulatorWithProvider, served } from "./helpers";

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await emulatorWithProvider({ shape: "published" });
});
afterAll(() => emu.close());
beforeEach(() => emu.reset());

/** Requests served since request number `from`, as `METHOD /path status`. */
const since = (from: number) => served(emu).slice(from);
/** Writes (anything but GET) served since request number `from`. */
const writes = (from: number) => since(from).filter((r) => !r.startsWith("GET"));
const mark = () => emu.requests().length;

const groups = [
  { name: "control", size: 50, parameterValues: { color: "blue" } },
  { name: "test", size: 50, parameterValues: { color: "green" } },
];
const exp = { name: "ship it", groups };

/** A direct call to the emulator's API (what an out-of-band client or the service itself sees). */
async function api(method: string, p: string, body?: unknown) {
  const res = await fetch(emu.apiUrl + p, {
    method,
    headers: { "content-type": "application/json", "STATSIG-API-KEY": emu.apiKey },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

/** Applies `news` as `pulumi up` would: diff (the preview's refusals), then update. */
async function up(type: string, id: string, olds: Record<string, unknown>, news: Record<string, unknown>) {
  const p = providers[type];
  await p.diff(id, olds, news);
  return (await p.update(id, olds, news)).outs;
}

describe("experiment lifecycle through the provider", () => {
  it("goes setup → active → decision_made (launched group by name) → archived, one endpoint each", async () => {
    const { id, outs } = await providers.Experiment.create({ ...exp, status: "setup" });
    expect(writes(0)).toEqual(["POST /experiments 201"]);
    expect(outs.groups.map((g: { id?: string }) => typeof g.id)).toEqual(["string", "string"]);

    let m = mark();
    const active = await up("Experiment", id, outs, { ...exp, status: "active" });
    expect(writes(m)).toEqual(["PUT /experiments/ship_it/start 200"]);

    m = mark();
    const decided = await up("Experiment", id, active, {
      ...exp,
      status: "decision_made",
      launchedGroup: "test",
      decisionReason: "green converts better",
    });
    expect(writes(m)).toEqual(["PUT /experiments/ship_it/make_decision 200"]);
    const testGroup = outs.groups.find((g: { name: string }) => g.name === "test");
    // Sent as the group's server-assigned id, read back as its name.
    expect(emu.requests().at(-1)).toMatchObject({ method: "PUT" });
    expect(decided).toMatchObject({
      status: "decision_made",
      launchedGroup: "test",
      launchedGroupID: testGroup.id,
      decisionReason: "green converts better",
    });

    m = mark();
    const archivedInputs = {
      ...exp,
      status: "archived",
      launchedGroup: "test",
      decisionReason: "green converts better",
    };
    const archived = await up("Experiment", id, decided, archivedInputs);
    expect(writes(m)).toEqual(["PUT /experiments/ship_it/archive 200"]);
    expect(archived).toMatchObject({ status: "archived", launchedGroup: "test" });
    // Converged: the same program shows no change, and a refresh reads what update returned.
    expect((await providers.Experiment.diff(id, archived, archivedInputs)).changes).toBe(false);
    expect((await providers.Experiment.read(id, archived)).props).toEqual(archived);
  });

  it("creates a decided experiment from scratch: POST, start, make_decision", async () => {
    const inputs = { ...exp, status: "decision_made", launchedGroup: "control", decisionReason: "no effect" };
    const { id, outs } = await providers.Experiment.create(inputs);
    expect(writes(0)).toEqual([
      "POST /experiments 201",
      "PUT /experiments/ship_it/start 200",
      "PUT /experiments/ship_it/make_decision 200",
    ]);
    expect(outs).toMatchObject({ status: "decision_made", launchedGroup: "control", decisionReason: "no effect" });
    expect((await providers.Experiment.diff(id, outs, inputs)).changes).toBe(false);
  });

  it("abandons a running experiment with its reason, then archives it through abandonment", async () => {
    const { id, outs } = await providers.Experiment.create({ ...exp, status: "active" });
    let m = mark();
    const abandoned = await up("Experiment", id, outs, { ...exp, status: "abandoned", decisionReason: "broken" });
    expect(writes(m)).toEqual(["PUT /experiments/ship_it/abandon 200"]);
    expect(abandoned).toMatchObject({ status: "abandoned", decisionReason: "broken" });
    expect(abandoned.launchedGroup).toBeUndefined();

    // Another running experiment straight to archived with only a reason: abandoned on the way.
    const other = await providers.Experiment.create({ name: "other one", groups, status: "active" });
    m = mark();
    await up("Experiment", other.id, other.outs, {
      name: "other one",
      groups,
      status: "archived",
      decisionReason: "superseded",
    });
    expect(writes(m)).toEqual(["PUT /experiments/other_one/abandon 200", "PUT /experiments/other_one/archive 200"]);
  });

  it("unarchives an archived experiment back to where it was, with one call when that is the goal", async () => {
    const { id, outs } = await providers.Experiment.create({ ...exp, status: "active" });
    const archived = await up("Experiment", id, outs, { ...exp, status: "archived" });
    const m = mark();
    const back = await up("Experiment", id, archived, { ...exp, status: "active" });
    expect(writes(m)).toEqual(["PUT /experiments/ship_it/unarchive 200"]);
    expect(back.status).toBe("active");
  });

  it("refuses at preview, with the reason, what Statsig cannot do to a decided experiment", async () => {
    const inputs = { ...exp, status: "decision_made", launchedGroup: "test" };
    const { id, outs } = await providers.Experiment.create(inputs);
    const m = mark();
    for (const [news, message] of [
      [{ ...exp, status: "setup" }, /is decision_made and cannot go to setup: a decision is final in Statsig/],
      [{ ...exp, status: "active" }, /is decision_made and cannot go to active: a decision is final in Statsig/],
      [{ ...exp, status: "abandoned" }, /is decision_made and cannot go to abandoned/],
      [{ ...inputs, launchedGroup: "control" }, /its launchedGroup cannot change \(from "test" to "control"\)/],
      [{ ...inputs, decisionReason: "later" }, /its decisionReason cannot change/],
      [
        {
          ...inputs,
          groups: [
            { ...groups[0], size: 60 },
            { ...groups[1], size: 40 },
          ],
        },
        /its groups cannot change once a decision is made/,
      ],
    ] as const) {
      const err = await rejection(providers.Experiment.diff(id, outs, news));
      expect(err.message).toMatch(message);
      // And again at update, before any write (a value unknown at preview is checked there).
      expect((await rejection(providers.Experiment.update(id, outs, news))).message).toMatch(message);
    }
    expect(writes(m)).toEqual([]);
  });

  it("refuses a decision without its group at preview, and before the create's POST", async () => {
    const { id, outs } = await providers.Experiment.create({ ...exp, status: "active" });
    const err = await rejection(providers.Experiment.diff(id, outs, { ...exp, status: "decision_made" }));
    expect(err.message).toMatch(/status "decision_made" makes a decision, which launches a group: set launchedGroup/);
    const m = mark();
    const err2 = await rejection(providers.Experiment.create({ name: "no group", groups, status: "decision_made" }));
    expect(err2.message).toMatch(/set launchedGroup to the name of the group to launch/);
    expect(writes(m)).toEqual([]);
  });

  it("checks launchedGroup and decisionReason against the groups and the status", async () => {
    const failures = async (news: Record<string, unknown>) =>
      ((await providers.Experiment.check({}, news)).failures ?? []).map(
        (f: { property: string; reason: string }) => `${f.property}: ${f.reason}`,
      );
    expect(await failures({ ...exp, status: "decision_made", launchedGroup: "tset" })).toEqual([
      'launchedGroup: "tset" is not one of the groups (control, test)',
    ]);
    expect(await failures({ ...exp, status: "active", launchedGroup: "test" })).toEqual([
      'launchedGroup: goes with status "decision_made" (or "archived"), the decision that launches it; status is "active"',
    ]);
    expect(await failures({ ...exp, status: "setup", decisionReason: "x" })).toEqual([
      'decisionReason: goes with status "decision_made", "abandoned" or "archived"; status is "setup"',
    ]);
    expect(await failures({ ...exp, status: "shipped" })).toEqual([
      'status: "shipped" is not an allowed value (one of "setup", "active", "decision_made", "abandoned", "archived")',
    ]);
    expect(await failures({ ...exp, status: "abandoned", decisionReason: "x" })).toEqual([]);
  });

  it("stops with the reason when an unarchived experiment turns out decided (known only at up)", async () => {
    const inputs = { ...exp, status: "archived", launchedGroup: "test" };
    const { id, outs } = await providers.Experiment.create(inputs);
    expect(outs.status).toBe("archived");
    // At preview the way back from archived is not known: no refusal.
    expect((await providers.Experiment.diff(id, outs, { ...exp, status: "active" })).changes).toBe(true);
    const m = mark();
    const err = await rejection(providers.Experiment.update(id, outs, { ...exp, status: "active" }));
    expect(err.message).toMatch(
      /is decision_made and cannot go to active: a decision is final.*\(it was archived; unarchiving brought it back to decision_made\)/,
    );
    expect(writes(m)).toEqual(["PUT /experiments/ship_it/unarchive 200"]);
  });
});

describe("a lifecycle call applied but unanswered (5xx after the commit) is not failed by its refused retry", () => {
  afterEach(() => emu.faults.set([]));
  const lost = (path: string) => emu.faults.set([{ method: "PUT", path, sequence: ["fail_after_commit"] }]);

  it("experiment make_decision, archive and unarchive", async () => {
    const { id, outs } = await providers.Experiment.create({ ...exp, status: "active" });
    const decided = { ...exp, status: "decision_made", launchedGroup: "test" };
    lost("/experiments/ship_it/make_decision");
    let m = mark();
    const after = await up("Experiment", id, outs, decided);
    // The retry heard "Experiment is decision_made...": the experiment is where the call takes it.
    expect(since(m)).toContain("PUT /experiments/ship_it/make_decision 400");
    expect(after).toMatchObject({ status: "decision_made", launchedGroup: "test" });
    lost("/experiments/ship_it/archive");
    const archived = await up("Experiment", id, after, { ...decided, status: "archived" });
    expect(archived.status).toBe("archived");
    lost("/experiments/ship_it/unarchive");
    m = mark();
    const back = await up("Experiment", id, archived, decided);
    expect(since(m)).toContain("PUT /experiments/ship_it/unarchive 400");
    expect(back.status).toBe("decision_made");
  });

  it("gate unarchive, config archive, autotune start", async () => {
    const g = await providers.Gate.create({ name: "old gate", status: "archived" });
    lost("/gates/old_gate/unarchive");
    expect((await up("Gate", g.id, g.outs, { name: "old gate", status: "active" })).status).toBe("active");
    const cfg = await providers.DynamicConfig.create({ name: "prices" });
    lost("/dynamic_configs/prices/archive");
    expect((await up("DynamicConfig", cfg.id, cfg.outs, { name: "prices", status: "Archived" })).status).toBe(
      "Archived",
    );
    const tune = { name: "cta copy", successMetric: "purchase", variants: [{ name: "a" }, { name: "b" }] };
    const a = await providers.Autotune.create(tune);
    lost("/autotunes/cta_copy/start");
    const m = mark();
    expect((await up("Autotune", a.id, a.outs, { ...tune, status: "active" })).status).toBe("active");
    expect(since(m)).toContain("PUT /autotunes/cta_copy/start 400");
  });

  it("a refusal without an ambiguous attempt before it still fails, naming the call", async () => {
    const { id, outs } = await providers.Experiment.create({ ...exp, status: "active" });
    // Decided out of band: the provider's record still says active.
    await api("PUT", "/experiments/ship_it/abandon", { decisionReason: "oob" });
    const err = await rejection<StatsigApiError>(
      providers.Experiment.update(id, outs, { ...exp, status: "decision_made", launchedGroup: "test" }),
    );
    expect(err.message).toMatch(
      /^failed to update experiment "ship it": HTTP 400 from PUT \/experiments\/ship_it\/make_decision: Experiment is abandoned/,
    );
  });
});

describe("generate and a decided experiment", () => {
  it("declares the launched group by name, the status and the reason: a program that converges as it is", async () => {
    const inputs = { ...exp, status: "decision_made", launchedGroup: "test", decisionReason: "green wins" };
    const { id, outs } = await providers.Experiment.create(inputs);
    const client = new ConsoleClient({ baseUrl: emu.apiUrl, apiKey: () => emu.apiKey });
    const { source, warnings } = render(await readProject(client));
    expect(warnings).toEqual([]);
    expect(source).toContain('status: "decision_made"');
    expect(source).toContain('launchedGroup: "test"');
    expect(source).toContain('decisionReason: "green wins"');
    expect(source).not.toContain("launchedGroupID");
    expect((await providers.Experiment.diff(id, outs, inputs)).changes).toBe(false);
  });
});

describe("the emulator's experiment state machine", () => {
  const create = async (status?: string) => {
    await api("POST", "/experiments", exp);
    if (status) await api("PUT", "/experiments/ship_it/start");
    return (await api("GET", "/experiments/ship_it")).body.data;
  };

  it("refuses a decision or abandonment before the start, as the published API's example says", async () => {
    const e = await create();
    const decide = await api("PUT", "/experiments/ship_it/make_decision", { id: e.groups[0].id, decisionReason: "x" });
    expect(decide).toEqual({ status: 400, body: { status: 400, message: "Experiment has not yet started" } });
    const abandon = await api("PUT", "/experiments/ship_it/abandon", { decisionReason: "x" });
    expect(abandon.status).toBe(400);
    expect(abandon.body.message).toBe("Experiment has not yet started");
  });

  it("takes only a group id of the experiment, and the body the published DTO requires", async () => {
    await create("active");
    const wrong = await api("PUT", "/experiments/ship_it/make_decision", { id: "test", decisionReason: "x" });
    expect(wrong.status).toBe(400);
    expect(wrong.body.message).toMatch(/^id: "test" is not the id of a group of this experiment \(control: /);
    const noReason = await api("PUT", "/experiments/ship_it/make_decision", { id: "x" });
    expect(noReason.status).toBe(400);
    expect(noReason.body.message).toMatch(/decisionReason/);
  });

  it("makes a decision once: no second decision, reset, restart or abandonment; archive and unarchive", async () => {
    const e = await create("active");
    const ok = await api("PUT", "/experiments/ship_it/make_decision", { id: e.groups[1].id, decisionReason: "y" });
    expect(ok.status).toBe(200);
    expect(ok.body.data).toMatchObject({
      status: "decision_made",
      launchedGroupID: e.groups[1].id,
      decisionReason: "y",
    });
    for (const [method, p, body] of [
      ["PUT", "/experiments/ship_it/make_decision", { id: e.groups[0].id, decisionReason: "z" }],
      ["PUT", "/experiments/ship_it/abandon", { decisionReason: "z" }],
      ["PUT", "/experiments/ship_it/reset", undefined],
      ["PUT", "/experiments/ship_it/start", undefined],
    ] as const) {
      const r = await api(method, p, body);
      expect([p, r.status, r.body.message]).toEqual([p, 400, expect.stringMatching(/decision_made/)]);
    }
    expect((await api("PUT", "/experiments/ship_it/unarchive")).body.message).toBe(
      "Experiment is not archived (it is decision_made)",
    );
    expect((await api("PUT", "/experiments/ship_it/archive", {})).body.data.status).toBe("archived");
    expect((await api("PUT", "/experiments/ship_it/archive", {})).status).toBe(400);
    expect((await api("PUT", "/experiments/ship_it/unarchive")).body.data.status).toBe("decision_made");
  });
});

describe("gate unarchive", () => {
  it("leaves archived with PUT unarchive, plus the new status's endpoint only when unarchive did not reach it", async () => {
    const gate = { name: "old gate" };
    const { id, outs } = await providers.Gate.create({ ...gate, status: "archived" });
    let m = mark();
    const active = await up("Gate", id, outs, { ...gate, status: "active" });
    expect(writes(m)).toEqual(["PUT /gates/old_gate/unarchive 200"]);
    expect(active.status).toBe("active");

    const disabled = await up("Gate", id, active, { ...gate, status: "disabled" });
    const archived = await up("Gate", id, disabled, { ...gate, status: "archived" });
    m = mark();
    const launched = await up("Gate", id, archived, { ...gate, status: "launched" });
    // Unarchived back to disabled (where it was), then launched.
    expect(writes(m)).toEqual(["PUT /gates/old_gate/unarchive 200", "PUT /gates/old_gate/launch 200"]);
    expect(launched.status).toBe("launched");
  });

  it("the emulator refuses lifecycle calls on an archived gate, and unarchive on one that is not", async () => {
    await api("POST", "/gates", { name: "gate one" });
    expect((await api("PUT", "/gates/gate_one/unarchive")).body).toEqual({
      status: 400,
      message: "Gate is not archived (it is active)",
    });
    await api("PUT", "/gates/gate_one/archive");
    expect((await api("PUT", "/gates/gate_one/enable")).body).toEqual({
      status: 400,
      message: "Gate is archived: unarchive it before it can be enabled",
    });
    expect((await api("PUT", "/gates/gate_one/unarchive")).body.data.status).toBe("active");
  });
});

describe("dynamic config status", () => {
  const config = { name: "prices", defaultValue: { a: 1 } };

  it("moves Enabled → Disabled → Archived → Enabled through enable, disable, archive, unarchive", async () => {
    const { id, outs } = await providers.DynamicConfig.create({ ...config, status: "Enabled" });
    expect(writes(0)).toEqual(["POST /dynamic_configs 201"]);
    expect(outs).toMatchObject({ status: "Enabled", isEnabled: true });
    let m = mark();
    const disabled = await up("DynamicConfig", id, outs, { ...config, status: "Disabled" });
    expect(writes(m)).toEqual(["PUT /dynamic_configs/prices/disable 200"]);
    expect(disabled).toMatchObject({ status: "Disabled", isEnabled: false });
    m = mark();
    const archived = await up("DynamicConfig", id, disabled, { ...config, status: "Archived" });
    expect(writes(m)).toEqual(["PUT /dynamic_configs/prices/archive 200"]);
    m = mark();
    const enabled = await up("DynamicConfig", id, archived, { ...config, status: "Enabled" });
    expect(writes(m)).toEqual(["PUT /dynamic_configs/prices/unarchive 200", "PUT /dynamic_configs/prices/enable 200"]);
    expect(enabled).toMatchObject({ status: "Enabled", isEnabled: true });
    expect((await providers.DynamicConfig.diff(id, enabled, { ...config, status: "Enabled" })).changes).toBe(false);
  });

  it("creates a disabled config with one call for it, and checks status against isEnabled", async () => {
    await providers.DynamicConfig.create({ ...config, status: "Disabled" });
    expect(writes(0)).toEqual(["POST /dynamic_configs 201", "PUT /dynamic_configs/prices/disable 200"]);
    const { failures } = await providers.DynamicConfig.check({}, { ...config, status: "Disabled", isEnabled: true });
    expect(failures).toEqual([{ property: "isEnabled", reason: 'contradicts status "Disabled"; set one of them' }]);
  });

  it("the emulator refuses enabling an archived config and unarchiving one that is not", async () => {
    await api("POST", "/dynamic_configs", { name: "config one" });
    expect((await api("PUT", "/dynamic_configs/config_one/unarchive")).body.message).toBe(
      "Dynamic config is not archived (it is Enabled)",
    );
    await api("PUT", "/dynamic_configs/config_one/archive");
    expect((await api("PUT", "/dynamic_configs/config_one/disable")).body).toEqual({
      status: 400,
      message: "Dynamic config is archived: unarchive it before it can be disabled",
    });
  });
});

describe("autotune start and decision", () => {
  const tune = {
    name: "cta copy",
    successMetric: "purchase",
    variants: [
      { name: "Buy Now", parameterValues: { text: "Buy" } },
      { name: "Get It", parameterValues: { text: "Get it" } },
    ],
  };

  it("starts, then launches a variant by name (sent as its id)", async () => {
    const { id, outs } = await providers.Autotune.create({ ...tune, status: "active" });
    expect(writes(0)).toEqual(["POST /autotunes 201", "PUT /autotunes/cta_copy/start 200"]);
    expect(outs.status).toBe("active");
    const m = mark();
    const inputs = { ...tune, status: "decision_made", launchedVariant: "Get It", decisionReason: "wins" };
    const decided = await up("Autotune", id, outs, inputs);
    expect(writes(m)).toEqual(["PUT /autotunes/cta_copy/make_decision 200"]);
    expect(decided).toMatchObject({ status: "decision_made", launchedVariant: "Get It" });
    expect((await providers.Autotune.diff(id, decided, inputs)).changes).toBe(false);
    // A decided autotune does not start again (the preview says to go through setup).
    const err = await rejection(providers.Autotune.diff(id, decided, { ...tune, status: "active" }));
    expect(err.message).toMatch(/is decision_made and does not start again: set status "setup" first/);
    const err2 = await rejection(providers.Autotune.diff(id, decided, { ...inputs, launchedVariant: "Buy Now" }));
    expect(err2.message).toMatch(/its launchedVariant cannot change/);
    const back = await up("Autotune", id, decided, { ...tune, status: "setup" });
    expect(back.status).toBe("setup");
  });

  it("the emulator refuses a decision before the start, and a variant the autotune lacks", async () => {
    await api("POST", "/autotunes", tune);
    const early = await api("PUT", "/autotunes/cta_copy/make_decision", { id: "buy_now", decisionReason: "x" });
    expect(early.body).toEqual({ status: 400, message: "Autotune experiment has not yet started" });
    await api("PUT", "/autotunes/cta_copy/start");
    const wrong = await api("PUT", "/autotunes/cta_copy/make_decision", { id: "nope", decisionReason: "x" });
    expect(wrong.body.message).toBe('id: "nope" is not a variant of this autotune (buy_now, get_it)');
  });
});

describe("overrides of experiments, layers and holdouts", () => {
  const cases = [
    {
      type: "Experiment",
      collection: "experiments",
      setup: async () => void (await providers.Gate.create({ name: "employees" })),
      inputs: { name: "ov exp", groups },
      overrides: {
        overrides: [{ type: "gate", id: "employees", groupID: "test" }],
        userIDOverrides: [{ groupID: "control", ids: ["u1", "u2"] }],
      },
      changed: { userIDOverrides: [{ groupID: "control", ids: ["u1"] }] },
      canonicalChanged: { overrides: [], userIDOverrides: [{ groupID: "control", ids: ["u1"] }] },
    },
    {
      type: "Layer",
      collection: "layers",
      setup: async () => undefined,
      inputs: { name: "ov layer" },
      overrides: {
        conditionalOverrides: [{ type: "gate", name: "employees", experimentName: "in layer", groupName: "test" }],
        idOverrides: [{ groupName: "control", ids: ["u1"], experimentName: "in layer" }],
      },
      changed: { idOverrides: [{ groupName: "test", ids: ["u9"], experimentName: "in layer" }] },
      canonicalChanged: {
        conditionalOverrides: [],
        idOverrides: [{ groupName: "test", ids: ["u9"], experimentName: "in layer" }],
      },
    },
    {
      type: "Holdout",
      collection: "holdouts",
      setup: async () => undefined,
      inputs: { name: "ov holdout", passPercentage: 5 },
      overrides: { passingUserIDs: ["in1"], failingUserIDs: ["out1"] },
      changed: { passingUserIDs: ["in1", "in2"], failingUserIDs: [], failingCustomIDs: ["c1"] },
      canonicalChanged: {
        passingUserIDs: ["in1", "in2"],
        failingUserIDs: [],
        passingCustomIDs: [],
        failingCustomIDs: ["c1"],
      },
    },
  ];

  describe.each(cases)("$type", (c) => {
    const path = (id: string) => `/${c.collection}/${id}/overrides`;

    it("creates with one POST of the overrides, reads them back in canonical form, updates with one POST", async () => {
      await c.setup();
      const m0 = mark();
      const { id, outs } = await providers[c.type].create({ ...c.inputs, overrides: c.overrides });
      expect(writes(m0).map((w) => w.replace(/ \d+$/, ""))).toEqual([`POST /${c.collection}`, `POST ${path(id)}`]);
      expect(outs.overrides).toMatchObject(c.overrides);
      expect((await providers[c.type].read(id, outs)).props).toEqual(outs);
      expect((await providers[c.type].diff(id, outs, { ...c.inputs, overrides: c.overrides })).changes).toBe(false);

      const m = mark();
      const news = { ...c.inputs, overrides: c.changed };
      const after = await up(c.type, id, outs, news);
      // One write; the overrides' read-back is served from its answer (the entity is read again:
      // a write under it may have changed it).
      expect(since(m)).toEqual([`POST ${path(id)} 200`, `GET /${c.collection}/${id} 200`]);
      expect(after.overrides).toEqual(c.canonicalChanged);
      expect((await api("GET", path(id))).body.data).toEqual(after.overrides);
      expect((await providers[c.type].diff(id, after, news)).changes).toBe(false);
    });

    it("leaves overrides unmanaged when omitted: never read, never written, never a change", async () => {
      await c.setup();
      const { id, outs } = await providers[c.type].create(c.inputs);
      expect(writes(0).some((w) => w.includes("/overrides"))).toBe(false);
      expect(outs).not.toHaveProperty("overrides");
      // Set out of band: still not read, not a change.
      expect((await api("POST", path(id), { ...(c.canonicalChanged as object) })).status).toBe(200);
      const m = mark();
      const read = await providers[c.type].read(id, outs);
      expect(since(m).some((r) => r.includes("/overrides"))).toBe(false);
      expect(read.props).not.toHaveProperty("overrides");
      expect((await providers[c.type].diff(id, read.props, c.inputs)).changes).toBe(false);
    });

    it("shows out-of-band changes of managed overrides at refresh", async () => {
      await c.setup();
      const { id, outs } = await providers[c.type].create({ ...c.inputs, overrides: c.overrides });
      await api("POST", path(id), { ...(c.canonicalChanged as object) });
      const read = await providers[c.type].read(id, outs);
      expect(read.props.overrides).toEqual(c.canonicalChanged);
      expect((await providers[c.type].diff(id, read.props, { ...c.inputs, overrides: c.overrides })).changes).toBe(
        true,
      );
    });
  });

  it("checks overrides against the published shapes at preview", async () => {
    const { failures } = await providers.Experiment.check(
      {},
      { ...exp, overrides: { overrides: [{ type: "user", id: "x", groupID: "test" }] } },
    );
    expect((failures ?? []).map((f: { property: string }) => f.property)).toContain("overrides.overrides[0].type");
    const h = await providers.Holdout.check({}, { name: "holdout one", overrides: { passingUserIDs: [""] } });
    expect((h.failures ?? []).map((f: { property: string }) => f.property)).toEqual(["overrides.passingUserIDs[0]"]);
  });

  it("the emulator refuses an experiment override into a group the experiment lacks", async () => {
    await api("POST", "/experiments", exp);
    const r = await api("POST", "/experiments/ship_it/overrides", {
      overrides: [],
      userIDOverrides: [{ groupID: "nope", ids: ["u"] }],
    });
    expect(r.body).toEqual({
      status: 400,
      message: 'userIDOverrides[0].groupID: "nope" is not a group of this experiment (control, test)',
    });
    const err = await rejection<StatsigApiError>(
      providers.Experiment.create({
        name: "bad override",
        groups,
        overrides: { userIDOverrides: [{ groupID: "nope", ids: ["u"] }] },
      }),
    );
    expect(err.message).toMatch(/HTTP 400 from POST \/experiments\/bad_override\/overrides: userIDOverrides\[0\]/);
  });
});
