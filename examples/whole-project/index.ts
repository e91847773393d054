/**
 * A whole Statsig project as one program: all eight resource kinds, referring to each other
 * through outputs so Pulumi creates (and destroys) them in dependency order. Used by the
 * end-to-end suite (tests/e2e/project.e2e.test.ts) and usable as a starting point.
 */
import * as statsig from "pulumi-statsig";

const team = new statsig.Tag("team", {
  name: "checkout team",
  description: "Owned by the checkout squad",
  color: "#00AA88",
});
const launch = new statsig.Tag("launch", { name: "q3 launch", description: "Ships in Q3" });

const newCheckout = new statsig.Gate("new-checkout", {
  name: "new checkout",
  description: "The redesigned checkout",
  isEnabled: true,
  tags: [team.name, launch.name],
  rules: [
    {
      name: "employees",
      conditions: [{ type: "email", operator: "str_ends_with_any", targetValue: ["@example.com"] }],
    },
  ],
});

const betaTesters = new statsig.Segment("beta-testers", {
  name: "beta testers",
  type: "id_list",
  ids: ["user-1", "user-2", "user-3"],
  tags: [team.name],
});

const betaUi = new statsig.Gate("beta-ui", {
  name: "beta ui",
  rules: [
    { name: "beta testers", conditions: [{ type: "passes_segment", operator: "any", targetValue: [betaTesters.id] }] },
  ],
});

const checkoutConfig = new statsig.DynamicConfig("checkout-config", {
  name: "checkout config",
  defaultValue: { maxItems: 20, expressPay: false },
  rules: [
    {
      name: "new checkout users",
      conditions: [{ type: "passes_gate", operator: "any", targetValue: [newCheckout.id] }],
      returnValue: { maxItems: 50, expressPay: true },
    },
  ],
  tags: [team.name],
});

const layer = new statsig.Layer("checkout-layer", {
  name: "checkout layer",
  description: "Experiments on the checkout page",
  parameters: { buttonColor: "blue" },
});

const experiment = new statsig.Experiment("button-color", {
  name: "checkout button color",
  hypothesis: "A green button increases completed checkouts",
  layerID: layer.id,
  targetingGateID: newCheckout.id,
  groups: [
    { name: "control", size: 50, parameterValues: { buttonColor: "blue" } },
    { name: "green", size: 50, parameterValues: { buttonColor: "green" } },
  ],
  allocation: 100,
  tags: [team.name],
  status: "active",
});

const holdout = new statsig.Holdout("holdout", {
  name: "checkout holdout",
  description: "Measures the combined effect of checkout launches",
  passPercentage: 5,
  gateIDs: [newCheckout.id, betaUi.id],
});

const autotune = new statsig.Autotune("cta-copy", {
  name: "cta copy",
  successMetric: "purchase",
  variants: [
    { name: "buy now", parameterValues: { text: "Buy now" } },
    { name: "get it", parameterValues: { text: "Get it" } },
  ],
});

export const ids = {
  gates: [newCheckout.id, betaUi.id],
  segment: betaTesters.id,
  config: checkoutConfig.id,
  layer: layer.id,
  experiment: experiment.id,
  experimentStatus: experiment.status,
  holdout: holdout.id,
  autotune: autotune.id,
};
