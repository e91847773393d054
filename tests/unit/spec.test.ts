/** The spec loader and validation helpers (provider/spec). */
import { NAME_RULES, ajvIssues, compile, idFromName, loadSpec, schemaRef, toPropertyPath } from "../../provider/spec";

it("loads the seed spec with YAML 1.2 rules (the operator `on` stays a string)", () => {
  const doc = loadSpec();
  expect(Object.keys(doc.paths).length).toBe(30);
  const ops = Object.values(doc.paths).flatMap((p) => Object.keys(p));
  expect(ops.length).toBe(52);
  const condition = doc.components.schemas.Condition as { properties: { operator: { enum: unknown[] } } };
  expect(condition.properties.operator.enum).toContain("on");
});

it("turns JSON pointers into the property paths a program writes", () => {
  expect(toPropertyPath("/rules/0/conditions/1/targetValue")).toBe("rules[0].conditions[1].targetValue");
  expect(toPropertyPath("", "name")).toBe("name");
  expect(toPropertyPath("/a~1b/c~0d")).toBe("a/b.c~d");
});

it("validates against the spec's own schemas, reporting property and rule", () => {
  const v = compile("test:GateCreate", { allOf: [schemaRef("GateCreate")], unevaluatedProperties: false });
  expect(v({ name: "g", isEnabled: "yes", colour: 1 })).toBe(false);
  expect(ajvIssues(v.errors)).toEqual(
    expect.arrayContaining([
      { property: "isEnabled", reason: "must be boolean" },
      { property: "colour", reason: "is not a known property" },
    ]),
  );
  const missing = compile("test:GateCreate:required", schemaRef("GateCreate"));
  expect(missing({})).toBe(false);
  expect(ajvIssues(missing.errors)).toEqual([{ property: "name", reason: "is required" }]);
});

it("derives ids from names the way the service does", () => {
  expect(idFromName("A Gate")).toBe("a_gate");
  expect(idFromName("new_checkout.v2")).toBe("new_checkout.v2");
  expect(new RegExp(NAME_RULES.experiment.pattern).test("button.color")).toBe(false);
  expect(new RegExp(NAME_RULES.default.pattern).test("button.color")).toBe(true);
});
