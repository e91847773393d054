/**
 * The record of managed fields (framework/managed.ts): what create/update record, what a refresh
 * returns as inputs from it, and how a state without it is told apart.
 */
import {
  MANAGED_KEY,
  recordedOutputs,
  managedKeys,
  managedKeysOf,
  programInputs,
  refreshedInputs,
  withManaged,
} from "../../../../provider/resources/framework";
import { RULES_FIELD } from "../../../../provider/resources/common";

const fields = { name: { replace: true }, description: {}, tags: { unordered: true }, rules: RULES_FIELD, status: {} };

describe("managed fields", () => {
  it("records the fields the program set, sorted, ignoring unset ones and unknown keys", () => {
    expect(managedKeys(fields, { name: "g", rules: [], description: undefined, tags: null, other: 1 })).toEqual([
      "name",
      "rules",
    ]);
  });

  it("refresh inputs hold only the managed fields, in input form (rule ids dropped)", () => {
    const out = {
      id: "g",
      name: "g",
      description: "drifted",
      status: "active",
      tags: [],
      createdTime: 1,
      rules: [{ id: "r1", name: "staff", passPercentage: 50, conditions: [] }],
    };
    expect(refreshedInputs(fields, out, ["description", "name", "rules"])).toEqual({
      name: "g",
      description: "drifted",
      rules: [{ name: "staff", passPercentage: 50, conditions: [] }],
    });
    // A managed field the service no longer reports is left out; so is a key that is no field.
    expect(refreshedInputs(fields, { id: "g", name: "g" }, ["description", "name", "createdTime"])).toEqual({
      name: "g",
    });
  });

  it("round-trips through outputs, hidden from programInputs", () => {
    const outs = withManaged({ id: "g", name: "g", description: "d" }, ["description", "name"]);
    // One string, and no `id` (the engine holds it as the resource's id).
    expect(outs).toEqual({ name: "g", description: "d", [MANAGED_KEY]: "description,name" });
    expect(managedKeysOf(outs)).toEqual(["description", "name"]);
    expect(programInputs({ ...outs, __provider: "code" })).toEqual({ name: "g", description: "d" });
    expect(recordedOutputs("g", outs)).toMatchObject({ id: "g", name: "g" });
    expect(managedKeysOf(withManaged({ name: "g" }, []))).toEqual([]);
    // The list that states written before the string hold; no record at all; a record that is neither.
    expect(managedKeysOf({ [MANAGED_KEY]: ["name"] })).toEqual(["name"]);
    expect(managedKeysOf({ id: "g" })).toBeUndefined();
    expect(managedKeysOf({ [MANAGED_KEY]: 5 })).toBeUndefined();
  });
});
