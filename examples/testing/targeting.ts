/**
 * The targeting of a feature, as plain arguments: the Pulumi program passes them to
 * `new statsig.Segment(...)` / `new statsig.Gate(...)`, and targeting.test.ts evaluates them with
 * Statsig's own SDK. `satisfies` checks them against the resources' arguments while keeping them
 * plain values (no `Output`s), so the test can read them.
 *
 * A reference between entities is the referred entity's id: the service derives it from the name
 * ("internal users" → `internal_users`).
 */
import type * as statsig from "pulumi-statsig";

/** Everyone with a company address. */
export const internalUsers = {
  name: "internal users",
  type: "rule_based",
  rules: [
    {
      name: "company email",
      conditions: [{ type: "email", operator: "str_ends_with_any", targetValue: ["@example.com"] }],
    },
  ],
} satisfies statsig.SegmentArgs;

/** The new search: internal users, then 10 % of users in the US and Canada, never in staging-only rules. */
export const searchV2 = {
  name: "search v2",
  isEnabled: true,
  rules: [
    {
      name: "internal",
      conditions: [{ type: "passes_segment", operator: "any", targetValue: ["internal_users"] }],
    },
    {
      name: "beta testers on staging",
      environments: ["staging"],
      conditions: [{ type: "custom_field", field: "beta", operator: "any", targetValue: ["yes"] }],
    },
    {
      name: "rollout",
      passPercentage: 10,
      conditions: [{ type: "country", operator: "any", targetValue: ["US", "CA"] }],
    },
  ],
} satisfies statsig.GateArgs;
