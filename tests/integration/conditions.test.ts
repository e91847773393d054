/**
 * Conditions as Statsig takes them (issue 16 items 1 and 5), over real HTTP: the provider's create
 * and update send, and the emulator's published shape accepts and stores, every published
 * condition type, operators the seed lacks and every published `targetValue` form; it refuses what
 * the published schemas refuse (a type outside their enum, `public` in segment rules, a boolean
 * `targetValue`). The seed shape keeps the seed's narrower contract and refuses the published
 * additions.
 */
import { RunningEmulator } from "../../emulator/server";
import { StatsigApiError } from "../../provider/client";
import { gateProvider } from "../../provider/resources/gate";
import { dynamicConfigProvider } from "../../provider/resources/dynamicConfig";
import { segmentProvider } from "../../provider/resources/segment";
import { ConsoleClient } from "../../provider/client";
import { readProject, renderProgram } from "../../provider/generate";
import { outOfBand } from "../outOfBand";
import { rejection } from "../rejection";
import { emulatorWithProvider } from "./helpers";

/** Conditions the seed's enums refuse and the published API takes, each with a form the issue found refused. */
const PUBLISHED_ONLY = [
  { type: "public" },
  { type: "public", targetValue: [] },
  { type: "environment_tier", operator: "any", targetValue: ["production"] },
  { type: "locale", operator: "any", targetValue: ["en_US"] },
  { type: "url", operator: "str_contains_any", targetValue: "/checkout" },
  { type: "javascript", operator: "eq", targetValue: "window.beta === true" },
  { type: "device_model", operator: "any", targetValue: ["iPhone14,2"] },
  { type: "target_app", operator: "any", targetValue: ["web"] },
  { type: "unit_id", operator: "is_null" },
  { type: "os_version", operator: "version_eq", targetValue: "11.0.0" },
  { type: "email", operator: "any_case_sensitive", targetValue: ["A@x.com"] },
  { type: "custom_field", field: "tags", operator: "array_contains_any", targetValue: ["a"] },
  { type: "passes_gate", operator: "", targetValue: "existing_gate" },
];

/** Forms the seed does not constrain (its `targetValue` has no schema) and the issue found refused at check. */
const ANY_TARGET_VALUE = [
  { type: "custom_field", field: "age", operator: "gt", targetValue: [31] },
  { type: "custom_field", field: "age", operator: "gt", targetValue: ["31"] },
  { type: "app_version", operator: "version_gt", targetValue: ["1.1.1"] },
  { type: "time", operator: "after", targetValue: [1643070357193] },
  { type: "email", operator: "str_contains_any", targetValue: "@example.com" },
  { type: "user_id", operator: "any", targetValue: 42 },
  { type: "unit_id", customID: "companyID", operator: "any", targetValue: ["acme"] },
];

const gate = (name: string, conditions: unknown[]) => ({
  name,
  rules: [{ name: "r", passPercentage: 100, conditions }],
});

describe("conditions against the published shape", () => {
  let emu: RunningEmulator;
  beforeAll(async () => {
    emu = await emulatorWithProvider({ shape: "published" });
  });
  afterAll(() => emu.close());
  beforeEach(async () => {
    emu.reset();
    await outOfBand(emu, "POST", "/gates", { name: "existing_gate" });
  });

  it("a gate stores every published-only condition and every targetValue form, as sent", async () => {
    const conditions = [...PUBLISHED_ONLY, ...ANY_TARGET_VALUE];
    const { id, outs } = await gateProvider.create(gate("every condition", conditions));
    expect(outs.rules[0].conditions).toEqual(conditions);
    const stored = (await outOfBand(emu, "GET", `/gates/${id}`)) as { data: { rules: { conditions: unknown[] }[] } };
    expect(stored.data.rules[0].conditions).toEqual(conditions);
    // Read back, the same program shows no change.
    const read = await gateProvider.read(id, outs);
    expect((await gateProvider.diff(id, read.props, gate("every condition", conditions))).changes).toBe(false);
  });

  it("a dynamic config takes them on create and on update", async () => {
    const rule = (conditions: unknown[]) => [{ name: "r", passPercentage: 100, conditions, returnValue: { on: true } }];
    const { id, outs } = await dynamicConfigProvider.create({
      name: "every condition",
      defaultValue: {},
      rules: rule(PUBLISHED_ONLY),
    });
    expect(outs.rules[0].conditions).toEqual(PUBLISHED_ONLY);
    const news = { name: "every condition", defaultValue: {}, rules: rule(ANY_TARGET_VALUE) };
    const { outs: updated } = await dynamicConfigProvider.update(id, outs, news);
    expect(updated.rules[0].conditions).toEqual(ANY_TARGET_VALUE);
  });

  it("a segment takes the segment condition types and refuses public (not in the published segment schemas)", async () => {
    const conditions = [
      { type: "environment_tier", operator: "any", targetValue: ["staging"] },
      { type: "unit_id", operator: "is_not_null", targetValue: null },
      ...ANY_TARGET_VALUE.filter((c) => !["time"].includes(c.type)),
    ];
    const { outs } = await segmentProvider.create({
      name: "segment conditions",
      type: "rule_based",
      rules: gate("", conditions).rules,
    });
    expect(outs.rules[0].conditions).toEqual(conditions);
    const err = await rejection<StatsigApiError>(
      segmentProvider.create({
        name: "everyone segment",
        type: "rule_based",
        rules: gate("", [{ type: "public" }]).rules,
      }),
    );
    expect(err.status).toBe(400);
    expect(err.message).toContain("rules[0].conditions[0].type");
  });

  it("generate keeps an Everyone rule (it was dropped as failing check) and the program's check passes", async () => {
    await outOfBand(emu, "POST", "/gates", gate("everyone gate", [{ type: "public" }, ...ANY_TARGET_VALUE]));
    const client = new ConsoleClient({ baseUrl: emu.apiUrl, apiKey: () => emu.apiKey });
    const { source, warnings } = await renderProgram(await readProject(client));
    expect(warnings).toEqual([]);
    expect(source).toContain('type: "public"');
    expect(source).toContain("targetValue: [31]");
  });

  it.each([
    [{ type: "publc" }, "rules[0].conditions[0].type"],
    [{ type: "environment" }, "rules[0].conditions[0].type"],
    [{ type: "custom_field", field: "admin", operator: "eq", targetValue: true }, "rules[0].conditions[0].targetValue"],
    [{ type: "user_id", operator: "any", targetValue: [1, "u"] }, "rules[0].conditions[0].targetValue"],
  ])("refuses %j as the published schema does", async (condition, property) => {
    const err = await rejection<StatsigApiError>(gateProvider.create(gate("refused", [condition])));
    expect(err.status).toBe(400);
    expect(err.message).toContain(property);
  });
});

describe("conditions against the seed shape (the seed's narrower contract)", () => {
  let emu: RunningEmulator;
  beforeAll(async () => {
    emu = await emulatorWithProvider({ shape: "seed" });
  });
  afterAll(() => emu.close());
  beforeEach(async () => {
    emu.reset();
    await outOfBand(emu, "POST", "/gates", { name: "existing_gate" });
  });

  it.each(PUBLISHED_ONLY)("refuses %j", async (condition) => {
    const err = await rejection<StatsigApiError>(gateProvider.create(gate("seed refuses", [condition])));
    expect(err.status).toBe(400);
    expect(err.message).toMatch(/rules\[0\]\.conditions\[0\]\.(type|operator)/);
  });

  it("takes any targetValue (the seed's Condition leaves it unconstrained)", async () => {
    const { outs } = await gateProvider.create(gate("seed takes", ANY_TARGET_VALUE));
    expect(outs.rules[0].conditions).toEqual(ANY_TARGET_VALUE);
  });
});
