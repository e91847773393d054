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
import {
  SCENARIO_PROGRAM,
  Scenario,
  groups,
  idOf,
  nameOf,
  nonGateScenarios as scenarios,
  programResources,
} from "../fixtures/scenarios";

// Each step is a real CLI run (a few seconds); leave room for a loaded CI machine.
jest.setTimeout(180_000);

describe.each(["seed", "published"] as Shape[])("every entity's lifecycle with the real CLI (%s shape)", (shape) => {
  const emu = useEmulator({ shape });
  const t = useStack(`entities-${shape}`, SCENARIO_PROGRAM, emu);

  const setResources = (pick: (s: Scenario) => Record<string, unknown>) =>
    t.stack.setConfig("resources", { value: JSON.stringify(programResources(scenarios, pick)) });
  const stored = (s: Scenario, name = nameOf(s)) => emu.store.get(s.collection, idOf(name));
  /** The edited inputs under the name a rename gives them. */
  const renamed = (s: Scenario) => ({ ...s.inputs, ...s.edit, name: nameOf(s, true) });

  it("up creates all seven", async () => {
    await setResources((s) => s.inputs);
    const up = await t.stack.up();
    expect(up.summary.resourceChanges).toMatchObject({ create: scenarios.length + 1 });
    for (const s of scenarios) expect(stored(s)).toMatchObject({ name: nameOf(s) });
  });

  it("the next preview and refresh show no changes", async () => {
    await t.stack.preview({ expectNoChanges: true });
    await t.stack.refresh({ expectNoChanges: true });
  });

  it("edits update in place, each with only its own endpoint", async () => {
    const mark = emu.requests().length;
    await setResources((s) => ({ ...s.inputs, ...s.edit }));
    const up = await t.stack.up();
    expect(up.summary.resourceChanges).toMatchObject({ update: scenarios.length });
    const written = writesSince(emu, mark);
    expect(written.sort()).toEqual(scenarios.flatMap((s) => s.editWrites).sort());
    await t.stack.preview({ expectNoChanges: true });
  });

  it("refresh records drift made through the API", async () => {
    for (const s of scenarios) await outOfBand(emu, "PATCH", `/${s.collection}/${idOf(nameOf(s))}`, s.drift.body);
    await t.stack.refresh();
    const state = await stateByType(t.stack);
    for (const s of scenarios) {
      const [r] = state(s.type);
      expect((r.outputs as Record<string, unknown>)[s.drift.field]).toBe(s.drift.body[s.drift.field]);
    }
  });

  it("out-of-band deletes are dropped by refresh and recreated by up", async () => {
    for (const s of scenarios) await outOfBand(emu, "DELETE", `/${s.collection}/${idOf(nameOf(s))}`);
    await t.stack.refresh();
    const state = await stateByType(t.stack);
    for (const s of scenarios) expect(state(s.type)).toHaveLength(0);
    const up = await t.stack.up();
    expect(up.summary.resourceChanges).toMatchObject({ create: scenarios.length });
    for (const s of scenarios) expect(stored(s)).toBeDefined();
  });

  it("renames replace", async () => {
    await setResources(renamed);
    const up = await t.stack.up();
    expect(up.summary.resourceChanges).toMatchObject({ replace: scenarios.length });
    for (const s of scenarios) {
      expect(stored(s)).toBeUndefined();
      expect(stored(s, nameOf(s, true))).toBeDefined();
    }
  });

  it("an experiment starts, refuses a group change while active, and resets with new groups", async () => {
    const exp = scenarios.find((s) => s.type === "Experiment")!;
    const withExp = (args: Record<string, unknown>) => (s: Scenario) =>
      s === exp ? { ...renamed(s), ...args } : renamed(s);
    await setResources(withExp({ status: "active" }));
    await t.stack.up();
    expect(stored(exp, nameOf(exp, true))).toMatchObject({ status: "active" });

    const regrouped = [
      { ...groups[0], size: 20 },
      { ...groups[1], size: 80 },
    ];
    await setResources(withExp({ status: "active", groups: regrouped }));
    const err = await rejection(t.stack.preview());
    expect(String(err)).toContain('its groups cannot change. Either set status: "setup"');
    expect(stored(exp, nameOf(exp, true))).toMatchObject({ status: "active", groups });

    await setResources(withExp({ status: "setup", groups: regrouped }));
    await t.stack.up();
    expect(stored(exp, nameOf(exp, true))).toMatchObject({ status: "setup", groups: regrouped });
  });

  it("destroy removes everything", async () => {
    await t.stack.destroy();
    for (const s of scenarios) expect(emu.store.list(s.collection)).toEqual([]);
  });
});
