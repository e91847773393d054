/** Canonical comparison and validation: what diff and check see. */
import {
  EntityDefinition,
  UNKNOWN,
  changedFields,
  compact,
  jsonEqual,
  validateInputs,
} from "../../../../provider/resources/framework";

interface Inputs {
  name: string;
  tags?: string[];
  rules?: { id?: string; name: string }[];
  note?: string;
}
const def: EntityDefinition<Inputs, { id: string; name?: string }> = {
  kind: "thing",
  typeName: "Thing",
  inputSchema: {
    type: "object",
    required: ["name"],
    properties: {
      name: { type: "string", minLength: 3 },
      tags: { type: "array", items: { type: "string" } },
      rules: { type: "array" },
      note: { type: "string" },
    },
  },
  validate: (i) => (i.note === "bad" ? [{ property: "note", reason: "is bad" }] : []),
  fields: {
    name: { replace: true },
    tags: { unordered: true },
    rules: { canonical: (v) => (Array.isArray(v) ? v.map(({ name }) => ({ name })) : v) },
    note: {},
  },
  outputOnly: [],
  create: async () => "",
  read: async () => undefined,
  update: async () => undefined,
  delete: async () => undefined,
};

it("compares JSON regardless of key order, dropping nulls where compacted", () => {
  expect(jsonEqual({ a: 1, b: [1, { c: 2, d: 3 }] }, { b: [1, { d: 3, c: 2 }], a: 1 })).toBe(true);
  expect(jsonEqual([1, 2], [2, 1])).toBe(false);
  expect(compact({ a: null, b: [{ c: undefined, d: 1 }] })).toEqual({ b: [{ d: 1 }] });
});

it("lists only changed managed fields, in canonical form", () => {
  const olds = { id: "t", name: "thing", tags: ["b", "a"], rules: [{ id: "srv", name: "r" }], note: "n" };
  expect(changedFields(def, olds, { name: "thing", tags: ["a", "b"], rules: [{ name: "r" }] })).toEqual({
    changed: [],
    unknown: [],
  });
  expect(changedFields(def, olds, { name: "thing", note: "m" }).changed).toEqual(["note"]);
  expect(changedFields(def, olds, { name: UNKNOWN })).toEqual({ changed: ["name"], unknown: ["name"] });
});

it("reports schema and entity rules, and drops issues on values unknown during preview", () => {
  expect(validateInputs(def, { name: "ab", note: "bad" })).toEqual([
    { property: "name", reason: '"ab" has 2 characters; at least 3 are needed' },
    { property: "note", reason: "is bad" },
  ]);
  expect(validateInputs(def, { name: UNKNOWN, note: UNKNOWN })).toEqual([]);
});
