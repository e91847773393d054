/**
 * The evaluation corpus: each case a small Console project (as the Console API holds it) and the
 * results Statsig documents for some users. Every case names the documentation page its expected
 * results come from. tests/integration/sdk-corpus.test.ts runs every case through three engines:
 * the translation with `statsig-node` offline, `statsig-node` against the emulator over HTTP, and
 * `@statsig/statsig-node-core` against the emulator over HTTP.
 */
import type { ConsoleProject, ConsoleRule } from "../../emulator/sdk/translate";
import type { EntityKind, SimUser } from "../../provider/simulate/engines";

/** Statsig documentation pages the expected results come from. */
export const DOCS = {
  conditions: "https://docs.statsig.com/feature-flags/conditions",
  gates: "https://docs.statsig.com/feature-gates/create",
  lifecycle: "https://docs.statsig.com/feature-flags/feature-flags-lifecycle",
  overrides: "https://docs.statsig.com/feature-flags/overrides",
  segments: "https://docs.statsig.com/segments",
  environments: "https://docs.statsig.com/guides/using-environments",
  configs: "https://docs.statsig.com/dynamic-config",
  experiments: "https://docs.statsig.com/experiments-plus/create-new",
  layers: "https://docs.statsig.com/experiments/layers/create-manage",
  holdouts: "https://docs.statsig.com/holdouts",
  decision: "https://docs.statsig.com/experiments/ending/make-decision",
} as const;

/** One expected evaluation. */
export interface Check {
  kind: EntityKind;
  name: string;
  user: SimUser;
  /** The SDK's environment tier for this check (engines exist per tier). */
  tier?: string;
  value: unknown;
  /** The deciding rule's id, when the case pins it. */
  rule?: string;
  /** The experiment group, when the case pins it (null: in no group). */
  group?: string | null;
}

/** One case. */
export interface Case {
  title: string;
  doc: string;
  project: ConsoleProject;
  checks: Check[];
  /** For bucketed cases: share of `users(n)` expected to pass, ± tolerance. */
  share?: { kind: EntityKind; name: string; n: number; expected: number; tolerance: number; group?: string };
}

/** Tiers the corpus runs engines for (undefined: no environment set). */
export const TIERS = [undefined, "staging", "production"] as const;

const rule = (id: string, conditions: ConsoleRule["conditions"], extra: Partial<ConsoleRule> = {}): ConsoleRule => ({
  id,
  name: id,
  passPercentage: 100,
  conditions,
  ...extra,
});

/** An enabled, active gate with one rule (id `<gate>_r`) on `conditions`. */
const onRule = (id: string, conditions: ConsoleRule["conditions"]) => ({
  id,
  isEnabled: true,
  status: "active",
  rules: [rule(`${id}_r`, conditions)],
});

const gateCase = (
  title: string,
  doc: string,
  id: string,
  rules: ConsoleRule[],
  checks: [SimUser, boolean, string?][],
  more: ConsoleProject = {},
): Case => ({
  title,
  doc,
  project: { ...more, gates: [{ id, isEnabled: true, status: "active", rules }, ...(more.gates ?? [])] },
  checks: checks.map(([user, value, rule]) => ({ kind: "gate", name: id, user, value, rule })),
});

/** How each Console condition type reads a value off the user. */
const FIELDS: Record<string, { put: (v: unknown) => SimUser; extra?: Record<string, string> }> = {
  user_id: { put: (v) => ({ userID: String(v) }) },
  email: { put: (v) => ({ userID: "u", email: String(v) }) },
  ip_address: { put: (v) => ({ userID: "u", ip: String(v) }) },
  country: { put: (v) => ({ userID: "u", country: String(v) }) },
  app_version: { put: (v) => ({ userID: "u", appVersion: String(v) }) },
  locale: { put: (v) => ({ userID: "u", locale: String(v) }) },
  custom_field: { put: (v) => ({ userID: "u", custom: { plan: v } }), extra: { field: "plan" } },
  browser_name: { put: (v) => ({ userID: "u", custom: { browser_name: v } }) },
  browser_version: { put: (v) => ({ userID: "u", custom: { browser_version: v } }) },
  os_name: { put: (v) => ({ userID: "u", custom: { os_name: v } }) },
  os_version: { put: (v) => ({ userID: "u", custom: { os_version: v } }) },
  unit_id: { put: (v) => ({ userID: "u", customIDs: { companyID: String(v) } }), extra: { customID: "companyID" } },
  environment: { put: (v) => ({ userID: "u", statsigEnvironment: { tier: String(v) } }) },
  environment_tier: { put: (v) => ({ userID: "u", statsigEnvironment: { tier: String(v) } }) },
};

/**
 * String operators, each with a target and users that pass and fail, from the conditions page:
 * "any of"/"none of" and the `str_*` operators compare ignoring case; `*_case_sensitive` do not;
 * `str_matches` is a regular expression.
 */
const STRING_OPS: [op: string, target: unknown, pass: string[], fail: string[]][] = [
  ["any", ["Alpha", "beta"], ["alpha", "BETA"], ["gamma"]],
  ["none", ["Alpha", "beta"], ["gamma"], ["ALPHA"]],
  ["any_case_sensitive", ["Alpha"], ["Alpha"], ["alpha"]],
  ["none_case_sensitive", ["Alpha"], ["alpha"], ["Alpha"]],
  ["str_starts_with_any", ["al"], ["ALPHA"], ["beta"]],
  ["str_ends_with_any", ["pha"], ["alPHA"], ["phase"]],
  ["str_contains_any", ["lph"], ["aLPHa"], ["beta"]],
  ["str_contains_none", ["lph"], ["beta"], ["ALPHA"]],
  ["str_matches", "^a.*a$", ["alpha"], ["beta"]],
];

/** Numeric operators on a number and on a numeric string (conditions page: "greater than" …). */
const NUMBER_OPS: [op: string, target: unknown, pass: unknown[], fail: unknown[]][] = [
  ["gt", 10, [11, "10.5"], [10, "9"]],
  ["gte", 10, [10, "11"], [9.99]],
  ["lt", 10, [9, "-1"], [10, "12"]],
  ["lte", 10, [10, "3"], [10.01]],
];

/** Version operators: dotted numbers compared part by part, missing parts are 0 (conditions page). */
const VERSION_OPS: [op: string, target: string, pass: string[], fail: string[]][] = [
  ["version_gt", "1.2.3", ["1.10.0", "2"], ["1.2.3", "1.2"]],
  ["version_gte", "1.2.3", ["1.2.3", "1.2.4"], ["1.2.2"]],
  ["version_lt", "1.2.3", ["1.2", "1.2.2"], ["1.10"]],
  ["version_lte", "1.2.3", ["1.2.3", "0.9"], ["1.3"]],
  ["version_eq", "1.2", ["1.2.0"], ["1.2.1"]],
  ["version_neq", "1.2", ["1.3"], ["1.2.0"]],
];

/** Equality (`eq`/`neq`) of a custom field. */
const EQ_OPS: [op: string, target: unknown, pass: unknown[], fail: unknown[]][] = [
  ["eq", "pro", ["pro"], ["free"]],
  ["neq", "pro", ["free"], ["pro"]],
];

/** Array operators on a list-valued custom field. */
const ARRAY_OPS: [op: string, target: string[], pass: unknown[][], fail: unknown[][]][] = [
  ["array_contains_any", ["a", "b"], [["b", "z"]], [["z"]]],
  ["array_contains_none", ["a", "b"], [["z"]], [["a"]]],
  ["array_contains_all", ["a", "b"], [["b", "a", "z"]], [["a"]]],
  ["not_array_contains_all", ["a", "b"], [["a"]], [["a", "b"]]],
];

const DAY = 86_400_000;
const NOW = Date.now();

/** Date operators on a custom field holding epoch milliseconds (conditions page: before/after/on). */
const DATE_OPS: [op: string, target: number, pass: unknown[], fail: unknown[]][] = [
  ["before", NOW, [NOW - 10 * DAY], [NOW + 10 * DAY]],
  ["after", NOW, [NOW + 10 * DAY], [NOW - 10 * DAY]],
];

let n = 0;
const uid = (base: string) => `${base.replace(/[^a-z0-9_]/gi, "_")}_${++n}`;

function operatorCases(): Case[] {
  const out: Case[] = [];
  const add = (type: string, op: string, target: unknown, pass: unknown[], fail: unknown[]) => {
    const f = FIELDS[type];
    const id = uid(`${type}_${op}`);
    out.push(
      gateCase(
        `${type} ${op} ${JSON.stringify(target)}`,
        DOCS.conditions,
        id,
        [rule(`${id}_r`, [{ type, operator: op, targetValue: target, ...f.extra }])],
        [
          ...pass.map((v): [SimUser, boolean, string] => [f.put(v), true, `${id}_r`]),
          ...fail.map((v): [SimUser, boolean, string] => [f.put(v), false, "default"]),
        ],
      ),
    );
  };
  // Every condition type that reads a value × every operator of the seed's enum (and the
  // published case-sensitive ones): the operator decides how the value compares, whatever field
  // it comes from.
  for (const type of Object.keys(FIELDS)) {
    for (const [op, target, pass, fail] of STRING_OPS) add(type, op, target, pass, fail);
    for (const [op, t, p, f] of NUMBER_OPS) add(type, op, t, p, f);
    for (const [op, t, p, f] of VERSION_OPS) add(type, op, t, p, f);
    // Dates: epoch milliseconds (a string for the string fields).
    for (const [op, t, p, f] of DATE_OPS) add(type, op, t, p.map(String), f.map(String));
    // `on`: the same calendar day.
    add(type, "on", NOW, [String(NOW)], [String(NOW - 3 * DAY)]);
  }
  for (const [op, t, p, f] of EQ_OPS) add("custom_field", op, t, p, f);
  for (const [op, t, p, f] of ARRAY_OPS) add("custom_field", op, t, p, f);
  // Dates as numbers in a custom field.
  for (const [op, t, p, f] of DATE_OPS) add("custom_field", op, t, p, f);
  add("custom_field", "on", NOW, [NOW], [NOW - 3 * DAY]);
  // Time conditions compare the current time.
  for (const [op, target, expected] of [
    ["on", NOW, true],
    ["on", NOW - 3 * DAY, false],
    ["after", NOW - 10 * DAY, true],
    ["after", NOW + 10 * DAY, false],
    ["before", NOW + 10 * DAY, true],
    ["before", NOW - 10 * DAY, false],
  ] as const) {
    const id = uid(`time_${op}`);
    out.push(
      gateCase(
        `time ${op} ${expected ? "passes" : "fails"}`,
        DOCS.conditions,
        id,
        [rule(`${id}_r`, [{ type: "time", operator: op, targetValue: target }])],
        [[{ userID: "u" }, expected, expected ? `${id}_r` : "default"]],
      ),
    );
  }
  // Case sensitivity of the field name: custom fields are looked up as written, then lowercased.
  {
    const id = uid("custom_field_case");
    out.push(
      gateCase(
        "custom field named in capitals matches a lowercase key",
        DOCS.conditions,
        id,
        [rule(`${id}_r`, [{ type: "custom_field", field: "Plan", operator: "any", targetValue: ["pro"] }])],
        [
          [{ userID: "u", custom: { plan: "pro" } }, true, `${id}_r`],
          [{ userID: "u", custom: { plan: "free" } }, false, "default"],
        ],
      ),
    );
  }
  // A missing field passes "none of" and fails "any of".
  {
    const id = uid("missing_field");
    out.push(
      gateCase(
        "a user without the field fails any, passes none",
        DOCS.conditions,
        id,
        [rule(`${id}_r`, [{ type: "email", operator: "str_contains_none", targetValue: ["@corp"] }])],
        [[{ userID: "u" }, true, `${id}_r`]],
      ),
    );
  }
  // Presence: is_null / is_not_null (translated to eq / neq null, see translate.ts).
  for (const [type, extra, has, lacks] of [
    ["custom_field", { field: "plan" }, { userID: "u", custom: { plan: "pro" } }, { userID: "u" }],
    ["unit_id", { customID: "companyID" }, { userID: "u", customIDs: { companyID: "acme" } }, { userID: "u" }],
    ["email", {}, { userID: "u", email: "a@b.example" }, { userID: "u" }],
  ] as const) {
    for (const [op, pass, fail] of [
      ["is_null", lacks, has],
      ["is_not_null", has, lacks],
    ] as const) {
      const id = uid(`${type}_${op}`);
      out.push(
        gateCase(
          `${type} ${op}`,
          DOCS.conditions,
          id,
          [rule(`${id}_r`, [{ type, operator: op, ...extra }])],
          [
            [pass, true, `${id}_r`],
            [fail, false, "default"],
          ],
        ),
      );
    }
  }
  // Target apps: the SDK key's app. The emulator's server key belongs to none, so "any of" fails
  // and "none of" passes.
  for (const [op, expected] of [
    ["any", false],
    ["none", true],
  ] as const) {
    const id = uid(`target_app_${op}`);
    out.push(
      gateCase(
        `target_app ${op} for a key without a target app`,
        DOCS.conditions,
        id,
        [rule(`${id}_r`, [{ type: "target_app", operator: op, targetValue: ["web"] }])],
        [[{ userID: "u" }, expected, expected ? `${id}_r` : "default"]],
      ),
    );
  }
  // Public: everyone.
  {
    const id = uid("public");
    out.push(
      gateCase(
        "public rule passes everyone",
        DOCS.conditions,
        id,
        [rule(`${id}_r`, [{ type: "public" }])],
        [[{ userID: "anyone" }, true, `${id}_r`]],
      ),
    );
  }
  // Country from the user's country field.
  {
    const id = uid("country_user");
    out.push(
      gateCase(
        "country condition reads the user's country",
        DOCS.conditions,
        id,
        [rule(`${id}_r`, [{ type: "country", operator: "any", targetValue: ["NZ", "AU"] }])],
        [
          [{ userID: "u", country: "nz" }, true, `${id}_r`],
          [{ userID: "u", country: "US" }, false, "default"],
        ],
      ),
    );
  }
  return out;
}

/** Users `user-0` … for bucketed cases. */
export const users = (count: number): SimUser[] => Array.from({ length: count }, (_, i) => ({ userID: `user-${i}` }));

function structureCases(): Case[] {
  const out: Case[] = [];
  const emp = (id: string) =>
    rule(id, [{ type: "email", operator: "str_ends_with_any", targetValue: ["@corp.example"] }]);
  const alice = { userID: "alice", email: "alice@corp.example" };
  const bob = { userID: "bob", email: "bob@gmail.com" };

  // Percentages.
  for (const [pct, value] of [
    [0, false],
    [100, true],
  ] as const) {
    const id = uid(`pct_${pct}`);
    out.push(
      gateCase(
        `${pct} % rule`,
        DOCS.gates,
        id,
        [rule(`${id}_r`, [{ type: "public" }], { passPercentage: pct })],
        [
          [alice, value, `${id}_r`],
          [bob, value, `${id}_r`],
        ],
      ),
    );
  }
  for (const pct of [10, 50, 90]) {
    const id = uid(`pct_${pct}`);
    out.push({
      ...gateCase(
        `${pct} % rule buckets about ${pct} % of users, the same for every SDK`,
        DOCS.gates,
        id,
        [rule(`${id}_r`, [{ type: "public" }], { passPercentage: pct })],
        [],
      ),
      share: { kind: "gate", name: id, n: 1000, expected: pct / 100, tolerance: 0.05 },
    });
  }
  // No rules: false; rules in order; first match decides.
  {
    const id = uid("no_rules");
    out.push(gateCase("a gate without rules is false", DOCS.gates, id, [], [[alice, false, "default"]]));
  }
  {
    const id = uid("order");
    out.push(
      gateCase(
        "rules are evaluated in order: the first whose conditions match decides",
        DOCS.gates,
        id,
        [
          rule(`${id}_off`, [{ type: "user_id", operator: "any", targetValue: ["alice"] }], { passPercentage: 0 }),
          emp(`${id}_emp`),
        ],
        [
          [alice, false, `${id}_off`],
          [{ userID: "carol", email: "carol@corp.example" }, true, `${id}_emp`],
          [bob, false, "default"],
        ],
      ),
    );
  }
  {
    const id = uid("and");
    out.push(
      gateCase(
        "all conditions of a rule must match",
        DOCS.gates,
        id,
        [
          rule(`${id}_r`, [
            { type: "email", operator: "str_ends_with_any", targetValue: ["@corp.example"] },
            { type: "country", operator: "any", targetValue: ["NZ"] },
          ]),
        ],
        [
          [{ ...alice, country: "NZ" }, true, `${id}_r`],
          [{ ...alice, country: "US" }, false, "default"],
        ],
      ),
    );
  }
  // Lifecycle.
  {
    const id = uid("disabled");
    out.push({
      title: "a disabled gate is false for everyone",
      doc: DOCS.lifecycle,
      project: {
        gates: [{ id, isEnabled: false, status: "disabled", rules: [rule(`${id}_r`, [{ type: "public" }])] }],
      },
      checks: [{ kind: "gate", name: id, user: alice, value: false, rule: "disabled" }],
    });
  }
  {
    const id = uid("launched");
    out.push({
      title: "a launched gate is true for everyone",
      doc: DOCS.lifecycle,
      project: { gates: [{ id, isEnabled: true, status: "launched", rules: [] }] },
      checks: [{ kind: "gate", name: id, user: bob, value: true }],
    });
  }
  // Overrides before rules.
  {
    const id = uid("overrides");
    out.push({
      title: "overrides win over rules (user and id overrides, true and false)",
      doc: DOCS.overrides,
      project: {
        gates: [
          {
            id,
            isEnabled: true,
            status: "active",
            rules: [emp(`${id}_emp`)],
            overrides: {
              userOverrides: [
                { userID: "bob", value: true },
                { userID: "alice", value: false },
              ],
              idOverrides: [{ ids: ["dave"], value: true }],
            },
          },
        ],
      },
      checks: [
        { kind: "gate", name: id, user: bob, value: true },
        { kind: "gate", name: id, user: alice, value: false },
        { kind: "gate", name: id, user: { userID: "dave" }, value: true },
        {
          kind: "gate",
          name: id,
          user: { userID: "carol", email: "carol@corp.example" },
          value: true,
          rule: `${id}_emp`,
        },
      ],
    });
  }
  // Environments.
  {
    const id = uid("env");
    const r = rule(`${id}_r`, [{ type: "public" }], { environments: ["staging"] });
    out.push({
      title: "a rule limited to staging applies only where the SDK runs in staging",
      doc: DOCS.environments,
      project: { gates: [{ id, isEnabled: true, status: "active", rules: [r] }] },
      checks: [
        { kind: "gate", name: id, user: alice, tier: "staging", value: true, rule: `${id}_r` },
        { kind: "gate", name: id, user: alice, tier: "production", value: false, rule: "default" },
        { kind: "gate", name: id, user: alice, value: false, rule: "default" },
      ],
    });
  }
  {
    const id = uid("env_cond");
    out.push({
      title: "an environment condition reads the SDK's tier",
      doc: DOCS.environments,
      project: {
        gates: [
          {
            id,
            isEnabled: true,
            status: "active",
            rules: [rule(`${id}_r`, [{ type: "environment_tier", operator: "any", targetValue: ["production"] }])],
          },
        ],
      },
      checks: [
        { kind: "gate", name: id, user: alice, tier: "production", value: true, rule: `${id}_r` },
        { kind: "gate", name: id, user: alice, tier: "staging", value: false, rule: "default" },
      ],
    });
  }
  // Gate → gate.
  {
    const base = uid("base");
    const pass = uid("passes");
    const fail = uid("fails");
    out.push({
      title: "passes_gate / fails_gate follow the other gate",
      doc: DOCS.conditions,
      project: {
        gates: [
          { id: base, isEnabled: true, status: "active", rules: [emp(`${base}_emp`)] },
          onRule(pass, [{ type: "passes_gate", targetValue: base }]),
          onRule(fail, [{ type: "fails_gate", targetValue: base }]),
        ],
      },
      checks: [
        { kind: "gate", name: pass, user: alice, value: true, rule: `${pass}_r` },
        { kind: "gate", name: pass, user: bob, value: false },
        { kind: "gate", name: fail, user: alice, value: false },
        { kind: "gate", name: fail, user: bob, value: true, rule: `${fail}_r` },
      ],
    });
  }
  {
    const a = uid("a");
    const b = uid("b");
    const any = uid("any_of");
    out.push({
      title: "passes_gate naming two gates passes users who pass either",
      doc: DOCS.conditions,
      project: {
        gates: [
          onRule(a, [{ type: "user_id", operator: "any", targetValue: ["alice"] }]),
          onRule(b, [{ type: "user_id", operator: "any", targetValue: ["bob"] }]),
          onRule(any, [{ type: "passes_gate", targetValue: [a, b] }]),
        ],
      },
      checks: [
        { kind: "gate", name: any, user: alice, value: true, rule: `${any}_r` },
        { kind: "gate", name: any, user: bob, value: true, rule: `${any}_r` },
        { kind: "gate", name: any, user: { userID: "carol" }, value: false },
      ],
    });
  }
  {
    const off = uid("disabled_dep");
    const dep = uid("on_disabled");
    out.push({
      title: "passes_gate on a disabled gate fails",
      doc: DOCS.lifecycle,
      project: {
        gates: [
          { id: off, isEnabled: false, status: "disabled", rules: [rule(`${off}_r`, [{ type: "public" }])] },
          onRule(dep, [{ type: "passes_gate", targetValue: off }]),
        ],
      },
      checks: [{ kind: "gate", name: dep, user: alice, value: false }],
    });
  }
  // Segments.
  {
    const seg = uid("seg_rules");
    const g = uid("on_seg");
    const ng = uid("not_seg");
    out.push({
      title: "passes_segment / fails_segment on a rule-based segment",
      doc: DOCS.segments,
      project: {
        segments: [{ id: seg, type: "rule_based", rules: [emp(`${seg}_emp`)] }],
        gates: [
          onRule(g, [{ type: "passes_segment", targetValue: seg }]),
          onRule(ng, [{ type: "fails_segment", targetValue: seg }]),
        ],
      },
      checks: [
        { kind: "gate", name: g, user: alice, value: true, rule: `${g}_r` },
        { kind: "gate", name: g, user: bob, value: false },
        { kind: "gate", name: ng, user: alice, value: false },
        { kind: "gate", name: ng, user: bob, value: true },
      ],
    });
  }
  {
    const seg = uid("seg_ids");
    const g = uid("on_ids");
    const ng = uid("not_ids");
    out.push({
      title: "an id-list segment contains exactly its ids (case-sensitive)",
      doc: DOCS.segments,
      project: {
        segments: [{ id: seg, type: "id_list", ids: ["alice", "u-42"] }],
        gates: [
          onRule(g, [{ type: "passes_segment", targetValue: seg }]),
          onRule(ng, [{ type: "fails_segment", targetValue: seg }]),
        ],
      },
      checks: [
        { kind: "gate", name: g, user: alice, value: true, rule: `${g}_r` },
        { kind: "gate", name: g, user: { userID: "u-42" }, value: true },
        { kind: "gate", name: g, user: { userID: "ALICE" }, value: false },
        { kind: "gate", name: g, user: bob, value: false },
        { kind: "gate", name: ng, user: bob, value: true },
        { kind: "gate", name: ng, user: alice, value: false },
      ],
    });
  }
  {
    const seg = uid("seg_listed");
    const g = uid("in_list");
    const ng = uid("not_in_list");
    out.push({
      title: "user_id in_segment_list / not_in_segment_list an id-list segment",
      doc: DOCS.segments,
      project: {
        segments: [{ id: seg, type: "id_list", ids: ["alice"] }],
        gates: [
          {
            id: g,
            isEnabled: true,
            rules: [rule(`${g}_r`, [{ type: "user_id", operator: "in_segment_list", targetValue: seg }])],
          },
          {
            id: ng,
            isEnabled: true,
            rules: [rule(`${ng}_r`, [{ type: "user_id", operator: "not_in_segment_list", targetValue: seg }])],
          },
        ],
      },
      checks: [
        { kind: "gate", name: g, user: alice, value: true, rule: `${g}_r` },
        { kind: "gate", name: g, user: bob, value: false },
        { kind: "gate", name: ng, user: bob, value: true },
        { kind: "gate", name: ng, user: alice, value: false },
      ],
    });
  }
  {
    const seg = uid("seg_company");
    const g = uid("on_company");
    out.push({
      title: "an id-list segment of company ids matches the user's companyID",
      doc: DOCS.segments,
      project: {
        segments: [{ id: seg, type: "id_list", idType: "companyID", ids: ["acme"] }],
        gates: [
          {
            id: g,
            isEnabled: true,
            status: "active",
            idType: "companyID",
            rules: [rule(`${g}_r`, [{ type: "passes_segment", targetValue: seg }])],
          },
        ],
      },
      checks: [
        { kind: "gate", name: g, user: { userID: "x", customIDs: { companyID: "acme" } }, value: true },
        { kind: "gate", name: g, user: { userID: "acme" }, value: false },
      ],
    });
  }
  // Dynamic configs.
  {
    const id = uid("cfg");
    out.push({
      title: "a config returns the first matching rule's value, else its default",
      doc: DOCS.configs,
      project: {
        dynamicConfigs: [
          {
            id,
            isEnabled: true,
            defaultValue: { limit: 10, theme: "light" },
            rules: [
              { ...emp(`${id}_emp`), returnValue: { limit: 100, theme: "dark" } },
              {
                ...rule(`${id}_nz`, [{ type: "country", operator: "any", targetValue: ["NZ"] }]),
                returnValue: { limit: 50 },
              },
            ],
          },
        ],
      },
      checks: [
        { kind: "config", name: id, user: alice, value: { limit: 100, theme: "dark" }, rule: `${id}_emp` },
        { kind: "config", name: id, user: { ...bob, country: "NZ" }, value: { limit: 50 }, rule: `${id}_nz` },
        { kind: "config", name: id, user: bob, value: { limit: 10, theme: "light" }, rule: "default" },
      ],
    });
  }
  {
    const id = uid("cfg_pct0");
    out.push({
      title: "a config rule at 0 % returns the default to users it matches",
      doc: DOCS.configs,
      project: {
        dynamicConfigs: [
          {
            id,
            isEnabled: true,
            defaultValue: { a: 1 },
            rules: [{ ...rule(`${id}_r`, [{ type: "public" }], { passPercentage: 0 }), returnValue: { a: 2 } }],
          },
        ],
      },
      checks: [{ kind: "config", name: id, user: alice, value: { a: 1 }, rule: `${id}_r` }],
    });
  }
  {
    const id = uid("cfg_disabled");
    out.push({
      title: "a disabled config returns its default",
      doc: DOCS.configs,
      project: {
        dynamicConfigs: [
          {
            id,
            isEnabled: false,
            defaultValue: { a: 1 },
            rules: [{ ...rule(`${id}_r`, [{ type: "public" }]), returnValue: { a: 2 } }],
          },
        ],
      },
      checks: [{ kind: "config", name: id, user: alice, value: { a: 1 } }],
    });
  }
  {
    const g = uid("cfg_gate");
    const id = uid("cfg_on_gate");
    out.push({
      title: "a config rule on a gate",
      doc: DOCS.configs,
      project: {
        gates: [{ id: g, isEnabled: true, status: "active", rules: [emp(`${g}_r`)] }],
        dynamicConfigs: [
          {
            id,
            isEnabled: true,
            defaultValue: { on: false },
            rules: [{ ...rule(`${id}_r`, [{ type: "passes_gate", targetValue: g }]), returnValue: { on: true } }],
          },
        ],
      },
      checks: [
        { kind: "config", name: id, user: alice, value: { on: true } },
        { kind: "config", name: id, user: bob, value: { on: false } },
      ],
    });
  }
  // Experiments.
  const groups = (a: number, b: number) => [
    { name: "Control", size: a, parameterValues: { color: "grey" } },
    { name: "Test", size: b, parameterValues: { color: "green" } },
  ];
  {
    const id = uid("exp_all_test");
    out.push({
      title: "an experiment with 100 % in one group gives everyone that group's parameters",
      doc: DOCS.experiments,
      project: { experiments: [{ id, status: "active", allocation: 100, groups: groups(0, 100) }] },
      checks: [
        { kind: "experiment", name: id, user: alice, value: { color: "green" }, group: "Test" },
        { kind: "experiment", name: id, user: bob, value: { color: "green" }, group: "Test" },
      ],
    });
  }
  {
    const id = uid("exp_alloc0");
    out.push({
      title: "an experiment allocated to 0 % leaves everyone out (default values)",
      doc: DOCS.experiments,
      project: { experiments: [{ id, status: "active", allocation: 0, groups: groups(50, 50) }] },
      checks: [{ kind: "experiment", name: id, user: alice, value: {}, group: null }],
    });
  }
  {
    const id = uid("exp_setup");
    out.push({
      title: "an experiment not started gives everyone the default",
      doc: DOCS.experiments,
      project: { experiments: [{ id, status: "setup", allocation: 100, groups: groups(0, 100) }] },
      checks: [{ kind: "experiment", name: id, user: alice, value: {}, group: null }],
    });
  }
  {
    const g = uid("exp_target");
    const id = uid("exp_targeted");
    out.push({
      title: "an experiment's targeting gate keeps users who fail it out",
      doc: DOCS.experiments,
      project: {
        gates: [{ id: g, isEnabled: true, status: "active", rules: [emp(`${g}_r`)] }],
        experiments: [{ id, status: "active", allocation: 100, targetingGateID: g, groups: groups(100, 0) }],
      },
      checks: [
        { kind: "experiment", name: id, user: alice, value: { color: "grey" }, group: "Control" },
        { kind: "experiment", name: id, user: bob, value: {}, group: null, rule: "targetingGate" },
      ],
    });
  }
  {
    const id = uid("exp_split");
    out.push({
      title: "a 50/50 experiment splits users about evenly",
      doc: DOCS.experiments,
      project: { experiments: [{ id, status: "active", allocation: 100, groups: groups(50, 50) }] },
      checks: [],
      share: { kind: "experiment", name: id, n: 1000, expected: 0.5, tolerance: 0.05, group: "Test" },
    });
  }
  {
    const id = uid("exp_alloc50");
    out.push({
      title: "an experiment allocated to 50 % includes about half the users",
      doc: DOCS.experiments,
      project: { experiments: [{ id, status: "active", allocation: 50, groups: groups(50, 50) }] },
      checks: [],
      share: { kind: "experiment", name: id, n: 1000, expected: 0.5, tolerance: 0.05 },
    });
  }
  // Decisions: "Making a decision for an experiment ships the winning group to all your users".
  const decidedGroups = (a: number, b: number) => groups(a, b).map((g) => ({ ...g, id: `${g.name}_id` }));
  {
    const id = uid("exp_shipped");
    out.push({
      title: "a decided experiment without a targeting gate ships the launched group's parameters to everyone",
      doc: DOCS.decision,
      project: {
        experiments: [
          { id, status: "decision_made", launchedGroupID: "Test_id", allocation: 50, groups: decidedGroups(50, 50) },
        ],
      },
      checks: [
        { kind: "experiment", name: id, user: alice, value: { color: "green" } },
        { kind: "experiment", name: id, user: bob, value: { color: "green" } },
      ],
    });
  }
  {
    const id = uid("exp_shipped_control");
    out.push({
      title: "shipping the control group gives everyone the control's parameters",
      doc: DOCS.decision,
      project: {
        experiments: [
          {
            id,
            status: "decision_made",
            launchedGroupID: "Control_id",
            allocation: 100,
            groups: decidedGroups(0, 100),
          },
        ],
      },
      checks: [{ kind: "experiment", name: id, user: alice, value: { color: "grey" } }],
    });
  }
  {
    const layer = uid("layer_shipped");
    const id = uid("exp_shipped_in_layer");
    out.push({
      title: "a decision in a layer makes the shipped group's values the layer's defaults",
      doc: DOCS.decision,
      project: {
        layers: [{ id: layer, parameters: { color: "layer_default", size: 1 } }],
        experiments: [
          {
            id,
            status: "decision_made",
            launchedGroupID: "Test_id",
            allocation: 100,
            layerID: layer,
            groups: decidedGroups(50, 50),
          },
        ],
      },
      checks: [
        { kind: "experiment", name: id, user: alice, value: { color: "green", size: 1 } },
        { kind: "layer", name: layer, user: alice, value: { color: "green", size: 1 } },
        { kind: "layer", name: layer, user: bob, value: { color: "green", size: 1 } },
      ],
    });
  }
  {
    const g = uid("exp_shipped_target");
    const id = uid("exp_shipped_targeted");
    out.push({
      title: "a decided experiment with a targeting gate ships to the users who pass it (targeting continued)",
      doc: DOCS.decision,
      project: {
        gates: [{ id: g, isEnabled: true, status: "active", rules: [emp(`${g}_r`)] }],
        experiments: [
          {
            id,
            status: "decision_made",
            launchedGroupID: "Test_id",
            allocation: 100,
            targetingGateID: g,
            groups: decidedGroups(50, 50),
          },
        ],
      },
      checks: [
        { kind: "experiment", name: id, user: alice, value: { color: "green" } },
        { kind: "experiment", name: id, user: bob, value: {} },
      ],
    });
  }
  {
    const id = uid("exp_abandoned");
    out.push({
      title: "an abandoned experiment gives everyone the default",
      doc: "https://docs.statsig.com/experiments/ending/ending-experiment",
      project: { experiments: [{ id, status: "abandoned", allocation: 100, groups: decidedGroups(0, 100) }] },
      checks: [{ kind: "experiment", name: id, user: alice, value: {}, group: null }],
    });
  }
  // Layers.
  {
    const layer = uid("layer");
    const a = uid("exp_in_layer_a");
    const b = uid("exp_in_layer_b");
    out.push({
      title: "experiments in a layer are mutually exclusive and inherit its parameters",
      doc: DOCS.layers,
      project: {
        layers: [{ id: layer, parameters: { color: "grey", size: 1 } }],
        experiments: [
          { id: a, status: "active", allocation: 100, layerID: layer, groups: groups(0, 100) },
          { id: b, status: "active", allocation: 100, layerID: layer, groups: groups(0, 100) },
        ],
      },
      // The first experiment claims the whole layer; the second gets nobody.
      checks: [
        { kind: "experiment", name: a, user: alice, value: { color: "green", size: 1 }, group: "Test" },
        { kind: "experiment", name: b, user: alice, value: { color: "grey", size: 1 }, group: null },
        { kind: "layer", name: layer, user: alice, value: { color: "green", size: 1 }, group: "Test" },
      ],
    });
  }
  {
    const layer = uid("layer_free");
    out.push({
      title: "a layer without experiments returns its parameters",
      doc: DOCS.layers,
      project: { layers: [{ id: layer, parameters: { color: "grey" } }] },
      checks: [{ kind: "layer", name: layer, user: alice, value: { color: "grey" } }],
    });
  }
  // Holdouts.
  for (const [pct, enabled, value] of [
    [100, true, false],
    [0, true, true],
    [100, false, true],
  ] as const) {
    const g = uid(`held_${pct}_${enabled}`);
    const h = uid("holdout");
    out.push({
      title: `a ${enabled ? "" : "disabled "}holdout of ${pct} % ${value ? "leaves the gate alone" : "holds users back from the gate"}`,
      doc: DOCS.holdouts,
      project: {
        gates: [{ id: g, isEnabled: true, status: "active", rules: [rule(`${g}_r`, [{ type: "public" }])] }],
        holdouts: [{ id: h, isEnabled: enabled, passPercentage: pct, gateIDs: [g] }],
      },
      checks: [{ kind: "gate", name: g, user: alice, value }],
    });
  }
  {
    const e = uid("held_exp");
    const h = uid("holdout_exp");
    out.push({
      title: "a 100 % holdout on an experiment gives everyone the default",
      doc: DOCS.holdouts,
      project: {
        experiments: [{ id: e, status: "active", allocation: 100, groups: groups(0, 100) }],
        holdouts: [{ id: h, isEnabled: true, passPercentage: 100, experimentIDs: [e] }],
      },
      checks: [{ kind: "experiment", name: e, user: alice, value: {}, group: null }],
    });
  }
  return out;
}

/** Every case. */
export const CASES: Case[] = [...operatorCases(), ...structureCases()];
