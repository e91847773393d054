/**
 * The published API's fields teams set on every entity (`idType`, `team`, metrics, links, ...;
 * issue 16), each through the provider against the emulator's published shape over real HTTP:
 * created and read back, updated in place with the entity's one update call (or, where the
 * published API cannot change it, replaced), and left alone when the program omits it. Also: the
 * seed shape keeps the seed's contract (ignores them), the published shape refuses what the
 * published DTOs refuse, and experiment groups may set different parameters.
 */
import { startEmulator } from "../../emulator/server";
import { EntityProvider } from "../../provider/resources/framework";
import { providers } from "../../provider/runtime";
import { outOfBand } from "../outOfBand";
import { writesServed } from "./helpers";
import { useEmulator } from "../fixtures/emulator";
import { groups } from "../fixtures/scenarios";

const emu = useEmulator({ shape: "published", provider: true, resetEach: true });

const writes = (from: number) => writesServed(emu, from);

/** Per entity: minimal inputs, its collection, and the one write an in-place update makes. */
const entities: Record<string, { collection: string; base: Record<string, unknown>; patch?: string }> = {
  Gate: { collection: "gates", base: { name: "field gate" }, patch: "PATCH /gates/field_gate 200" },
  DynamicConfig: {
    collection: "dynamic_configs",
    base: { name: "field config" },
    patch: "PATCH /dynamic_configs/field_config 200",
  },
  Experiment: {
    collection: "experiments",
    base: { name: "field experiment", groups },
    patch: "PATCH /experiments/field_experiment 200",
  },
  Segment: { collection: "segments", base: { name: "field segment", type: "rule_based" } },
  Layer: { collection: "layers", base: { name: "field layer" } },
  Holdout: { collection: "holdouts", base: { name: "field holdout" } },
  Tag: { collection: "tags", base: { name: "field tag", description: "t" }, patch: "PATCH /tags/field_tag 200" },
};

const metric = { name: "purchase", type: "event_count" };
const dau = { name: "dau", type: "user" };

/** Each new field: a first value, a second, and whether a change updates in place or replaces. */
const fields: [type: string, field: string, v1: unknown, v2: unknown, change: "update" | "replace"][] = [
  ["Gate", "idType", "userID", "stableID", "update"],
  ["Gate", "team", "checkout", "growth", "update"],
  ["Gate", "measureMetricLifts", true, false, "update"],
  ["Gate", "monitoringMetrics", [metric], [metric, dau], "update"],
  ["DynamicConfig", "idType", "stableID", "companyID", "update"],
  ["DynamicConfig", "team", "checkout", "growth", "update"],
  ["DynamicConfig", "targetApps", ["web"], ["web", "ios"], "update"],
  ["DynamicConfig", "schema", '{"type":"object"}', '{"type":"object","required":["a"]}', "update"],
  ["Experiment", "idType", "stableID", "userID", "update"],
  ["Experiment", "team", "checkout", "growth", "update"],
  ["Experiment", "primaryMetrics", [{ ...metric, direction: "increase" }], [dau], "update"],
  ["Experiment", "secondaryMetrics", [dau], [{ ...dau, hypothesizedValue: 0.02 }], "update"],
  ["Experiment", "primaryMetricTags", ["core"], ["core", "revenue"], "update"],
  ["Experiment", "secondaryMetricTags", ["guardrail"], [], "update"],
  ["Experiment", "controlGroupID", "grp_1", "grp_2", "update"],
  ["Experiment", "duration", 14, 28, "update"],
  ["Experiment", "targetExposures", 1000, 5000, "update"],
  ["Experiment", "targetApps", ["web"], ["ios"], "update"],
  [
    "Experiment",
    "links",
    [{ url: "https://example.com/spec", title: "spec" }],
    [{ url: "https://example.com/doc" }],
    "update",
  ],
  ["Experiment", "defaultConfidenceInterval", "95", "99", "update"],
  ["Experiment", "bonferroniCorrection", true, false, "update"],
  ["Experiment", "sequentialTesting", false, true, "update"],
  ["Segment", "idType", "stableID", "userID", "replace"],
  ["Segment", "team", "checkout", "growth", "replace"],
  ["Layer", "idType", "stableID", "userID", "replace"],
  ["Layer", "team", "checkout", "growth", "replace"],
  ["Holdout", "idType", "stableID", "userID", "replace"],
  ["Tag", "isCore", true, false, "update"],
];

describe.each(fields)("%s.%s", (type, field, v1, v2, change) => {
  const p = (): EntityProvider => providers[type];
  const { collection, base, patch } = entities[type];

  it("is created, stored by the emulator, read back, and shows no change", async () => {
    const inputs = { ...base, [field]: v1 };
    expect((await p().check({}, inputs)).failures ?? []).toEqual([]);
    const { id, outs } = await p().create(inputs);
    expect(emu.store.get(collection, id)?.[field]).toEqual(v1);
    expect(outs[field]).toEqual(v1);
    expect((await p().read(id, outs)).props).toEqual(outs);
    expect((await p().diff(id, outs, inputs)).changes).toBe(false);
  });

  if (change === "update")
    it("a change updates in place with the entity's one PATCH", async () => {
      const { id, outs } = await p().create({ ...base, [field]: v1 });
      const news = { ...base, [field]: v2 };
      expect(await p().diff(id, outs, news)).toMatchObject({ changes: true, replaces: [] });
      const mark = emu.requests().length;
      const { outs: after } = await p().update(id, outs, news);
      expect(writes(mark)).toEqual([patch]);
      expect(emu.store.get(collection, id)?.[field]).toEqual(v2);
      expect((await p().diff(id, after, news)).changes).toBe(false);
    });
  else
    it("a change replaces the entity, deleting it first (the published update cannot change it)", async () => {
      const { id, outs } = await p().create({ ...base, [field]: v1 });
      const news = { ...base, [field]: v2 };
      expect(await p().diff(id, outs, news)).toMatchObject({
        changes: true,
        replaces: [field],
        deleteBeforeReplace: true,
      });
      // The emulator, like the published API, has no way to change it in place.
      await expect(outOfBand(emu, "PATCH", `/${collection}/${id}`, { ...base, [field]: v2 })).rejects.toThrow(
        new RegExp(`HTTP 400 .*${field}: cannot change once the \\w+ exists`),
      );
      // The replacement Pulumi runs: delete, then create with the new value.
      await p().delete(id, outs);
      const { outs: replaced } = await p().create(news);
      expect(emu.store.get(collection, id)?.[field]).toEqual(v2);
      expect((await p().diff(id, replaced, news)).changes).toBe(false);
    });

  it("is unmanaged when omitted: a value set in Statsig is kept and never shows as a change", async () => {
    const { id } = await p().create(base);
    // A value other than the one the new entity got (some fields have a default, `idType: "userID"`).
    const set = JSON.stringify(emu.store.get(collection, id)?.[field]) === JSON.stringify(v2) ? v1 : v2;
    emu.store.mutate(collection, id, (e) => {
      e[field] = set;
    });
    const { props } = await p().read(id, { ...base });
    expect(props?.[field]).toEqual(set);
    expect((await p().diff(id, props!, base)).changes).toBe(false);
    // An update of another field leaves it as Statsig holds it.
    await p().update(id, props!, { ...base, description: "edited" });
    expect(emu.store.get(collection, id)?.[field]).toEqual(set);
  });
});

describe("experiment groups", () => {
  /** Groups as stored: each with the id the emulator assigns, as the service does. */
  const stored = (gs: object[]) => gs.map((g) => ({ ...g, id: expect.any(String) }));

  it("may set different parameters (Statsig takes them): checked, created, read back", async () => {
    const inputs = {
      name: "uneven groups",
      groups: [
        { name: "control", size: 50, parameterValues: { a_bool: true, color: "blue" } },
        { name: "test", size: 50, parameterValues: { color: "green" } },
      ],
    };
    expect((await providers.Experiment.check({}, inputs)).failures ?? []).toEqual([]);
    const { id, outs } = await providers.Experiment.create(inputs);
    expect(emu.store.get("experiments", id)?.groups).toEqual(stored(inputs.groups));
    expect((await providers.Experiment.diff(id, outs, inputs)).changes).toBe(false);
  });

  it("take a description and disabled, updated in place with the experiment's PATCH", async () => {
    const v1 = { name: "described groups", groups: [{ ...groups[0], description: "as today" }, groups[1]] };
    const { id, outs } = await providers.Experiment.create(v1);
    expect(emu.store.get("experiments", id)?.groups).toEqual(stored(v1.groups));
    expect((await providers.Experiment.diff(id, outs, v1)).changes).toBe(false);
    const v2 = { ...v1, groups: [groups[0], { ...groups[1], description: "greener", disabled: true }] };
    const mark = emu.requests().length;
    const { outs: after } = await providers.Experiment.update(id, outs, v2);
    expect(writes(mark)).toEqual(["PATCH /experiments/described_groups 200"]);
    expect(emu.store.get("experiments", id)?.groups).toEqual(stored(v2.groups));
    expect((await providers.Experiment.diff(id, after, v2)).changes).toBe(false);
  });

  it('compare "" descriptions, false disabled and what the service adds (group ids) as absent', async () => {
    const inputs = { name: "plain groups", groups };
    const { id } = await providers.Experiment.create(inputs);
    emu.store.mutate("experiments", id, (e) => {
      e.groups = groups.map((g, i) => ({
        ...g,
        id: `grp_${i}`,
        foreignGroupID: `f_${i}`,
        description: "",
        disabled: false,
      }));
    });
    const { props } = await providers.Experiment.read(id, inputs);
    expect((await providers.Experiment.diff(id, props!, inputs)).changes).toBe(false);
  });
});

describe("what the published shape and check refuse, and the seed shape ignores", () => {
  const refused: [type: string, inputs: Record<string, unknown>, path: string, check: RegExp, api: RegExp][] = [
    [
      "Experiment",
      { name: "too short", duration: 1 },
      "/experiments",
      /^duration: 1 must be over 1/,
      /duration: must be > 1/,
    ],
    [
      "Experiment",
      { name: "bad interval", defaultConfidenceInterval: "85" },
      "/experiments",
      /^defaultConfidenceInterval: .*"95"/,
      /defaultConfidenceInterval: must be one of .*80.*90.*95.*98.*99/,
    ],
    [
      "Experiment",
      { name: "bad link", links: [{ title: "no url" }] },
      "/experiments",
      /^links\[0\]\.url: is required/,
      /links\[0\]\.url: is required/,
    ],
    [
      "Gate",
      { name: "bad metric", monitoringMetrics: [{ name: "purchase" }] },
      "/gates",
      /^monitoringMetrics\[0\]\.type: is required/,
      /monitoringMetrics\[0\]\.type: is required/,
    ],
    ["Tag", { name: "bad tag", isCore: "yes" }, "/tags", /^isCore: .*boolean/, /isCore: must be boolean/],
  ];

  it.each(refused)(
    "%s %j: check and the published API refuse it naming the property",
    async (type, inputs, path, check, api) => {
      const failures = (await providers[type].check({}, inputs)).failures ?? [];
      expect(failures.map((f) => `${f.property}: ${f.reason}`)).toEqual([expect.stringMatching(check)]);
      await expect(outOfBand(emu, "POST", path, inputs)).rejects.toThrow(api);
    },
  );

  it("check accepts one target app id where the published DTOs take one (`oneOf`), and the service answers a list", async () => {
    const inputs = { name: "one app", targetApps: "web" };
    expect((await providers.DynamicConfig.check({}, inputs)).failures ?? []).toEqual([]);
    const { id, outs } = await providers.DynamicConfig.create(inputs);
    expect(outs.targetApps).toEqual(["web"]);
    expect((await providers.DynamicConfig.diff(id, outs, inputs)).changes).toBe(false);
  });

  it("the seed shape keeps the seed's contract: the published fields are not stored", async () => {
    const seed = await startEmulator({ port: 0 });
    try {
      await outOfBand(seed, "POST", "/gates", { name: "seed gate", idType: "stableID", team: "t" });
      await outOfBand(seed, "POST", "/tags", { name: "seed tag", isCore: true });
      expect(seed.store.get("gates", "seed_gate")).not.toHaveProperty("idType");
      expect(seed.store.get("gates", "seed_gate")).not.toHaveProperty("team");
      expect(seed.store.get("tags", "seed_tag")).not.toHaveProperty("isCore");
    } finally {
      await seed.close();
    }
  });
});
