/**
 * simulate's parts: the two versions from `pulumi stack export` and `pulumi preview --json` (shapes
 * as the Pulumi CLI 3.248 writes them, see tests/e2e/simulate.e2e.test.ts for the real thing), the
 * users file, the report, and the subcommand's arguments and exit status.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { ConsoleProject } from "../../emulator/sdk/translate";
import {
  formatReport,
  parseUsers,
  projectFromExport,
  projectFromPlan,
  simulate,
  UNKNOWN,
} from "../../provider/simulate";
import { simulateMain } from "../../provider/simulate/cli";
import { runMain } from "../runMain";

const T = "pulumi-nodejs:dynamic/statsig:";
const urn = (type: string, name: string) => `urn:pulumi:dev::p::${T}${type}::${name}`;
/** A plan step updating the `checkout` gate (id `new_checkout`) to `inputs`, with `more` in its new state. */
const updateCheckout = (inputs: Record<string, unknown>, more: Record<string, unknown> = {}) => ({
  op: "update",
  urn: urn("Gate", "checkout"),
  oldState: { type: `${T}Gate`, id: "new_checkout" },
  newState: { type: `${T}Gate`, inputs, ...more },
});
const emp = { type: "email", operator: "str_ends_with_any", targetValue: ["@corp.example"] };

const exported = {
  version: 3,
  deployment: {
    resources: [
      { urn: "urn:pulumi:dev::p::pulumi:pulumi:Stack::p-dev", type: "pulumi:pulumi:Stack" },
      {
        urn: urn("Gate", "checkout"),
        type: `${T}Gate`,
        id: "new_checkout",
        outputs: {
          __provider: "exports.handler = ...",
          __managed: "name,rules",
          name: "new_checkout",
          isEnabled: true,
          status: "active",
          rules: [{ id: "rule_emp", name: "employees", passPercentage: 10, conditions: [emp] }],
        },
      },
      {
        urn: urn("Segment", "old"),
        type: `${T}Segment`,
        id: "old_seg",
        outputs: { name: "old seg", type: "rule_based" },
      },
    ],
  },
};

describe("versions", () => {
  const base = projectFromExport(exported);

  test("the export's statsig resources, by id, without the provider's bookkeeping", () => {
    expect(base.gates).toEqual([
      {
        id: "new_checkout",
        name: "new_checkout",
        isEnabled: true,
        status: "active",
        rules: [{ id: "rule_emp", name: "employees", passPercentage: 10, conditions: [emp] }],
      },
    ]);
    expect(base.segments?.map((s) => s.id)).toEqual(["old_seg"]);
    expect(() => projectFromExport({ steps: [] })).toThrow("not the output of `pulumi stack export`");
  });

  const plan = (steps: unknown[]) => ({ steps });

  test("an update lays the inputs over the entity and keeps rule ids by rule name", () => {
    const p = projectFromPlan(
      base,
      plan([
        updateCheckout({
          name: "new_checkout",
          rules: [
            { name: "employees", passPercentage: 50, conditions: [emp] },
            { name: "new", conditions: [] },
          ],
        }),
      ]),
    );
    expect(p.gates?.[0]).toMatchObject({
      id: "new_checkout",
      status: "active",
      rules: [
        { id: "rule_emp", name: "employees", passPercentage: 50 },
        { id: undefined, name: "new" },
      ],
    });
  });

  test("an entity the plan creates is referred to by the id its name gives", () => {
    const p = projectFromPlan(
      base,
      plan([
        {
          op: "create",
          urn: urn("Segment", "staff"),
          newState: { type: `${T}Segment`, inputs: { name: "Staff Members", type: "rule_based", rules: [] } },
        },
        updateCheckout(
          {
            name: "new_checkout",
            rules: [{ name: "staff", conditions: [{ type: "passes_segment", targetValue: [UNKNOWN] }] }],
          },
          { propertyDependencies: { name: [], rules: [urn("Segment", "staff")] } },
        ),
      ]),
    );
    expect(p.segments?.map((s) => s.id).sort()).toEqual(["old_seg", "staff_members"]);
    expect(p.gates?.[0].rules?.[0].conditions?.[0].targetValue).toEqual(["staff_members"]);
  });

  test("two created candidates for one unknown reference is an error naming the property", () => {
    const steps = [
      { op: "create", urn: urn("Gate", "a"), newState: { type: `${T}Gate`, inputs: { name: "gate a" } } },
      { op: "create", urn: urn("Gate", "b"), newState: { type: `${T}Gate`, inputs: { name: "gate b" } } },
      {
        op: "create",
        urn: urn("Gate", "c"),
        newState: {
          type: `${T}Gate`,
          inputs: {
            name: "gate c",
            rules: [{ name: "r", conditions: [{ type: "passes_gate", targetValue: UNKNOWN }] }],
          },
          propertyDependencies: { rules: [urn("Gate", "a"), urn("Gate", "b")] },
        },
      },
    ];
    expect(() => projectFromPlan(base, plan(steps))).toThrow(
      `${urn("Gate", "c")}: rules[0].conditions[0] refers to an entity`,
    );
  });

  test("deletes and replacements", () => {
    const p = projectFromPlan(
      base,
      plan([
        { op: "delete", urn: urn("Segment", "old"), oldState: { type: `${T}Segment`, id: "old_seg" } },
        {
          op: "create-replacement",
          urn: urn("Gate", "checkout"),
          oldState: { type: `${T}Gate`, id: "new_checkout" },
          newState: { type: `${T}Gate`, inputs: { name: "Checkout V2", isEnabled: false } },
        },
        {
          op: "replace",
          urn: urn("Gate", "checkout"),
          oldState: { type: `${T}Gate`, id: "new_checkout" },
          newState: { type: `${T}Gate`, inputs: { name: "Checkout V2", isEnabled: false } },
        },
        { op: "delete-replaced", urn: urn("Gate", "checkout"), oldState: { type: `${T}Gate`, id: "new_checkout" } },
      ]),
    );
    expect(p.segments).toEqual([]);
    expect(p.gates?.map((g) => [g.id, g.status])).toEqual([["checkout_v2", "disabled"]]);
    expect(() => projectFromPlan(base, { config: {} })).toThrow("not the output of `pulumi preview --json`");
  });
});

test("users: a JSON array, { users }, or JSON lines (a bad line is named)", () => {
  expect(parseUsers('[{"userID":"a"},{"userID":"b"}]')).toEqual([{ userID: "a" }, { userID: "b" }]);
  expect(parseUsers('{"users":[{"userID":"a"}]}')).toEqual([{ userID: "a" }]);
  expect(parseUsers('{"userID":"a"}\n\n{"userID":"b","custom":{"x":1}}\n')).toEqual([
    { userID: "a" },
    { userID: "b", custom: { x: 1 } },
  ]);
  expect(() => parseUsers('{"userID":"a"}\n{"userID":')).toThrow("users file line 2");
});

describe("simulate and its report", () => {
  const users = Array.from({ length: 200 }, (_, i) => ({
    userID: `u${i}`,
    email: i < 5 ? `e${i}@corp.example` : `x${i}@mail.example`,
  }));
  const version = (pct: number, suffix = "@corp.example"): ConsoleProject => ({
    gates: [
      {
        id: "g",
        isEnabled: true,
        rules: [{ id: "r", name: "employees", passPercentage: pct, conditions: [{ ...emp, targetValue: [suffix] }] }],
      },
    ],
    dynamicConfigs: [{ id: "c", defaultValue: { a: 1 }, rules: [] }],
  });

  test("a condition change names exactly the users who flip, not marked bucketed", async () => {
    const r = await simulate({ users, base: version(100, "@nobody.example"), planned: version(100) });
    expect(r.changes).toEqual([
      {
        kind: "gate",
        name: "g",
        count: 5,
        transitions: [
          {
            from: false,
            to: true,
            rule: "employees",
            bucketed: false,
            users: ["e0@corp.example", "e1@corp.example", "e2@corp.example", "e3@corp.example", "e4@corp.example"],
          },
        ],
      },
    ]);
    const text = formatReport(r, "text");
    expect(text).toContain(
      'gate g: 5 of 200 users flip false → true (rule "employees"): e0@corp.example, e1@corp.example',
    );
    expect(text).not.toContain("bucketing");
    expect(formatReport(r, "markdown")).toContain("- gate **g**: 5 of 200 users flip false → true");
  });

  test("a partial rollout's change is marked as depending on bucketing", async () => {
    const r = await simulate({ users, base: version(0), planned: version(50) });
    expect(r.changes[0].transitions[0].bucketed).toBe(true);
    expect(formatReport(r, "text")).toContain("[depends on percentage bucketing]");
    expect(formatReport(r, "text")).toContain("Statsig's production salts are not exposed");
  });

  test("a gate whose own rules are unchanged is evaluated when a segment it refers to changes", async () => {
    const v = (suffix: string): ConsoleProject => ({
      segments: [
        {
          id: "staff",
          type: "rule_based",
          rules: [{ id: "s", name: "s", conditions: [{ ...emp, targetValue: [suffix] }] }],
        },
      ],
      gates: [
        {
          id: "g",
          rules: [{ id: "r", name: "staff", conditions: [{ type: "passes_segment", targetValue: "staff" }] }],
        },
      ],
      dynamicConfigs: [{ id: "other", defaultValue: { a: 1 } }],
    });
    const r = await simulate({ users, base: v("@nobody.example"), planned: v("@corp.example") });
    expect(r.changes.map((c) => [c.name, c.count])).toEqual([["g", 5]]);
  });

  test("--environment: a change to a staging-only rule affects staging, not production", async () => {
    const v = (pct: number): ConsoleProject => ({
      gates: [
        {
          id: "g",
          rules: [
            { id: "r", name: "staging staff", passPercentage: pct, environments: ["staging"], conditions: [emp] },
          ],
        },
      ],
    });
    const staging = await simulate({ users, base: v(0), planned: v(100), environment: "staging" });
    const production = await simulate({ users, base: v(0), planned: v(100), environment: "production" });
    expect(staging.changes.map((c) => c.count)).toEqual([5]);
    expect(production.changes).toEqual([]);
    expect(formatReport(staging, "text")).toContain("in staging");
  });

  test("an entity only one version has is named as created or deleted by the plan", async () => {
    const configOnly = { dynamicConfigs: version(100).dynamicConfigs };
    const r = await simulate({ users, base: configOnly, planned: version(100) });
    expect(r.changes.map((c) => [c.name, c.lifecycle])).toEqual([["g", "created"]]);
    expect(formatReport(r, "text")).toContain("gate g (created by the plan): 5 of 200 users flip false → true");
    const back = await simulate({ users, base: version(100), planned: configOnly });
    expect(formatReport(back, "text")).toContain(
      'gate g (deleted by the plan): 5 of 200 users flip true → false (rule "employees")',
    );
  });

  test("nothing changes", async () => {
    const r = await simulate({ users, base: version(100), planned: version(100) });
    expect(r.changes).toEqual([]);
    expect(formatReport(r, "text")).toContain("No user's result changes.");
  });
});

describe("the subcommand", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "simulate-"));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const file = (name: string, content: unknown) => {
    const f = path.join(dir, name);
    fs.writeFileSync(f, typeof content === "string" ? content : JSON.stringify(content));
    return f;
  };
  const usersFile = file(
    "users.jsonl",
    '{"userID":"a","email":"a@corp.example"}\n{"userID":"b","email":"b@mail.example"}',
  );
  const baseFile = file("base.json", exported);
  const planFile = file("plan.json", {
    steps: [
      updateCheckout({ name: "new_checkout", rules: [{ name: "employees", passPercentage: 100, conditions: [emp] }] }),
    ],
  });
  const run = (args: string[]) => runMain(simulateMain, args);

  test("--fail-on-flip exits 1 when a user flips, 0 without it", async () => {
    const args = ["--users", usersFile, "--plan", planFile, "--base", baseFile];
    const plain = await run(args);
    expect(plain.code).toBe(0);
    const failing = await run([...args, "--fail-on-flip", "--format", "json"]);
    expect(failing.code).toBe(1);
    expect(JSON.parse(failing.out).changes.map((c: { name: string }) => c.name)).toEqual(["new_checkout"]);
  });

  test("bad arguments exit 2 with the usage", async () => {
    expect((await run(["--plan", planFile])).err).toContain("--users <file> is required");
    expect((await run(["--users", usersFile, "--plan", planFile, "--format", "yaml"])).code).toBe(2);
    expect((await run(["--users", usersFile, "--plan", planFile, "--bogus", "x"])).err).toContain(
      "unknown option --bogus",
    );
  });

  test("without --base and without a key it says what to give", async () => {
    const saved = process.env.STATSIG_CONSOLE_API_KEY;
    delete process.env.STATSIG_CONSOLE_API_KEY;
    try {
      const r = await run(["--users", usersFile, "--plan", planFile]);
      expect(r.code).toBe(2);
      expect(r.err).toContain("give --base <stack export>, or set STATSIG_CONSOLE_API_KEY");
    } finally {
      if (saved !== undefined) process.env.STATSIG_CONSOLE_API_KEY = saved;
    }
  });
});
