/**
 * Name rules, provider against emulator: for every kind, each sample name that the provider's
 * `check` accepts is created by the emulator, and each one it refuses is refused by the emulator
 * with a 400. The emulator's rules are written independently from Statsig's published API
 * (emulator/rules.ts), so a disagreement here is a name that passes `pulumi preview` and fails
 * `pulumi up` (or the reverse).
 */
import { StatsigApiError } from "../../provider/client";
import { providers } from "../../provider/runtime";
import { rejection } from "../rejection";
import { useEmulator } from "../fixtures/emulator";

useEmulator({ provider: true, resetEach: true });

/** Per kind, the other inputs a create needs, so only the name decides. */
const kinds: [string, Record<string, unknown>][] = [
  ["Gate", {}],
  ["DynamicConfig", {}],
  ["Experiment", {}],
  ["Segment", { type: "rule_based" }],
  ["Layer", {}],
  ["Holdout", {}],
  ["Tag", {}],
  ["Autotune", { successMetric: "purchase", variants: [{ name: "buy" }] }],
];

/** Names at and across the edges of every kind's rule. */
const samples = [
  "",
  "a",
  "ab",
  "abc",
  "A Mixed Case name",
  "new_checkout-v2",
  "new_checkout.v2",
  "a.b",
  "bad/name",
  "café",
  "emoji ✓",
  "tab\there",
  "x".repeat(100),
  "x".repeat(101),
];

describe.each(kinds)("%s names", (type, rest) => {
  it.each(samples.map((s) => [`${JSON.stringify(s).slice(0, 20)} (${s.length} chars)`, s]))(
    "check and the emulator agree on %s",
    async (_label, name) => {
      const inputs = { ...rest, name };
      const failures = (await providers[type].check({}, inputs)).failures ?? [];
      expect(failures.filter((f) => f.property !== "name")).toEqual([]);
      if (failures.length === 0) {
        await expect(providers[type].create(inputs)).resolves.toMatchObject({ id: expect.any(String) });
      } else {
        const e = await rejection<StatsigApiError>(providers[type].create(inputs));
        expect(e).toBeInstanceOf(StatsigApiError);
        expect(e.status).toBe(400);
      }
    },
  );

  it("has samples on both sides of the rule", async () => {
    const verdicts = await Promise.all(
      samples.map(async (name) => ((await providers[type].check({}, { ...rest, name })).failures ?? []).length === 0),
    );
    expect(verdicts).toContain(true);
    expect(verdicts).toContain(false);
  });
});
