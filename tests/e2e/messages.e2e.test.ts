/**
 * What the CLI prints (issue 9, items 7 and 8), read from the real `pulumi` output: an expected
 * refusal reads once, with no doubled `Error: X: Error: X` prefix and no stack trace; a check
 * failure names the offending value and a human rule; a preview warns, naming the resource and the
 * consequence, before an experiment goes back from active to setup (its data is discarded) and
 * before a delete-before-replace (the entity briefly does not exist).
 */
import { rejection } from "../rejection";
import { useEmulator, useStack } from "./harness";

jest.setTimeout(180_000);

const program = `
import * as pulumi from "@pulumi/pulumi";
import * as statsig from "pulumi-statsig";

const cfg = new pulumi.Config();
new statsig.Experiment("exp", cfg.requireObject<statsig.ExperimentArgs>("experiment"));
new statsig.Gate("gate", cfg.requireObject<statsig.GateArgs>("gate"));
`;

const groups = [
  { name: "control", size: 50, parameterValues: { color: "blue" } },
  { name: "green", size: 50, parameterValues: { color: "green" } },
];
const experiment = { name: "button color", groups, status: "active" };
const gate = { name: "checkout", description: "a" };

describe("messages and warnings in the CLI's output", () => {
  const emu = useEmulator();
  const t = useStack("messages", program, emu, async (s) => {
    await s.stack.setAllConfig({
      experiment: { value: JSON.stringify(experiment) },
      gate: { value: JSON.stringify(gate) },
    });
    await s.stack.up();
  });

  const set = (key: "experiment" | "gate", value: unknown) => t.stack.setConfig(key, { value: JSON.stringify(value) });

  it("a refused change reads once: no doubled prefix, no stack trace", async () => {
    await set("experiment", {
      ...experiment,
      groups: [
        { ...groups[0], size: 20 },
        { ...groups[1], size: 80 },
      ],
    });
    const out = String(await rejection(t.stack.preview()));
    expect(out).toContain('experiment "button color" is active: its groups cannot change');
    expect(out).not.toMatch(/Error: ([^\n]+): Error: \1/);
    expect(out).not.toMatch(/^\s+at .*\(.*:\d+:\d+\)$/m);
    await set("experiment", experiment);
  });

  it("a check failure names the offending value and a human rule", async () => {
    await set("gate", { ...gate, rules: [{ name: "a" }, { name: "b", passPercentage: 150 }] });
    const out = String(await rejection(t.stack.preview()));
    // The engine's frame: property <path> value {<nil>} has a problem: <our reason>.
    expect(out).toMatch(/property rules\[1\]\.passPercentage value .* has a problem: 150 is over 100/);
    await set("gate", gate);
    await set("experiment", { ...experiment, name: "button.color" });
    const out2 = String(await rejection(t.stack.preview()));
    expect(out2).toMatch(/property name value .* has a problem: "button\.color": experiment names cannot contain "\."/);
    await set("gate", gate);
    await set("experiment", experiment);
  });

  it("a preview warns before an experiment goes back to setup and before a delete-before-replace", async () => {
    await set("experiment", { ...experiment, status: "setup" });
    await set("gate", { ...gate, name: "Checkout" }); // same id: deleted first
    const preview = await t.stack.preview();
    const out = preview.stdout + preview.stderr;
    expect(out).toContain(
      'warning: experiment "button color" goes from active back to setup: this resets it and discards the data it collected',
    );
    expect(out).toContain(
      'warning: gate "checkout" is replaced by deleting it first: it does not exist in Statsig until "Checkout" is created',
    );
  });
});
