/**
 * Type-level test of `ConditionInput` (issue 16 item 1, issue 17 item 6), compiled by `npm run lint`
 * (tsc over tests/): each `@ts-expect-error` line is a condition the types must refuse, and tsc
 * fails if it ever compiles (an unused `@ts-expect-error` is an error). The unmarked lines must
 * compile: every form Statsig takes, whatever the operator. `tests/unit/resources/conditions.test.ts`
 * checks that tsc's message for a misspelt operator lists the allowed values.
 */
import * as pulumi from "@pulumi/pulumi";
import type { ConditionInput, GateArgs } from "../../../provider";

const gateId: pulumi.Output<string> = pulumi.output("new_checkout");

/** Conditions that must compile (the published API takes each). */
export const accepted: ConditionInput[] = [
  { type: "public" },
  { type: "public", targetValue: [] },
  { type: "email", operator: "str_ends_with_any", targetValue: ["@example.com"] },
  { type: "email", operator: "str_contains_any", targetValue: "@example.com" },
  { type: "country", operator: "any", targetValue: ["US", "CA"] },
  { type: "country", operator: "any", targetValue: "US" },
  { type: "user_id", operator: "none", targetValue: [42, "u-1"] },
  { type: "passes_gate", operator: "any", targetValue: [gateId] },
  { type: "passes_gate", targetValue: gateId },
  { type: "custom_field", field: "plan", operator: "str_matches", targetValue: "^pro" },
  { type: "custom_field", field: "age", operator: "gte", targetValue: 18 },
  { type: "custom_field", field: "age", operator: "gt", targetValue: [31] },
  { type: "custom_field", field: "age", operator: "gt", targetValue: ["31"] },
  { type: "app_version", operator: "version_gte", targetValue: "1.4.2" },
  { type: "app_version", operator: "version_gt", targetValue: ["1.1.1"] },
  { type: "time", operator: "after", targetValue: 1_767_225_600_000 },
  { type: "time", operator: "after", targetValue: [1643070357193] },
  { type: "passes_segment", targetValue: "internal_staff" },
  { type: "environment" },
  { type: "environment_tier", operator: "any", targetValue: ["production"] },
  { type: "unit_id", operator: "is_null" },
  { type: "unit_id", customID: "companyID", operator: "is_not_null", targetValue: null },
  { type: "os_version", operator: "version_neq", targetValue: "11.0.0" },
  { type: "custom_field", field: "tags", operator: "array_contains_all", targetValue: ["a"] },
  { type: "target_app", operator: "", targetValue: ["web"] },
  { type: "locale", operator: null, targetValue: null },
];

/** Conditions that must not compile. */
export const refused: ConditionInput[] = [
  // @ts-expect-error an operator Statsig does not have (misspelt `str_ends_with_any`)
  { type: "email", operator: "str_ends_with", targetValue: ["@example.com"] },
  // @ts-expect-error a condition type Statsig does not have (misspelt `public`)
  { type: "publc" },
  // @ts-expect-error no published `targetValue` form is a boolean
  { type: "custom_field", field: "admin", operator: "eq", targetValue: true },
  // @ts-expect-error nor an object
  { type: "user_id", operator: "any", targetValue: { id: "u" } },
  // @ts-expect-error a condition needs its type
  { operator: "any", targetValue: ["u"] },
];

/** The same rules through a resource's args. */
export const gateArgs: GateArgs = {
  name: "typed",
  rules: [
    {
      name: "staff",
      // @ts-expect-error a misspelt operator, also inside GateArgs
      conditions: [{ type: "email", operator: "str_ends_with", targetValue: ["@example.com"] }],
    },
  ],
};
