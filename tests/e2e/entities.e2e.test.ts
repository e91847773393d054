/**
 * The Gate lifecycle, for every other entity, with the real CLI, in both response shapes. All
 * seven entities live in one stack and go through each step together (one CLI run per step instead
 * of seven): up → empty preview and refresh → in-place update (only the expected write per entity)
 * → drift through the API + refresh → out-of-band delete + refresh + up → rename (replacement) →
 * destroy. Then the experiment's lifecycle: start, a refused group change, reset with new groups.
 */
import { Shape } from "../../emulator/types";
import { rejection } from "../rejection";
import { useEmulator, useStack, outOfBand, stateByType, writesSince } from "./harness";

// Each step is a real CLI run (a few seconds); leave room for a loaded CI machine.
jest.setTimeout(180_000);

const program = `
import * as pulumi from "@pulumi/pulumi";
import * as statsig from "pulumi-statsig";

const cfg = new pulumi.Config();
const specs = cfg.requireObject<Record<string, { type: string; args: Record<string, unknown> }>>("resources");
const ids: Record<string, pulumi.Output<string>> = {};
for (const [name, spec] of Object.entries(specs)) {
  const Ctor = (statsig as unknown as Record<string, new (n: string, a: unknown) => pulumi.CustomResource>)[spec.type];
  ids[name] = new Ctor(name, spec.args).id;
}
export { ids };
`;

const groups = [
  { name: "control", size: 50, parameterValues: { color: "blue" } },
  { name: "green", size: 50, parameterValues: { color: "green" } },
];

interface Scenario {
  type: string;
  collection: string;
  v1: Record<string, unknown>;
  edit: Record<string, unknown>;
  /** The writes the edit may make, as `METHOD /path`. */
  editWrites: string[];
  /** An out-of-band change: body of a PATCH to the entity, and the field that shows it. */
  drift: { body: Record<string, unknown>; field: string };
  rename: string;
}

const scenarios: Scenario[] = [
  {
    type: "DynamicConfig",
    collection: "dynamic_configs",
    v1: {
      name: "pricing config",
      description: "a",
      defaultValue: { currency: "USD" },
      rules: [
        {
          name: "eu",
          conditions: [{ type: "country", operator: "any", targetValue: ["DE"] }],
          returnValue: { currency: "EUR" },
        },
      ],
    },
    edit: { description: "b" },
    editWrites: ["PATCH /dynamic_configs/pricing_config"],
    drift: { body: { description: "drifted" }, field: "description" },
    rename: "pricing config v2",
  },
  {
    type: "Segment",
    collection: "segments",
    v1: { name: "beta users", type: "id_list", description: "a", ids: ["u1", "u2"] },
    edit: { ids: ["u2", "u3"] },
    editWrites: ["PATCH /segments/beta_users/add_ids", "PATCH /segments/beta_users/remove_ids"],
    drift: { body: { name: "beta users", type: "id_list", description: "drifted" }, field: "description" },
    rename: "beta users v2",
  },
  {
    type: "Tag",
    collection: "tags",
    v1: { name: "team checkout", description: "a", color: "#00AA88" },
    edit: { color: "#FF0000" },
    editWrites: ["PATCH /tags/team_checkout"],
    drift: { body: { description: "drifted" }, field: "description" },
    rename: "team checkout v2",
  },
  {
    type: "Experiment",
    collection: "experiments",
    v1: { name: "button color", hypothesis: "green wins", groups, allocation: 100 },
    edit: { hypothesis: "blue wins" },
    editWrites: ["PATCH /experiments/button_color"],
    drift: { body: { description: "drifted" }, field: "description" },
    rename: "button color v2",
  },
  {
    type: "Layer",
    collection: "layers",
    v1: { name: "checkout layer", description: "a", parameters: { color: "blue" } },
    edit: { parameters: { color: "red" } },
    editWrites: ["PATCH /layers/checkout_layer"],
    drift: { body: { description: "drifted" }, field: "description" },
    rename: "checkout layer v2",
  },
  {
    type: "Holdout",
    collection: "holdouts",
    v1: { name: "q3 holdout", description: "a", passPercentage: 5 },
    edit: { passPercentage: 7 },
    editWrites: ["PATCH /holdouts/q3_holdout"],
    drift: { body: { description: "drifted" }, field: "description" },
    rename: "q3 holdout v2",
  },
  {
    type: "Autotune",
    collection: "autotunes",
    v1: { name: "cta copy", successMetric: "purchase", variants: [{ name: "buy", parameterValues: { text: "Buy" } }] },
    edit: { description: "copy test" },
    editWrites: ["PATCH /autotunes/cta_copy"],
    drift: { body: { description: "drifted" }, field: "description" },
    rename: "cta copy v2",
  },
];

const idOf = (name: string) => name.toLowerCase().replace(/ /g, "_");

describe.each(["seed", "published"] as Shape[])("every entity's lifecycle with the real CLI (%s shape)", (shape) => {
  const emu = useEmulator({ shape });
  const t = useStack(`entities-${shape}`, program, emu);

  const setResources = (pick: (s: Scenario) => Record<string, unknown>) =>
    t.stack.setConfig("resources", {
      value: JSON.stringify(Object.fromEntries(scenarios.map((s) => [s.type, { type: s.type, args: pick(s) }]))),
    });
  const stored = (s: Scenario, name = s.v1.name as string) => emu.store.get(s.collection, idOf(name));

  it("up creates all seven", async () => {
    await setResources((s) => s.v1);
    const up = await t.stack.up();
    expect(up.summary.resourceChanges).toMatchObject({ create: scenarios.length + 1 });
    for (const s of scenarios) expect(stored(s)).toMatchObject({ name: s.v1.name });
  });

  it("the next preview and refresh show no changes", async () => {
    await t.stack.preview({ expectNoChanges: true });
    await t.stack.refresh({ expectNoChanges: true });
  });

  it("edits update in place, each with only its own endpoint", async () => {
    const mark = emu.requests().length;
    await setResources((s) => ({ ...s.v1, ...s.edit }));
    const up = await t.stack.up();
    expect(up.summary.resourceChanges).toMatchObject({ update: scenarios.length });
    const written = writesSince(emu, mark);
    expect(written.sort()).toEqual(scenarios.flatMap((s) => s.editWrites).sort());
    await t.stack.preview({ expectNoChanges: true });
  });

  it("refresh records drift made through the API", async () => {
    for (const s of scenarios)
      await outOfBand(emu, "PATCH", `/${s.collection}/${idOf(s.v1.name as string)}`, s.drift.body);
    await t.stack.refresh();
    const state = await stateByType(t.stack);
    for (const s of scenarios) {
      const [r] = state(s.type);
      expect((r.outputs as Record<string, unknown>)[s.drift.field]).toBe(s.drift.body[s.drift.field]);
    }
  });

  it("out-of-band deletes are dropped by refresh and recreated by up", async () => {
    for (const s of scenarios) await outOfBand(emu, "DELETE", `/${s.collection}/${idOf(s.v1.name as string)}`);
    await t.stack.refresh();
    const state = await stateByType(t.stack);
    for (const s of scenarios) expect(state(s.type)).toHaveLength(0);
    const up = await t.stack.up();
    expect(up.summary.resourceChanges).toMatchObject({ create: scenarios.length });
    for (const s of scenarios) expect(stored(s)).toBeDefined();
  });

  it("renames replace", async () => {
    await setResources((s) => ({ ...s.v1, ...s.edit, name: s.rename }));
    const up = await t.stack.up();
    expect(up.summary.resourceChanges).toMatchObject({ replace: scenarios.length });
    for (const s of scenarios) {
      expect(stored(s)).toBeUndefined();
      expect(stored(s, s.rename)).toBeDefined();
    }
  });

  it("an experiment starts, refuses a group change while active, and resets with new groups", async () => {
    const exp = scenarios.find((s) => s.type === "Experiment")!;
    const withExp = (args: Record<string, unknown>) => (s: Scenario) =>
      s === exp ? { ...s.v1, ...s.edit, name: s.rename, ...args } : { ...s.v1, ...s.edit, name: s.rename };
    await setResources(withExp({ status: "active" }));
    await t.stack.up();
    expect(stored(exp, exp.rename)).toMatchObject({ status: "active" });

    const regrouped = [
      { ...groups[0], size: 20 },
      { ...groups[1], size: 80 },
    ];
    await setResources(withExp({ status: "active", groups: regrouped }));
    const err = await rejection(t.stack.preview());
    expect(String(err)).toContain('its groups cannot change. Either set status: "setup"');
    expect(stored(exp, exp.rename)).toMatchObject({ status: "active", groups });

    await setResources(withExp({ status: "setup", groups: regrouped }));
    await t.stack.up();
    expect(stored(exp, exp.rename)).toMatchObject({ status: "setup", groups: regrouped });
  });

  it("destroy removes everything", async () => {
    await t.stack.destroy();
    for (const s of scenarios) expect(emu.store.list(s.collection)).toEqual([]);
  });
});
