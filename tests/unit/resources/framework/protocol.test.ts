/** Pulumi protocol glue: the SDK's unknown sentinel, program inputs, output keys, the init-failed error. */
import * as pulumi from "@pulumi/pulumi";
import {
  ResourceInitError,
  UNKNOWN,
  containsUnknown,
  programInputs,
  unknownPropertyPaths,
  withOutputKeys,
} from "../../../../provider/resources/framework";

it("uses the SDK's own unknown-value sentinel", () => {
  expect(UNKNOWN).toBe(pulumi.runtime.unknownValue);
});

it("finds unknowns anywhere in a value, with their property paths", () => {
  const v = { name: "a", rules: [{ name: UNKNOWN }, { name: "b", conditions: [{ targetValue: [UNKNOWN] }] }] };
  expect(containsUnknown(v)).toBe(true);
  expect(containsUnknown({ name: "a", tags: ["x"] })).toBe(false);
  expect(unknownPropertyPaths(v)).toEqual(["rules[0].name", "rules[1].conditions[0].targetValue[0]"]);
});

it("keeps only what the program set (no __provider, no null or undefined)", () => {
  expect(
    programInputs({ __provider: "shim", name: "g", description: undefined, tags: null, isEnabled: false }),
  ).toEqual({ name: "g", isEnabled: false });
});

it("declares every output key before the args, which win", () => {
  expect(withOutputKeys(["name", "createdTime"], { name: "g" })).toEqual({ name: "g", createdTime: undefined });
});

it("builds the init-failed shape the SDK's dynamic provider host reads, keeping the cause", () => {
  const cause = new Error("HTTP 400 from PUT /gates/g/overrides");
  const err = new ResourceInitError("g", { id: "g", name: "g" }, cause);
  expect(err).toBeInstanceOf(Error);
  expect(err).toMatchObject({ id: "g", properties: { id: "g", name: "g" }, message: cause.message });
  expect(err.reasons).toEqual([cause.message]);
  expect(err.cause).toBe(cause);
});
