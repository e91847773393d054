/**
 * Feature flags: a segment of internal users, two gates (a staged rollout and an internal-only
 * switch that targets the segment), and a dynamic config whose values depend on a gate.
 *
 * Run it against the bundled emulator (no Statsig account) or the real API; see README.md in this
 * folder. The end-to-end suite (tests/e2e/examples.e2e.test.ts) runs up, a no-change preview and
 * destroy of this program.
 */
import * as statsig from "pulumi-statsig";

// A rule-based segment: everyone with a company address. Gates and configs refer to it by id in a
// `passes_segment` condition, so Pulumi creates it first.
const internal = new statsig.Segment("internal-users", {
  name: "internal users",
  type: "rule_based",
  description: "Employees and contractors",
  rules: [
    {
      name: "company email",
      conditions: [{ type: "email", operator: "str_ends_with_any", targetValue: ["@example.com", "@example.org"] }],
    },
  ],
});

// A staged rollout: internal users always, then 10% of users in two countries. Raising
// `passPercentage` later is an in-place update of the gate's rules.
const searchV2 = new statsig.Gate("search-v2", {
  name: "search v2",
  description: "The new search backend",
  isEnabled: true,
  rules: [
    {
      name: "internal",
      conditions: [{ type: "passes_segment", operator: "any", targetValue: [internal.id] }],
    },
    {
      name: "rollout",
      passPercentage: 10,
      conditions: [{ type: "country", operator: "any", targetValue: ["US", "CA"] }],
    },
  ],
  // Pin a QA account on, whatever the rules say.
  overrides: { userOverrides: [{ userID: "qa-robot", value: true }] },
});

// A kill switch that only internal users see, and that stays off for everyone else.
const debugPanel = new statsig.Gate("debug-panel", {
  name: "debug panel",
  description: "In-app debugging tools",
  isEnabled: true,
  rules: [{ name: "internal", conditions: [{ type: "passes_segment", operator: "any", targetValue: [internal.id] }] }],
});

// A dynamic config: everyone gets `defaultValue`; users who pass the search gate get the rule's
// `returnValue`.
const searchSettings = new statsig.DynamicConfig("search-settings", {
  name: "search settings",
  description: "Tuning of the search page",
  defaultValue: { resultsPerPage: 20, backend: "v1" },
  rules: [
    {
      name: "search v2 users",
      conditions: [{ type: "passes_gate", operator: "any", targetValue: [searchV2.id] }],
      returnValue: { resultsPerPage: 50, backend: "v2" },
    },
  ],
});

/** The ids a client SDK checks (`checkGate`, `getConfig`). */
export const ids = {
  segment: internal.id,
  gates: [searchV2.id, debugPanel.id],
  config: searchSettings.id,
};
