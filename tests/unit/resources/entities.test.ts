/**
 * Check and diff tables of every entity besides Gate (gate.test.ts): which inputs are rejected and
 * why, which fields replace and which update in place, and the service-specific refusals
 * (an active experiment's groups). No API calls: the client getter throws.
 */
import { ConsoleClient } from "../../../provider/client";
import { EntityDefinition, makeProvider } from "../../../provider/resources/framework";
import { autotuneDefinition } from "../../../provider/resources/autotune";
import { dynamicConfigDefinition } from "../../../provider/resources/dynamicConfig";
import { experimentDefinition } from "../../../provider/resources/experiment";
import { gateDefinition } from "../../../provider/resources/gate";
import { holdoutDefinition } from "../../../provider/resources/holdout";
import { layerDefinition } from "../../../provider/resources/layer";
import { segmentDefinition } from "../../../provider/resources/segment";
import { tagDefinition } from "../../../provider/resources/tag";
import { rejection } from "../../rejection";

const noClient = (): ConsoleClient => {
  throw new Error("check/diff must not call the API");
};
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDef = EntityDefinition<any, any>;
const providerOf = (def: AnyDef) => makeProvider(def, noClient);

async function reasons(def: AnyDef, news: Record<string, unknown>): Promise<string[]> {
  return ((await providerOf(def).check({}, news)).failures ?? []).map((f) => `${f.property}: ${f.reason}`);
}

const groups = [
  { name: "control", size: 50, parameterValues: { color: "blue" } },
  { name: "green", size: 50, parameterValues: { color: "green" } },
];

describe("check", () => {
  const valid: [string, AnyDef, Record<string, unknown>][] = [
    [
      "DynamicConfig",
      dynamicConfigDefinition,
      {
        name: "pricing",
        defaultValue: { a: 1 },
        isEnabled: true,
        rules: [{ name: "eu", returnValue: { a: 2 } }],
        tags: ["x"],
      },
    ],
    ["Segment (id list)", segmentDefinition, { name: "beta testers", type: "id_list", ids: ["u1"] }],
    [
      "Segment (rules)",
      segmentDefinition,
      {
        name: "beta testers",
        type: "rule_based",
        rules: [{ name: "r", conditions: [{ type: "country", operator: "any", targetValue: ["DE"] }] }],
      },
    ],
    ["Tag", tagDefinition, { name: "team checkout", description: "d", color: "#00AA88" }],
    [
      "Experiment",
      experimentDefinition,
      { name: "button color", groups, allocation: 50, status: "active", layerID: "l", targetingGateID: "g", tags: [] },
    ],
    ["Layer", layerDefinition, { name: "checkout layer", parameters: { color: "blue" } }],
    ["Holdout", holdoutDefinition, { name: "q3 holdout", passPercentage: 5, gateIDs: ["a", "b"] }],
    [
      "Autotune",
      autotuneDefinition,
      { name: "cta copy", successMetric: "purchase", variants: [{ name: "a" }, { name: "b" }] },
    ],
  ];
  it.each(valid)("accepts a valid %s", async (_n, def, news) => {
    expect(await reasons(def, news)).toEqual([]);
  });

  const invalid: [string, AnyDef, Record<string, unknown>, string][] = [
    [
      "DynamicConfig",
      dynamicConfigDefinition,
      { name: "pricing", defaultValue: "USD" },
      "defaultValue: must be object",
    ],
    [
      "DynamicConfig",
      dynamicConfigDefinition,
      { name: "pricing", rules: [{ name: "a" }, { name: "a" }] },
      "rules[1].name: duplicates",
    ],
    ["Segment", segmentDefinition, { name: "beta testers" }, "type: is required"],
    ["Segment", segmentDefinition, { name: "beta testers", type: "by_magic" }, "type: must be one of"],
    [
      "Segment",
      segmentDefinition,
      { name: "beta testers", type: "id_list", rules: [{ name: "r" }] },
      "rules: an id_list segment has no rules",
    ],
    [
      "Segment",
      segmentDefinition,
      { name: "beta testers", type: "rule_based", ids: ["u"] },
      "ids: only an id_list segment has ids",
    ],
    [
      "Segment",
      segmentDefinition,
      { name: "beta testers", type: "rule_based", rules: [{ name: "r", returnValue: {} }] },
      "rules[0].returnValue: cannot be set here",
    ],
    ["Tag", tagDefinition, { name: "team", colour: "red" }, "colour: is not a known property"],
    ["Experiment", experimentDefinition, { name: "button.color" }, "name: must match pattern"],
    [
      "Experiment",
      experimentDefinition,
      { name: "button color", groups: [{ ...groups[0], size: 60 }, groups[1]] },
      "groups: sizes must sum to 100 (they sum to 110)",
    ],
    [
      "Experiment",
      experimentDefinition,
      { name: "button color", groups: [groups[0], { ...groups[1], name: "control" }] },
      'groups[1].name: duplicates groups[0] ("control")',
    ],
    [
      "Experiment",
      experimentDefinition,
      { name: "button color", groups: [groups[0], { ...groups[1], parameterValues: { colour: "green" } }] },
      "groups[1].parameterValues: must set the same parameters as groups[0] (color), got colour",
    ],
    [
      "Experiment",
      experimentDefinition,
      { name: "button color", groups: [{ name: "all", size: 100 }], status: "active" },
      'groups: an experiment needs at least two groups to be "active"',
    ],
    [
      "Experiment",
      experimentDefinition,
      { name: "button color", status: "decision_made" },
      'status: must be one of "setup", "active"',
    ],
    ["Experiment", experimentDefinition, { name: "button color", allocation: 120 }, "allocation: must be <= 100"],
    [
      "Experiment",
      experimentDefinition,
      { name: "button color", groups: [{ name: "a" }] },
      "groups[0].size: is required",
    ],
    ["Layer", layerDefinition, { name: "checkout layer", parameters: [1] }, "parameters: must be object"],
    ["Holdout", holdoutDefinition, { name: "q3 holdout", passPercentage: 101 }, "passPercentage: must be <= 100"],
    ["Holdout", holdoutDefinition, { name: "q3 holdout", gateIDs: ["a", "a"] }, 'gateIDs[1]: duplicates "a"'],
    ["Autotune", autotuneDefinition, { name: "cta copy" }, "successMetric: is required"],
    [
      "Autotune",
      autotuneDefinition,
      { name: "cta copy", successMetric: "m", variants: [{ name: "a" }, { name: "a" }] },
      "variants[1].name: duplicates",
    ],
  ];
  it.each(invalid)("rejects a %s with %j: %s", async (_n, def, news, expected) => {
    const got = await reasons(def, news);
    expect(got.some((r) => r.startsWith(expected))).toBe(true);
  });
});

/** For each entity: the recorded outputs, and which single-field edits replace or update. */
const diffTable: {
  type: string;
  def: AnyDef;
  olds: Record<string, unknown>;
  same: Record<string, unknown>;
  updates: Record<string, unknown>;
  replaces: Record<string, unknown>;
}[] = [
  {
    type: "Gate",
    def: gateDefinition,
    olds: { id: "g_one", name: "g one", description: "d", tags: ["a"], rules: [], createdTime: 1 },
    same: { name: "g one", description: "d", tags: ["a"] },
    updates: {
      description: "e",
      isEnabled: false,
      rules: [{ name: "r" }],
      tags: ["b"],
      targetApps: ["web"],
      status: "launched",
      overrides: { userOverrides: [] },
    },
    replaces: { name: "g two" },
  },
  {
    type: "DynamicConfig",
    def: dynamicConfigDefinition,
    olds: {
      id: "cfg",
      name: "cfg",
      description: "d",
      defaultValue: { a: 1 },
      rules: [{ id: "x", name: "r", returnValue: { a: 2 } }],
      tags: [],
      isEnabled: true,
      createdTime: 1,
      lastModifiedTime: 2,
    },
    same: { name: "cfg", description: "d", defaultValue: { a: 1 }, rules: [{ name: "r", returnValue: { a: 2 } }] },
    updates: { description: "e", isEnabled: false, defaultValue: { a: 3 }, rules: [], tags: ["t"] },
    replaces: { name: "cfg two" },
  },
  {
    type: "Segment",
    def: segmentDefinition,
    olds: {
      id: "seg",
      name: "seg",
      type: "id_list",
      description: "",
      rules: [],
      tags: [],
      ids: ["b", "a"],
      createdTime: 1,
    },
    same: { name: "seg", type: "id_list", ids: ["a", "b", "a"] },
    updates: { description: "e", tags: ["t"], ids: ["a"] },
    replaces: { name: "seg two", type: "rule_based" },
  },
  {
    type: "Tag",
    def: tagDefinition,
    olds: { id: "tag", name: "tag", description: "d", color: "red" },
    same: { name: "tag", description: "d", color: "red" },
    updates: { description: "e", color: "blue" },
    replaces: { name: "tag two" },
  },
  {
    type: "Experiment",
    def: experimentDefinition,
    olds: {
      id: "exp",
      name: "exp",
      status: "setup",
      groups: [
        { name: "a", size: 50 },
        { name: "b", size: 50 },
      ],
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
      status: "active",
    },
    replaces: { name: "exp two", layerID: "l2" },
  },
  {
    type: "Layer",
    def: layerDefinition,
    olds: { id: "lay", name: "lay", description: "", parameters: { a: 1 }, createdTime: 1 },
    same: { name: "lay", parameters: { a: 1 } },
    updates: { description: "e", parameters: { a: 2 } },
    replaces: { name: "lay two" },
  },
  {
    type: "Holdout",
    def: holdoutDefinition,
    olds: { id: "hold", name: "hold", description: "", passPercentage: 5, gateIDs: ["b", "a"], isEnabled: true },
    same: { name: "hold", passPercentage: 5, gateIDs: ["a", "b"] },
    updates: { description: "e", passPercentage: 6, gateIDs: ["a"] },
    replaces: { name: "hold two" },
  },
  {
    type: "Autotune",
    def: autotuneDefinition,
    olds: {
      id: "auto",
      name: "auto",
      description: "",
      successMetric: "m",
      variants: [{ name: "a", parameterValues: {} }],
      status: "setup",
    },
    same: { name: "auto", successMetric: "m", variants: [{ name: "a" }] },
    updates: { description: "e", successMetric: "n", variants: [] },
    replaces: { name: "auto two" },
  },
];

describe.each(diffTable)("$type diff", ({ def, olds, same, updates, replaces }) => {
  const p = providerOf(def);
  it("sees no change for the inputs that produced the outputs", async () => {
    expect((await p.diff("id", olds, same)).changes).toBe(false);
  });
  it.each(Object.entries(updates))("updates %s in place", async (field, value) => {
    const d = await p.diff("id", olds, { ...same, [field]: value });
    expect(d).toMatchObject({ changes: true, replaces: [] });
  });
  it.each(Object.entries(replaces))("replaces on %s", async (field, value) => {
    const d = await p.diff("id", olds, { ...same, [field]: value });
    expect(d).toMatchObject({ changes: true, replaces: [field] });
  });
});

describe("refusals at preview", () => {
  const p = providerOf(experimentDefinition);
  const active = {
    id: "exp",
    name: "exp",
    status: "active",
    groups: [
      { name: "a", size: 50 },
      { name: "b", size: 50 },
    ],
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
    expect(err.message).toMatch(/is decision_made and cannot be started again/);
  });

  it("a segment type change deletes before replacing (same name, same id)", async () => {
    const seg = providerOf(segmentDefinition);
    const d = await seg.diff("s", { id: "s", name: "s", type: "id_list" }, { name: "s", type: "rule_based" });
    expect(d).toEqual({ changes: true, replaces: ["type"], deleteBeforeReplace: true });
  });
});
