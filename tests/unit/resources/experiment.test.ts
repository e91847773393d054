/**
 * Experiment check and diff, and the service-specific refusals at preview (an active
 * experiment's groups and layer, a concluded experiment started again).
 */
import { experimentDefinition } from "../../../provider/resources/experiment";
import { rejection } from "../../rejection";
import { entityTables, providerOf } from "./entity";
import { groups } from "../../fixtures/scenarios";

/** Groups `a` and `b`, half of the traffic each. */
const halves = [
  { name: "a", size: 50 },
  { name: "b", size: 50 },
];

entityTables("Experiment", experimentDefinition, {
  valid: [
    [
      "experiment",
      { name: "button color", groups, allocation: 50, status: "active", layerID: "l", targetingGateID: "g", tags: [] },
    ],
    // Statsig takes groups that set different parameters (issue 16).
    [
      "experiment whose groups set different parameters",
      { name: "button color", groups: [groups[0], { ...groups[1], parameterValues: { colour: "green" } }] },
    ],
  ],
  invalid: [
    [{ name: "button.color" }, 'name: "button.color": experiment names cannot contain "."'],
    [
      { name: "button color", groups: [{ ...groups[0], size: 60 }, groups[1]] },
      "groups: sizes must sum to 100 (they sum to 110)",
    ],
    [
      { name: "button color", groups: [groups[0], { ...groups[1], name: "control" }] },
      'groups[1].name: duplicates groups[0] ("control")',
    ],
    [
      { name: "button color", groups: [{ name: "all", size: 100 }], status: "active" },
      'groups: an experiment needs at least two groups to be "active"',
    ],
    [
      { name: "button color", status: "experiment_stopped" },
      'status: "experiment_stopped" is not an allowed value (one of "setup", "active", "decision_made", "abandoned", "archived")',
    ],
    [{ name: "button color", allocation: 120 }, "allocation: 120 is over 100"],
    [
      { name: "button color", groups, status: "active", launchedGroup: "green" },
      'launchedGroup: goes with status "decision_made" (or "archived")',
    ],
    [
      { name: "button color", groups, status: "decision_made", launchedGroup: "blue" },
      'launchedGroup: "blue" is not one of the groups (control, green)',
    ],
    [
      { name: "button color", overrides: { userIDOverrides: [{ groupId: "control", ids: [] }] } },
      "overrides.userIDOverrides[0]",
    ],
    [{ name: "button color", groups: [{ name: "a" }] }, "groups[0].size: is required"],
  ],
  diff: {
    olds: {
      id: "exp",
      name: "exp",
      status: "setup",
      groups: halves,
      allocation: 100,
      layerID: "l",
      tags: [],
    },
    same: {
      name: "exp",
      status: "setup",
      groups: [
        { name: "a", size: 50, parameterValues: {} },
        { name: "b", size: 50 },
      ],
      layerID: "l",
    },
    updates: {
      description: "e",
      hypothesis: "h",
      allocation: 10,
      tags: ["t"],
      groups: [{ name: "a", size: 100 }],
      targetingGateID: "g",
      idType: "stableID",
      team: "checkout",
      primaryMetrics: [{ name: "purchase", type: "event_count" }],
      secondaryMetrics: [{ name: "dau", type: "user" }],
      primaryMetricTags: ["core"],
      secondaryMetricTags: ["guardrail"],
      controlGroupID: "grp",
      duration: 14,
      targetExposures: 1000,
      targetApps: ["web"],
      links: [{ url: "https://example.com" }],
      defaultConfidenceInterval: "99",
      bonferroniCorrection: true,
      sequentialTesting: true,
      status: "active",
      overrides: { userIDOverrides: [{ groupID: "a", ids: ["u1"] }] },
    },
    replaces: { name: "exp two", layerID: "l2" },
  },
});

describe("refusals at preview", () => {
  const p = providerOf(experimentDefinition);
  const active = {
    id: "exp",
    name: "exp",
    status: "active",
    groups: halves,
    layerID: "l",
  };
  const newGroups = [
    { name: "a", size: 30 },
    { name: "b", size: 70 },
  ];

  it("refuses to change an active experiment's groups, saying what to do instead", async () => {
    const err = await rejection(p.diff("exp", active, { name: "exp", status: "active", groups: newGroups }));
    expect(err.message).toMatch(/experiment "exp" is active: its groups cannot change. Either set status: "setup"/);
  });

  it("allows it together with going back to setup (reset)", async () => {
    const d = await p.diff("exp", active, { name: "exp", status: "setup", groups: newGroups });
    expect(d).toMatchObject({ changes: true, replaces: [] });
  });

  it("refuses to move an active experiment to another layer (a replacement would lose its data)", async () => {
    const err = await rejection(p.diff("exp", active, { name: "exp", layerID: "other" }));
    expect(err.message).toMatch(/moving it to another layer would replace it and discard its data/);
  });

  it("refuses to start a concluded experiment again", async () => {
    const err = await rejection(
      p.diff("exp", { ...active, status: "decision_made" }, { name: "exp", status: "active" }),
    );
    expect(err.message).toMatch(/is decision_made and cannot go to active: a decision is final in Statsig/);
  });
});
