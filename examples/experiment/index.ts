/**
 * An experiment: a layer that owns the parameter being tested, a gate that decides who is eligible,
 * an experiment in that layer targeted by the gate, and a holdout that keeps a small share of
 * users out of the gated feature to measure its long-term effect.
 *
 * Run it against the bundled emulator (no Statsig account) or the real API; see README.md in this
 * folder. The end-to-end suite (tests/e2e/examples.e2e.test.ts) runs up, a no-change preview and
 * destroy of this program.
 */
import * as statsig from "pulumi-statsig";

// The layer declares the parameters its experiments may set, with the values users outside any
// experiment get.
const onboarding = new statsig.Layer("onboarding", {
  name: "onboarding",
  description: "Experiments on the sign-up flow",
  parameters: { steps: 3, showVideo: false },
});

// Only new web users are eligible.
const eligible = new statsig.Gate("onboarding-eligible", {
  name: "onboarding eligible",
  description: "Users who may enter onboarding experiments",
  isEnabled: true,
  rules: [
    {
      name: "web",
      conditions: [{ type: "browser_name", operator: "any", targetValue: ["Chrome", "Firefox", "Safari"] }],
    },
  ],
});

// Group sizes sum to 100 and every group sets the same parameters. `allocation` is the share of
// eligible users that enter the experiment. Changing `layerID` replaces the experiment.
const shortSignup = new statsig.Experiment("short-signup", {
  name: "short signup",
  hypothesis: "Two steps and a video raise completed sign-ups",
  layerID: onboarding.id,
  targetingGateID: eligible.id,
  allocation: 50,
  groups: [
    { name: "control", size: 50, parameterValues: { steps: 3, showVideo: false } },
    { name: "short", size: 50, parameterValues: { steps: 2, showVideo: true } },
  ],
  // `"setup"` until the groups are final: once `"active"`, groups and the targeting gate are
  // refused at preview (starting again needs `"setup"`, which resets the collected data).
  status: "setup",
});

// 2% of users never see the gated onboarding changes.
const holdout = new statsig.Holdout("onboarding-holdout", {
  name: "onboarding holdout",
  description: "Long-term effect of onboarding changes",
  passPercentage: 2,
  gateIDs: [eligible.id],
});

/** Ids for the client SDK (`getExperiment`, `getLayer`) and the console. */
export const ids = {
  layer: onboarding.id,
  gate: eligible.id,
  experiment: shortSignup.id,
  experimentStatus: shortSignup.status,
  holdout: holdout.id,
};
