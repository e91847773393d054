/**
 * Conditions at `check` (issue 16 item 1): never stricter than Statsig. Every condition type (the
 * seed's and the published API's) × every operator Statsig evaluates (and none) × every
 * `targetValue` form the published API accepts passes `check` on gates, dynamic configs and
 * segments; a misspelt type or operator, or a value of no published form, fails naming the value.
 * No API calls.
 */
import { loadSpec } from "../../../provider/spec";
import { PUBLISHED_CONDITION_TYPES, STATSIG_OPERATORS } from "../../../provider/spec/published";
import { gateDefinition } from "../../../provider/resources/gate";
import { dynamicConfigDefinition } from "../../../provider/resources/dynamicConfig";
import { segmentDefinition } from "../../../provider/resources/segment";
import { AnyDef, reasons } from "./entity";

const seedTypes = (loadSpec().components.schemas.Condition as { properties: { type: { enum: string[] } } }).properties
  .type.enum;
const seedOperators = (loadSpec().components.schemas.Condition as { properties: { operator: { enum: string[] } } })
  .properties.operator.enum;

/** Every condition type: the union of the seed's enum and the published one. */
const TYPES = [...new Set([...seedTypes, ...PUBLISHED_CONDITION_TYPES])];
/** Every operator, and the three ways of saying none (absent, null, ""). */
const OPERATORS: (string | null | undefined)[] = [...STATSIG_OPERATORS, "", null, undefined];
/** The published `targetValue` forms (`string | number | string[] | number[]`, nullable), and absent. */
const TARGET_VALUES: unknown[] = ["31", 31, 1.5, ["a", "b"], ["31"], [31], [1643070357193, 2], [], null, undefined];

/** Where rules live, with the rest of a valid input. */
const ENTITIES: [string, AnyDef, Record<string, unknown>][] = [
  ["gate", gateDefinition, { name: "every condition" }],
  ["dynamic config", dynamicConfigDefinition, { name: "every condition", defaultValue: {} }],
  ["segment", segmentDefinition, { name: "every condition", type: "rule_based" }],
];

/** One condition, with `field` where the type reads one (`custom_field`). */
function condition(type: string, operator: string | null | undefined, targetValue: unknown): Record<string, unknown> {
  const c: Record<string, unknown> = { type };
  if (operator !== undefined) c.operator = operator;
  if (targetValue !== undefined) c.targetValue = targetValue;
  if (type === "custom_field") c.field = "age";
  return c;
}

const withCondition = (base: Record<string, unknown>, c: Record<string, unknown>) => ({
  ...base,
  rules: [{ name: "r", conditions: [c] }],
});

describe("condition types, operators and targetValue forms at check", () => {
  it("covers the seed's types and operators and the published types", () => {
    expect(TYPES).toEqual(expect.arrayContaining([...seedTypes, "public", "environment_tier", "target_app"]));
    expect(STATSIG_OPERATORS).toEqual(expect.arrayContaining(seedOperators));
    expect(STATSIG_OPERATORS).toEqual(
      expect.arrayContaining(["is_null", "is_not_null", "version_eq", "version_neq", "eq", "neq"]),
    );
    expect(STATSIG_OPERATORS).toEqual(expect.arrayContaining(["any_case_sensitive", "array_contains_any"]));
  });

  describe.each(ENTITIES)("%s", (_kind, def, base) => {
    it.each(TYPES)("type %s passes with every operator and targetValue form", async (type) => {
      // One rule per operator, one condition per form: a failure names its rule and condition.
      const rules = OPERATORS.map((operator, i) => ({
        name: `r${i}`,
        conditions: TARGET_VALUES.map((v) => condition(type, operator, v)),
      }));
      expect(await reasons(def, { ...base, rules })).toEqual([]);
    });

    it("fails a misspelt condition type naming the value and the allowed types", async () => {
      const [failure, ...rest] = await reasons(def, withCondition(base, { type: "publc" }));
      expect(rest).toEqual([]);
      expect(failure).toMatch(/^rules\[0\]\.conditions\[0\]\.type: "publc" is not a condition type \(one of /);
      expect(failure).toContain('"public"');
      expect(failure).toContain('"user_id"');
      expect(failure).toContain('"environment"');
    });

    it("fails a misspelt operator naming the value and the allowed operators", async () => {
      const failures = await reasons(
        def,
        withCondition(base, { type: "email", operator: "str_ends_with", targetValue: ["@example.com"] }),
      );
      expect(failures).toHaveLength(1);
      expect(failures[0]).toMatch(
        /^rules\[0\]\.conditions\[0\]\.operator: "str_ends_with" is not an operator \(one of /,
      );
      expect(failures[0]).toContain('"str_ends_with_any"');
      expect(failures[0]).toContain("; or none)");
    });
  });
});

describe("conditions the published API refuses", () => {
  it.each([
    [{ type: "custom_field", field: "admin", operator: "eq", targetValue: true }, "targetValue: true is not a string"],
    [{ type: "user_id", operator: "any", targetValue: { id: "u" } }, 'targetValue: {"id":"u"} is not a string'],
    [{ type: "user_id", operator: "any", targetValue: [["u"]] }, 'targetValue[0]: ["u"] is not a string or number'],
    [{ type: "user_id", operator: "any", targetValue: [false] }, "targetValue[0]: false is not a string or number"],
    [{ type: 7 }, "type: 7 is not a condition type"],
    [{ type: "email", operator: 3 }, "operator: 3 is not an operator"],
    [{ type: "email", operator: "GT", targetValue: 3 }, 'operator: "GT" is not an operator'],
    [{ type: "unit_id", customID: 5 }, "customID: 5 is not a string or null"],
    [{ type: "public", operater: "any" }, "operater: is not a known property"],
  ])("%j fails naming the value", async (c, expected) => {
    const failures = await reasons(gateDefinition, withCondition({ name: "refused" }, c));
    expect(failures).toHaveLength(1);
    expect(failures[0]).toContain(`rules[0].conditions[0].${expected}`);
  });

  it("a custom_field condition needs its field", async () => {
    expect(
      await reasons(
        gateDefinition,
        withCondition({ name: "no field" }, { type: "custom_field", operator: "gt", targetValue: 31 }),
      ),
    ).toEqual(["rules[0].conditions[0].field: is required when type is custom_field"]);
  });
});

describe("conditions the issue found refused and Statsig takes (issue 16)", () => {
  it.each([
    { type: "public" },
    { type: "public", targetValue: [] },
    { type: "environment_tier", operator: "any", targetValue: ["production"] },
    { type: "custom_field", field: "age", operator: "gt", targetValue: [31] },
    { type: "custom_field", field: "age", operator: "gt", targetValue: ["31"] },
    { type: "app_version", operator: "version_gt", targetValue: ["1.1.1"] },
    { type: "time", operator: "after", targetValue: [1643070357193] },
    { type: "email", operator: "str_contains_any", targetValue: "@example.com" },
    { type: "country", operator: "any", targetValue: "US" },
    { type: "user_id", operator: "any", targetValue: 42 },
    { type: "user_id", operator: "none", targetValue: [42, "u-1"] },
    { type: "unit_id", operator: "is_null" },
    { type: "unit_id", operator: "any", targetValue: ["acme"] },
    { type: "unit_id", customID: null, operator: "is_not_null", targetValue: null },
    { type: "passes_gate", operator: "", targetValue: "my_gate_2" },
    { type: "custom_field", field: "tags", operator: "array_contains_all", targetValue: ["a", "b"] },
    { type: "os_version", operator: "version_neq", targetValue: "11.0.0" },
    { type: "email", operator: "none_case_sensitive", targetValue: ["A@x.com"] },
  ])("%j passes", async (c) => {
    expect(await reasons(gateDefinition, withCondition({ name: "taken" }, c))).toEqual([]);
  });
});
