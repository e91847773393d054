/**
 * The demo stack: a small but realistic Statsig project, managed as code.
 *
 * `npm run demo` runs it against the embedded Console API emulator; point `statsig:apiUrl` (or
 * STATSIG_API_URL) at the real service and set `statsig:consoleApiKey` to run it for real.
 */
import * as statsig from "pulumi-statsig";

const newCheckout = new statsig.Gate("new-checkout", {
  name: "new_checkout",
  description: "The redesigned checkout flow",
  isEnabled: true,
  rules: [
    {
      name: "employees",
      passPercentage: 100,
      conditions: [{ type: "email", operator: "str_ends_with_any", targetValue: ["@example.com"] }],
    },
    {
      name: "beta customers",
      passPercentage: 25,
      conditions: [{ type: "custom_field", field: "plan", operator: "any", targetValue: ["beta"] }],
      environments: ["production"],
    },
  ],
  tags: ["checkout"],
  overrides: { userOverrides: [{ userID: "qa-robot", value: true }] },
});

const legacySearch = new statsig.Gate("legacy-search", {
  name: "legacy_search",
  description: "Old search backend, kept for rollback",
  status: "launched",
});

const darkMode = new statsig.Gate("dark-mode", {
  name: "dark mode",
  description: "Dark theme for everyone who passes new_checkout",
  rules: [
    {
      name: "checkout cohort",
      conditions: [{ type: "passes_gate", operator: "any", targetValue: [newCheckout.id] }],
    },
  ],
});

export const gates = {
  newCheckout: newCheckout.id,
  legacySearch: legacySearch.status,
  darkMode: darkMode.id,
};
