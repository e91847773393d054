/**
 * Type-level test of `ConditionInput` (issue 11 item 2), compiled by `npm run lint` (tsc over
 * tests/): each `@ts-expect-error` line is a value shape the service refuses, and tsc fails if it
 * ever compiles (an unused `@ts-expect-error` is an error). The unmarked lines must compile.
 */
import * as pulumi from "@pulumi/pulumi";
import type { ConditionInput, GateArgs } from "../../../provider";

const gateId: pulumi.Output<string> = pulumi.output("new_checkout");

/** Conditions that must compile. */
export const accepted: ConditionInput[] = [
  { type: "email", operator: "str_ends_with_any", targetValue: ["@example.com"] },
  { type: "country", operator: "any", targetValue: ["US", "CA"] },
  { type: "user_id", operator: "none", targetValue: [42, "u-1"] },
  { type: "passes_gate", operator: "any", targetValue: [gateId] },
  { type: "custom_field", field: "plan", operator: "str_matches", targetValue: "^pro" },
  { type: "custom_field", field: "age", operator: "gte", targetValue: 18 },
  { type: "app_version", operator: "version_gte", targetValue: "1.4.2" },
  { type: "time", operator: "after", targetValue: 1_767_225_600_000 },
  { type: "passes_segment", targetValue: "internal_staff" },
  { type: "environment" },
];

/** Conditions that must not compile. */
export const refused: ConditionInput[] = [
  // @ts-expect-error a `*_any` operator takes a list, not one string
  { type: "email", operator: "str_ends_with_any", targetValue: "@example.com" },
  // @ts-expect-error `str_*` operators take strings only
  { type: "email", operator: "str_contains_any", targetValue: [1] },
  // @ts-expect-error `any` takes a list
  { type: "country", operator: "any", targetValue: "US" },
  // @ts-expect-error `gt` takes a number
  { type: "custom_field", field: "age", operator: "gt", targetValue: "18" },
  // @ts-expect-error `version_*` takes a version string
  { type: "app_version", operator: "version_lt", targetValue: "latest" },
  // @ts-expect-error `version_*` takes a string, not a number
  { type: "os_version", operator: "version_gte", targetValue: 14 },
  // @ts-expect-error `before` takes epoch milliseconds
  { type: "time", operator: "before", targetValue: "2026-01-01" },
  // @ts-expect-error `str_matches` takes one string
  { type: "email", operator: "str_matches", targetValue: ["a", "b"] },
  // @ts-expect-error an operator the service does not have
  { type: "email", operator: "ends_with", targetValue: ["@example.com"] },
  // @ts-expect-error a condition type the service does not have
  { type: "public" },
];

/** The same rules through a resource's args. */
export const gateArgs: GateArgs = {
  name: "typed",
  rules: [
    {
      name: "staff",
      // @ts-expect-error a `*_any` operator takes a list, also inside GateArgs
      conditions: [{ type: "email", operator: "str_ends_with_any", targetValue: "@example.com" }],
    },
  ],
};
