/**
 * The pieces several entities share: a kind's identity from its name, the canonical form of
 * overrides, the `isEnabled`/`status` check, and the closed-object schema of overrides bodies.
 */
import { closedObject, entityIdentity } from "../../../provider/resources/common";
import { listsCanonical } from "../../../provider/resources/framework";
import { schemaRef, withDot } from "../../../provider/spec";
import { enabledContradiction } from "../../../provider/resources/lifecycle";

describe("entityIdentity", () => {
  it("derives the noun, the class name and the create schema from the kind's name and name rule", () => {
    const id = entityIdentity("dynamicConfig", withDot, { schema: { type: "string" } });
    expect(id.kind).toBe("dynamic config");
    expect(id.typeName).toBe("DynamicConfig");
    expect(id.inputSchema).toEqual({
      type: "object",
      allOf: [schemaRef("DynamicConfigCreate")],
      properties: { name: { type: "string", nameRule: withDot("dynamic config") }, schema: { type: "string" } },
      unevaluatedProperties: false,
    });
  });

  it("keeps one-word kinds as they are", () => {
    const id = entityIdentity("gate", withDot, {});
    expect([id.kind, id.typeName]).toEqual(["gate", "Gate"]);
  });
});

describe("listsCanonical", () => {
  const canonical = listsCanonical<{ a?: string[]; b?: number[] }>(["a", "b"]);

  it("fills every list the service reports, in order, keeping the set ones", () => {
    expect(canonical({ b: [1] })).toEqual({ a: [], b: [1] });
    expect(Object.keys(canonical({ b: [1], a: ["x"] }) as object)).toEqual(["a", "b"]);
  });

  it("leaves anything but an object as it is (an unknown value at preview, null)", () => {
    expect(canonical(null)).toBeNull();
    expect(canonical("x")).toBe("x");
  });
});

describe("enabledContradiction", () => {
  const implies = { disabled: false, active: true };

  it("names isEnabled when it contradicts the status", () => {
    expect(enabledContradiction({ status: "disabled", isEnabled: true }, implies)).toEqual([
      { property: "isEnabled", reason: 'contradicts status "disabled"; set one of them' },
    ]);
    expect(enabledContradiction({ status: "active", isEnabled: false }, implies)).toHaveLength(1);
  });

  it("accepts agreement, a status that implies nothing, and either one alone", () => {
    expect(enabledContradiction({ status: "active", isEnabled: true }, implies)).toEqual([]);
    expect(enabledContradiction({ status: "launched", isEnabled: false }, implies)).toEqual([]);
    expect(enabledContradiction({ status: "disabled" }, implies)).toEqual([]);
    expect(enabledContradiction({ isEnabled: true }, implies)).toEqual([]);
  });
});

it("closedObject takes only the listed properties, with the required ones", () => {
  expect(closedObject({ a: { type: "string" } }, ["a"])).toEqual({
    type: "object",
    additionalProperties: false,
    required: ["a"],
    properties: { a: { type: "string" } },
  });
  expect(closedObject({})).toEqual({ type: "object", additionalProperties: false, properties: {} });
});
