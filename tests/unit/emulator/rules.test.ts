/**
 * The emulator's own copy of the service rules, pinned to what Statsig's published Console API
 * documents: the `*CreateDto` name schemas (length and characters per kind), the id examples
 * ("A Gate" → `a_gate`), and the rate limits stated in the API's introduction. The emulator must
 * not borrow these from the provider (a shared wrong rule would go unnoticed); the last test
 * checks that no emulator file imports from `provider/`.
 */
import * as fs from "fs";
import * as path from "path";
import {
  NAME_RULES,
  NamedKind,
  idFromName,
  nameProblem,
  parseRateLimit,
  PUBLISHED_BUDGET,
} from "../../../emulator/rules";

describe("ids derive from names", () => {
  it.each([
    ["A Gate", "a_gate"],
    ["A Layer", "a_layer"],
    ["A Autotune", "a_autotune"],
    ["a dynamic config", "a_dynamic_config"],
    ["team holdout", "team_holdout"],
    ["Checkout-Flow.v2", "checkout-flow.v2"],
  ])("%s → %s", (name, id) => {
    expect(idFromName(name)).toBe(id);
  });
});

describe("name rules per kind", () => {
  const accepts = (kind: NamedKind, name: string) => nameProblem(kind, name) === undefined;

  it("gates and dynamic configs: 3–100 of letters, digits, spaces, _ - and .", () => {
    for (const kind of ["gates", "dynamic_configs"] as const) {
      expect(accepts(kind, "my.gate v2_x-y")).toBe(true);
      expect(accepts(kind, "ab")).toBe(false);
      expect(accepts(kind, "x".repeat(100))).toBe(true);
      expect(accepts(kind, "x".repeat(101))).toBe(false);
      expect(accepts(kind, "bad/name")).toBe(false);
    }
  });

  it("experiments, segments, layers and holdouts: the same without .", () => {
    for (const kind of ["experiments", "segments", "layers", "holdouts"] as const) {
      expect(accepts(kind, "checkout flow_v2-b")).toBe(true);
      expect(accepts(kind, "button.color")).toBe(false);
      expect(accepts(kind, "ab")).toBe(false);
      expect(accepts(kind, "x".repeat(101))).toBe(false);
    }
  });

  it("tags: 1–100 characters of anything", () => {
    expect(accepts("tags", "x")).toBe(true);
    expect(accepts("tags", "* Core / team.a")).toBe(true);
    expect(accepts("tags", "")).toBe(false);
    expect(accepts("tags", "x".repeat(101))).toBe(false);
  });

  it("autotunes: any non-empty name (the published API documents no rule)", () => {
    expect(accepts("autotunes", "x")).toBe(true);
    expect(accepts("autotunes", "")).toBe(false);
  });

  it("the 400's message names the rule", () => {
    expect(nameProblem("gates", "ab")).toBe("name: must be 3 to 100 characters");
    expect(nameProblem("experiments", "a.b.c")).toBe(
      `name: may contain only letters, digits, spaces, '_' and '-' (got "a.b.c")`,
    );
    expect(nameProblem("tags", undefined)).toBe("name: is required");
    expect(nameProblem("autotunes", "")).toBe("name: must be at least 1 character");
  });

  it("every kind has a rule", () => {
    expect(Object.keys(NAME_RULES).sort()).toEqual(
      ["autotunes", "dynamic_configs", "experiments", "gates", "holdouts", "layers", "segments", "tags"].sort(),
    );
  });
});

describe("rate budgets", () => {
  it("published: ~100 requests per 10 s and ~900 per 15 min", () => {
    expect(PUBLISHED_BUDGET).toEqual([
      { limit: 100, windowMs: 10_000 },
      { limit: 900, windowMs: 900_000 },
    ]);
    expect(parseRateLimit("published")).toEqual(PUBLISHED_BUDGET);
  });

  it("off, and lists of windows", () => {
    expect(parseRateLimit("off")).toEqual([]);
    expect(parseRateLimit("5/1s, 50/1m")).toEqual([
      { limit: 5, windowMs: 1000 },
      { limit: 50, windowMs: 60_000 },
    ]);
    expect(parseRateLimit("3/10s")).toEqual([{ limit: 3, windowMs: 10_000 }]);
    expect(parseRateLimit("7/h")).toEqual([{ limit: 7, windowMs: 3_600_000 }]);
  });

  it("refuses what it cannot read", () => {
    expect(() => parseRateLimit("lots")).toThrow('--rate-limit: "lots" is not a budget like 100/10s or 900/15m');
    expect(() => parseRateLimit("0/1s")).toThrow("needs positive numbers");
  });
});

test("no emulator file imports from provider/", () => {
  const root = path.resolve(__dirname, "..", "..", "..", "emulator");
  const files = (dir: string): string[] =>
    fs
      .readdirSync(dir, { withFileTypes: true })
      .flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : [path.join(dir, e.name)]))
      .filter((f) => f.endsWith(".ts"));
  const offenders = files(root).filter((f) => /from\s+["'](\.\.\/)+provider\//.test(fs.readFileSync(f, "utf8")));
  expect(offenders.map((f) => path.relative(root, f))).toEqual([]);
});
