/**
 * Gate check and diff: validation names the property and the rule; diff is exact (no change after
 * an up, omitted inputs unmanaged, renames replace). No API calls happen here: the client getter
 * throws if anything tries.
 */
import { gateDefinition, GateOutputs } from "../../../provider/resources/gate";
import { UNKNOWN } from "../../../provider/resources/framework";
import { entityTables, providerOf, reasons } from "./entity";

const provider = providerOf(gateDefinition);
const failures = (news: Record<string, unknown>) => reasons(gateDefinition, news);

describe("Gate check", () => {
  it("accepts a complete, valid gate", async () => {
    expect(
      await failures({
        name: "new checkout.v2",
        description: "d",
        isEnabled: true,
        rules: [
          {
            name: "employees",
            passPercentage: 100,
            conditions: [{ type: "email", operator: "str_ends_with_any", targetValue: ["@x.com"] }],
          },
          {
            name: "beta",
            conditions: [{ type: "custom_field", field: "plan", operator: "any", targetValue: ["beta"] }],
          },
          {
            name: "orgs",
            conditions: [{ type: "unit_id", customID: "companyID", operator: "any", targetValue: ["c1"] }],
          },
          { name: "date", conditions: [{ type: "time", operator: "on", targetValue: 1700000000000 }] },
        ],
        tags: ["checkout"],
        targetApps: ["web"],
        overrides: { userOverrides: [{ userID: "u1", value: true }], idOverrides: [{ ids: ["a"], value: false }] },
        status: "launched",
      }),
    ).toEqual([]);
  });

  it.each([
    [{}, "name: is required"],
    [{ name: "ab" }, 'name: "ab": gate names must be 3 to 100 characters'],
    [{ name: "bad/name" }, 'name: "bad/name": gate names cannot contain "/"'],
    [{ name: "x".repeat(101) }, `name: "${"x".repeat(101)}": gate names must be 3 to 100 characters`],
    [{ name: "gate", isEnabled: "yes" }, 'isEnabled: "yes" is not a boolean'],
    [{ name: "gate", rules: [{ name: "r", passPercentage: 101 }] }, "rules[0].passPercentage: 101 is over 100"],
    [{ name: "gate", rules: [{ passPercentage: 5 }] }, "rules[0].name: is required"],
    [
      { name: "gate", rules: [{ name: "r", id: "x" }] },
      "rules[0].id: cannot be set here (server-assigned, or not used by this entity)",
    ],
    [
      { name: "gate", rules: [{ name: "r", conditions: [{ type: "planet" }] }] },
      'rules[0].conditions[0].type: "planet" is not a condition type (one of "user_id",',
    ],
    [
      { name: "gate", rules: [{ name: "r", conditions: [{ type: "email", operator: "equals" }] }] },
      'rules[0].conditions[0].operator: "equals" is not an operator (one of "any",',
    ],
    [
      { name: "gate", rules: [{ name: "r", conditions: [{ type: "custom_field", operator: "any" }] }] },
      "rules[0].conditions[0].field: is required when type is custom_field",
    ],
    [
      { name: "gate", rules: [{ name: "r" }, { name: "r" }] },
      'rules[1].name: duplicates the name of rules[0] ("r"); rule names must be unique',
    ],
    [{ name: "gate", descripton: "typo" }, "descripton: is not a known property"],
    [
      { name: "gate", status: "paused" },
      'status: "paused" is not an allowed value (one of "active", "disabled", "launched", "archived")',
    ],
    [
      { name: "gate", status: "disabled", isEnabled: true },
      'isEnabled: contradicts status "disabled"; set one of them',
    ],
    [
      { name: "gate", overrides: { userOverrides: [{ userID: 7 }] } },
      "overrides.userOverrides[0].userID: 7 is not a string",
    ],
    [{ name: "gate", tags: ["ok", 3] }, "tags[1]: 3 is not a string"],
  ])("rejects %j with %s", async (news, expected) => {
    const got = await failures(news);
    expect(got.some((r) => r.startsWith(expected))).toBe(true);
  });

  it("reports every failure at once", async () => {
    const got = await failures({ name: "ab", isEnabled: 1, rules: [{ name: "r", passPercentage: -1 }] });
    expect(got.length).toBeGreaterThanOrEqual(3);
  });

  it("skips values unknown during preview instead of failing them", async () => {
    expect(
      await failures({
        name: UNKNOWN,
        tags: [UNKNOWN],
        rules: [{ name: "r", conditions: [{ type: "passes_gate", operator: "any", targetValue: [UNKNOWN] }] }],
      }),
    ).toEqual([]);
  });

  it("returns the inputs it validated, keeping __provider", async () => {
    const r = await provider.check({}, { name: "gate", description: undefined, __provider: "shim" });
    expect(r.inputs).toEqual({ name: "gate", __provider: "shim" });
  });
});

const recorded: GateOutputs = {
  id: "new_checkout",
  name: "new checkout",
  description: "d",
  isEnabled: true,
  status: "active",
  rules: [
    {
      id: "srv-1",
      name: "r",
      passPercentage: 100,
      conditions: [{ type: "email", operator: "any", targetValue: ["a"] }],
    },
  ],
  tags: ["b", "a"],
  targetApps: [],
  overrides: { userOverrides: [{ userID: "u", value: true }], idOverrides: [] },
  createdTime: 1,
  lastModifiedTime: 2,
};

describe("Gate diff", () => {
  const same = {
    name: "new checkout",
    description: "d",
    isEnabled: true,
    rules: [{ name: "r", conditions: [{ type: "email", operator: "any", targetValue: ["a"] }] }],
    tags: ["a", "b"],
    overrides: { userOverrides: [{ userID: "u", value: true }] },
  };

  it("sees no change between the inputs and what the service returned for them", async () => {
    expect(await provider.diff("new_checkout", recorded, same)).toEqual({
      changes: false,
      replaces: [],
      deleteBeforeReplace: false,
    });
  });

  it("ignores omitted optional inputs (unmanaged)", async () => {
    expect((await provider.diff("new_checkout", recorded, { name: "new checkout" })).changes).toBe(false);
  });

  it("updates in place for description, rules, tags, overrides and status", async () => {
    const d = await provider.diff("new_checkout", recorded, {
      ...same,
      description: "e",
      rules: [{ name: "r", passPercentage: 50 }],
      tags: ["a"],
      overrides: { idOverrides: [{ ids: ["x"], value: true }] },
      status: "launched",
    });
    expect(d.changes).toBe(true);
    expect(d.replaces).toEqual([]);
  });

  it("replaces on rename, creating first when the id changes", async () => {
    const d = await provider.diff("new_checkout", recorded, { ...same, name: "other gate" });
    expect(d).toEqual({ changes: true, replaces: ["name"], deleteBeforeReplace: false });
  });

  it("deletes before replacing when the new name maps to the same id", async () => {
    const d = await provider.diff("new_checkout", recorded, { ...same, name: "New Checkout" });
    expect(d).toEqual({ changes: true, replaces: ["name"], deleteBeforeReplace: true });
  });

  it("treats an unknown value as a change, and an unknown name as a replacement", async () => {
    expect((await provider.diff("new_checkout", recorded, { ...same, tags: [UNKNOWN] })).changes).toBe(true);
    const d = await provider.diff("new_checkout", recorded, { ...same, name: UNKNOWN });
    expect(d.replaces).toEqual(["name"]);
    expect(d.deleteBeforeReplace).toBe(false);
  });
});

entityTables("Gate", gateDefinition, {
  diff: {
    olds: { id: "g_one", name: "g one", description: "d", tags: ["a"], rules: [], createdTime: 1 },
    same: { name: "g one", description: "d", tags: ["a"] },
    updates: {
      description: "e",
      isEnabled: false,
      rules: [{ name: "r" }],
      tags: ["b"],
      targetApps: ["web"],
      status: "launched",
      overrides: { userOverrides: [] },
      idType: "stableID",
      team: "checkout",
      measureMetricLifts: true,
      monitoringMetrics: [{ name: "purchase", type: "event_count" }],
    },
    replaces: { name: "g two" },
  },
});
