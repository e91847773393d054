/**
 * Unit tests of targeting with `pulumi-statsig/testing`: each runs Statsig's own server SDK
 * (statsig-node, offline) on the arguments the program declares. Run with Jest.
 */
import { afterAll, beforeAll, expect, test } from "@jest/globals";
import { createEvaluator, evaluateGate, ProjectEvaluator } from "pulumi-statsig/testing";
import { internalUsers, searchV2 } from "./targeting";

test("employees get the new search, decided by the internal rule", async () => {
  const r = await evaluateGate(searchV2, { userID: "1", email: "ada@EXAMPLE.com" }, { segments: [internalUsers] });
  expect(r).toMatchObject({ value: true, rule: "internal" });
});

test("a typo-sized difference in the address keeps a user out", async () => {
  const r = await evaluateGate(searchV2, { userID: "2", email: "ada@example.co" }, { segments: [internalUsers] });
  expect(r).toMatchObject({ value: false, rule: "default" });
});

let production: ProjectEvaluator;
let staging: ProjectEvaluator;
beforeAll(async () => {
  production = await createEvaluator({ gates: [searchV2], segments: [internalUsers] }, { environment: "production" });
  staging = await createEvaluator({ gates: [searchV2], segments: [internalUsers] }, { environment: "staging" });
});
afterAll(async () => {
  await production.close();
  await staging.close();
});

test("beta testers get it on staging only", () => {
  const tester = { userID: "3", custom: { beta: "yes" } };
  expect(staging.gate("search_v2", tester)).toMatchObject({ value: true, rule: "beta testers on staging" });
  expect(production.gate("search_v2", tester)).toMatchObject({ value: false, rule: "default" });
});

test("the 10 % rollout reaches roughly a tenth of US users and nobody elsewhere", () => {
  const us = Array.from({ length: 1000 }, (_, i) => production.gate("search_v2", { userID: `us-${i}`, country: "US" }));
  const share = us.filter((r) => r.value).length / us.length;
  expect(share).toBeGreaterThan(0.07);
  expect(share).toBeLessThan(0.13);
  expect(us.every((r) => r.rule === "rollout")).toBe(true);
  expect(production.gate("search_v2", { userID: "fr-1", country: "FR" })).toMatchObject({ value: false });
});
