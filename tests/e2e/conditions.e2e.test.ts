/**
 * Conditions as Statsig takes them (issue 16 item 1) through the real Pulumi CLI, published shape:
 * a gate, a dynamic config and a segment with the conditions the issue found refused at preview
 * ("Everyone", `environment_tier`, `gt` with `[31]`, a single string under `str_contains_any`,
 * operators the seed lacks, `""` as no operator, `unit_id` without `customID`) go up, preview
 * empty and refresh clean; a misspelt operator and a misspelt type fail at preview naming the
 * value, before any API call.
 */
import { startEmulator, RunningEmulator } from "../../emulator/server";
import { rejection } from "../rejection";
import { TestStack, newStack } from "./harness";

jest.setTimeout(180_000);

const program = `
import * as pulumi from "@pulumi/pulumi";
import * as statsig from "pulumi-statsig";

const cfg = new pulumi.Config();
const gate = new statsig.Gate("gate", cfg.requireObject<statsig.GateArgs>("gate"));
const config = new statsig.DynamicConfig("config", {
  name: "pricing",
  defaultValue: { discount: 0 },
  rules: [
    {
      name: "everyone in production",
      conditions: [{ type: "public" }, { type: "environment_tier", operator: "any", targetValue: ["production"] }],
      returnValue: { discount: 10 },
    },
  ],
});
const segment = new statsig.Segment("segment", {
  name: "older users",
  type: "rule_based",
  rules: [{ name: "age", conditions: [{ type: "custom_field", field: "age", operator: "gt", targetValue: [31] }] }],
});
export const ids = [gate.id, config.id, segment.id];
`;

const conditions = [
  { type: "public" },
  { type: "environment_tier", operator: "any", targetValue: ["production"] },
  { type: "custom_field", field: "age", operator: "gt", targetValue: ["31"] },
  { type: "app_version", operator: "version_gt", targetValue: ["1.1.1"] },
  { type: "time", operator: "after", targetValue: [1643070357193] },
  { type: "email", operator: "str_contains_any", targetValue: "@example.com" },
  { type: "unit_id", operator: "is_null" },
  { type: "os_version", operator: "version_eq", targetValue: "11.0.0" },
  { type: "country", operator: "", targetValue: ["NZ"] },
];
const gateArgs = (cs: unknown[]) => ({ name: "every condition", rules: [{ name: "r", conditions: cs }] });

describe("conditions with the real CLI (published shape)", () => {
  let emu: RunningEmulator;
  let t: TestStack;

  beforeAll(async () => {
    emu = await startEmulator({ port: 0, shape: "published" });
    t = await newStack("conditions-published", program, emu);
  }, 20 * 60_000);

  afterAll(async () => {
    await t?.cleanup();
    await emu?.close();
  });

  const setGate = (args: unknown) => t.stack.setConfig("gate", { value: JSON.stringify(args) });

  it("up stores the conditions as written; preview and refresh then show nothing", async () => {
    await setGate(gateArgs(conditions));
    const up = await t.stack.up();
    expect(up.summary.resourceChanges).toMatchObject({ create: 4 });
    expect((emu.store.get("gates", "every_condition")?.rules as { conditions: unknown[] }[])[0].conditions).toEqual(
      conditions,
    );
    expect(emu.store.get("segments", "older_users")).toBeDefined();
    await t.stack.preview({ expectNoChanges: true });
    await t.stack.refresh({ expectNoChanges: true });
  });

  it.each([
    [
      { type: "email", operator: "str_ends_with", targetValue: ["@x.com"] },
      /operator value .* has a problem: "str_ends_with" is not an operator \(one of "any"/,
    ],
    [{ type: "publc" }, /type value .* has a problem: "publc" is not a condition type \(one of "user_id"/],
  ])("%j fails at preview naming the value, before any API call", async (condition, message) => {
    await setGate(gateArgs([condition]));
    const before = emu.requests().length;
    const err = await rejection(t.stack.preview());
    expect(String(err)).toMatch(/rules\[0\]\.conditions\[0\]\./);
    expect(String(err)).toMatch(message);
    expect(emu.requests().length).toBe(before);
  });

  it("destroy removes everything", async () => {
    await setGate(gateArgs(conditions));
    await t.stack.destroy();
    expect(emu.store.list("gates")).toEqual([]);
    expect(emu.store.list("segments")).toEqual([]);
  });
});
