/**
 * The entity registry (provider/registry.ts) is the one list of kinds: everything that has to know
 * the kinds derives from it, and the references `generate` writes come from each kind's `fields`
 * (`FieldRule.refers`), not from a table of its own.
 */
import * as pkg from "../../provider";
import { ConsoleClient, statsig } from "../../provider/client";
import { KIND_LABELS, KINDS, render, ProjectSnapshot } from "../../provider/generate";
import { NAME_RULES, kindOfType } from "../../provider/kinds";
import { REGISTRY } from "../../provider/registry";
import type { FieldRule } from "../../provider/resources/framework";
import { ENTITY_DEFINITIONS } from "../../provider/resources/definitions";
import { providers } from "../../provider/runtime";

const typeNames = REGISTRY.map((k) => k.definition.typeName);

it("derives dispatch, definitions, generate's kinds and labels, and name rules from the registry", () => {
  expect(Object.keys(providers)).toEqual(typeNames);
  for (const k of REGISTRY) expect(providers[k.definition.typeName]).toBe(k.provider);
  expect(ENTITY_DEFINITIONS.map((d) => d.typeName)).toEqual([...typeNames].sort());
  expect(KINDS).toEqual(REGISTRY.map((k) => k.module));
  expect(Object.keys(KIND_LABELS)).toEqual([...KINDS]);
  expect(Object.keys(NAME_RULES)).toEqual(typeNames.map((t) => t[0].toLowerCase() + t.slice(1)));
});

it("keeps the class names old stacks dispatch to, in generate's declaration order", () => {
  expect(typeNames).toEqual(["Tag", "Segment", "Gate", "DynamicConfig", "Layer", "Experiment", "Holdout", "Autotune"]);
});

it("names a typed API module and a package export for every kind", () => {
  const api = statsig(new ConsoleClient({ apiKey: () => "k", baseUrl: "http://127.0.0.1:9" }));
  for (const k of REGISTRY) {
    expect(typeof api[k.module].list).toBe("function");
    expect((pkg as Record<string, unknown>)[k.definition.typeName]).toEqual(expect.any(Function));
  }
});

it("every reference in a field table names a registered kind", () => {
  const referred: string[] = [];
  for (const k of REGISTRY)
    for (const rule of Object.values(k.definition.fields as Record<string, FieldRule>)) {
      const r = rule.refers;
      if (!r) continue;
      const names = "ids" in r ? [r.ids] : "names" in r ? [r.names] : Object.values(r.conditions);
      referred.push(...names);
    }
  expect(referred.length).toBeGreaterThan(0);
  for (const t of referred) expect(kindOfType(t)).toBeDefined();
});

/** A snapshot with one entity of each referring field. */
const snapshot: ProjectSnapshot = {
  tags: [{ id: "core", name: "core" }],
  segments: [{ id: "beta_users", name: "beta users", type: "id_list", ids: ["u1"] }],
  gates: [
    {
      id: "checkout",
      name: "checkout",
      isEnabled: true,
      tags: ["core"],
      rules: [
        { name: "beta", passPercentage: 100, conditions: [{ type: "passes_segment", targetValue: ["beta_users"] }] },
      ],
    },
  ],
  dynamicConfigs: [],
  layers: [{ id: "checkout_layer", name: "checkout layer", parameters: { a: 1 } }],
  experiments: [
    {
      id: "button",
      name: "button",
      status: "setup",
      layerID: "checkout_layer",
      targetingGateID: "checkout",
      groups: [
        { name: "control", size: 50, parameterValues: { a: 1 } },
        { name: "test", size: 50, parameterValues: { a: 2 } },
      ],
    },
  ],
  holdouts: [{ id: "q3_holdout", name: "q3 holdout", passPercentage: 5, gateIDs: ["checkout"] }],
  autotunes: [],
};

it("generate writes references where the fields say a value refers to another entity", () => {
  const { source, warnings } = render(snapshot);
  expect(warnings).toEqual([]);
  expect(source).toContain("tags: [core.name]");
  expect(source).toContain('{ type: "passes_segment", targetValue: [betaUsers.id] }');
  expect(source).toContain("layerID: checkoutLayer.id");
  expect(source).toContain("targetingGateID: checkout.id");
  expect(source).toContain("gateIDs: [checkout.id]");
});
