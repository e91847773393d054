/**
 * The condition typing rules at `check` (issue 11 item 2), for JavaScript programs: a
 * `targetValue` whose shape the operator does not take fails naming the property path, the value
 * and the rule; values unknown during preview are left for `up`. No API calls.
 */
import { UNKNOWN } from "../../../provider/resources/framework";
import { gateDefinition } from "../../../provider/resources/gate";
import { validateCondition } from "../../../provider/resources/common";
import { reasons } from "./entity";

const failures = (condition: Record<string, unknown>) =>
  reasons(gateDefinition, { name: "typed gate", rules: [{ name: "r", conditions: [condition] }] });

describe("condition targetValue rules at check", () => {
  it.each([
    [
      { type: "email", operator: "str_ends_with_any", targetValue: "@example.com" },
      '"@example.com"',
      "a list of strings",
    ],
    [{ type: "email", operator: "str_contains_none", targetValue: [1] }, "[1]", "a list of strings"],
    [{ type: "country", operator: "any", targetValue: "US" }, '"US"', "a list of strings or numbers"],
    [{ type: "custom_field", field: "age", operator: "gt", targetValue: "18" }, '"18"', "a number"],
    [{ type: "app_version", operator: "version_gte", targetValue: "latest" }, '"latest"', "a version string"],
    [{ type: "app_version", operator: "version_lt", targetValue: 2 }, "2", "a version string"],
    [{ type: "time", operator: "after", targetValue: "2026-01-01" }, '"2026-01-01"', "epoch milliseconds"],
    [{ type: "email", operator: "str_matches", targetValue: ["a"] }, '["a"]', "one string"],
    [{ type: "email", operator: "any" }, "missing", "a list of strings or numbers"],
  ])("%j fails naming the path, the value and the rule", async (condition, value, rule) => {
    const [failure, ...rest] = await failures(condition);
    expect(rest).toEqual([]);
    expect(failure).toContain(
      `rules[0].conditions[0].targetValue: is ${value}; operator "${condition.operator}" takes`,
    );
    expect(failure).toContain(rule);
  });

  it.each([
    { type: "email", operator: "str_ends_with_any", targetValue: ["@example.com"] },
    { type: "user_id", operator: "none", targetValue: [42, "u-1"] },
    { type: "custom_field", field: "age", operator: "lte", targetValue: 65 },
    { type: "app_version", operator: "version_gte", targetValue: "1.4.2" },
    { type: "time", operator: "on", targetValue: 1_767_225_600_000 },
    { type: "passes_segment", targetValue: "internal_staff" },
  ])("%j passes", async (condition) => {
    expect(await failures(condition)).toEqual([]);
  });

  it("leaves a value unknown during preview to up", () => {
    expect(validateCondition({ operator: "gt", targetValue: UNKNOWN }, "c")).toEqual([]);
    expect(validateCondition({ operator: "any", targetValue: [UNKNOWN] }, "c")).toEqual([]);
  });
});
