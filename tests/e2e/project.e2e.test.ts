/**
 * A whole Statsig project in one program, all eight resource kinds referring to each other
 * (tag names in tags, gate and segment ids in conditions, layer and gate ids in an experiment, gate
 * ids in a holdout): Pulumi orders creation by those references, the preview after `up` is empty,
 * and `destroy` deletes in dependency order (the layer only after its experiment, which the
 * emulator enforces) leaving the emulator empty. Runs in both response shapes.
 */
import * as fs from "fs";
import * as path from "path";
import { Shape } from "../../emulator/types";
import { REPO, useEmulator, useStack } from "./harness";

// Each step is a real CLI run (a few seconds); leave room for a loaded CI machine.
jest.setTimeout(180_000);

const program = fs.readFileSync(path.join(REPO, "examples", "whole-project", "index.ts"), "utf8");

const COLLECTIONS = ["gates", "dynamic_configs", "segments", "tags", "experiments", "layers", "holdouts", "autotunes"];

describe.each(["seed", "published"] as Shape[])("a whole project with the real CLI (%s shape)", (shape) => {
  const emu = useEmulator({ shape });
  const t = useStack(`project-${shape}`, program, emu);

  it("up creates every kind, references resolved", async () => {
    const up = await t.stack.up();
    expect(up.summary.resourceChanges).toMatchObject({ create: 11 });
    for (const c of COLLECTIONS) expect(emu.store.list(c).length).toBeGreaterThan(0);
    expect(emu.store.get("experiments", "checkout_button_color")).toMatchObject({
      layerID: "checkout_layer",
      targetingGateID: "new_checkout",
      status: "active",
      tags: ["checkout team"],
    });
    expect(emu.store.get("holdouts", "checkout_holdout")).toMatchObject({ gateIDs: ["new_checkout", "beta_ui"] });
  });

  it("the next preview shows no changes", async () => {
    await t.stack.preview({ expectNoChanges: true });
  });

  it("destroy deletes in dependency order and leaves the emulator empty", async () => {
    await t.stack.destroy();
    for (const c of COLLECTIONS) expect(emu.store.list(c)).toEqual([]);
    const deletes = emu
      .requests()
      .filter((r) => r.method === "DELETE")
      .map((r) => r.path);
    const at = (p: string) => deletes.indexOf(p);
    expect(at("/experiments/checkout_button_color")).toBeLessThan(at("/layers/checkout_layer"));
    expect(at("/holdouts/checkout_holdout")).toBeLessThan(at("/gates/new_checkout"));
    expect(at("/gates/beta_ui")).toBeLessThan(at("/segments/beta_testers"));
    expect(emu.requests().every((r) => r.status < 400)).toBe(true);
  });
});
