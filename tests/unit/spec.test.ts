/** The spec loader and validation helpers (provider/spec). */
import { NAME_RULES, nameProblem } from "../../provider/kinds";
import { ajvIssues, compile, idFromName, loadSpec, schemaRef, toPropertyPath } from "../../provider/spec";

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
});

it("holds each kind's names to the service's rule, in words", () => {
  expect(nameProblem("gate", "button.color")).toBeUndefined();
  expect(nameProblem("dynamicConfig", "button.color")).toBeUndefined();
  for (const kind of ["experiment", "segment", "layer", "holdout"] as const)
    expect(nameProblem(kind, "button.color")).toBe(
      `"button.color": ${NAME_RULES[kind].noun} names cannot contain "." (only letters, digits, spaces, "_" and "-")`,
    );
  expect(nameProblem("tag", "x")).toBeUndefined();
  expect(nameProblem("tag", "a/b.c ✓")).toBeUndefined();
  expect(nameProblem("autotune", "a/b.c")).toBeUndefined();
  expect(nameProblem("autotune", "")).toBe('"": autotune names must be at least 1 character');
  expect(nameProblem("tag", "t".repeat(101))).toBe(`"${"t".repeat(101)}": tag names must be 1 to 100 characters`);
});
