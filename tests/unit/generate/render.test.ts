/**
 * `render` (provider/generate/render.ts) on small project snapshots, no API: each entity a
 * resource with `adopt: true` and only its set fields; references as `<variable>.id` / `.name`
 * declared before use; a cycle cut with literal ids and a warning; what the program cannot
 * declare left out with a warning; the same bytes whatever order the API answers in.
 */
import { ApiEntity, KINDS, ProjectSnapshot, render } from "../../../provider/generate";

/** A snapshot with only the given kinds filled. */
function snapshot(parts: Partial<Record<(typeof KINDS)[number], ApiEntity[]>>, unread?: string[]): ProjectSnapshot {
  const s = Object.fromEntries(KINDS.map((k) => [k, parts[k] ?? []])) as unknown as ProjectSnapshot;
  if (unread) s.unread = unread;
  return s;
}

/** The program's declarations, one line each (the header and import left out). */
const declarations = (source: string) => source.split("\n").filter((l) => /^(const \w+ = )?new statsig\./.test(l));

const gate = (id: string, extra: Record<string, unknown> = {}): ApiEntity => ({
  id,
  name: id,
  isEnabled: true,
  status: "active",
  ...extra,
});
const gateRule = (type: string, targetValue: unknown) => ({
  rules: [{ name: "r", passPercentage: 100, conditions: [{ type, targetValue }] }],
});

it("an empty project is the header and the import, no resource", () => {
  const r = render(snapshot({}));
  expect(declarations(r.source)).toEqual([]);
  expect(r.source).toContain('import * as statsig from "pulumi-statsig";');
  expect(r.source).toContain("`pulumi destroy` deletes what is declared here");
  expect(Object.values(r.counts)).toEqual(KINDS.map(() => 0));
  expect(r.warnings).toEqual([]);
});

it("declares each entity with its set fields and adopt: true; empty values are left out", () => {
  const r = render(snapshot({ tags: [{ id: "core", name: "core", description: "", color: "" }] }));
  expect(declarations(r.source)).toEqual(['new statsig.Tag("core", { name: "core", adopt: true });']);
  expect(r.counts.tags).toBe(1);
});

it("a gate gets one switch: isEnabled when active or disabled, status when launched or archived", () => {
  const r = render(
    snapshot({
      gates: [
        gate("on_gate"),
        gate("off_gate", { isEnabled: false, status: "disabled" }),
        gate("done", { status: "launched" }),
      ],
    }),
  );
  expect(declarations(r.source)).toEqual([
    'new statsig.Gate("done", { name: "done", status: "launched", adopt: true });',
    'new statsig.Gate("off_gate", { name: "off_gate", isEnabled: false, adopt: true });',
    'new statsig.Gate("on_gate", { name: "on_gate", isEnabled: true, adopt: true });',
  ]);
});

it("references become outputs of variables declared first: gate conditions, tags, holdout gates", () => {
  const r = render(
    snapshot({
      tags: [{ id: "core", name: "core" }],
      gates: [gate("a_user", { tags: ["core"], ...gateRule("passes_gate", ["z_base"]) }), gate("z_base")],
      holdouts: [{ id: "hold", name: "hold", passPercentage: 5, gateIDs: ["a_user", "not_declared"] }],
    }),
  );
  const lines = declarations(r.source);
  expect(lines[0]).toMatch(/^const core = new statsig\.Tag\("core"/);
  expect(lines[1]).toMatch(/^const zBase = new statsig\.Gate\("z_base"/);
  expect(lines[2]).toMatch(
    /^const aUser = new statsig\.Gate\("a_user".*targetValue: \[zBase\.id\].*tags: \[core\.name\]/,
  );
  // An id no declared entity has stays a literal.
  expect(lines[3]).toContain('gateIDs: [aUser.id, "not_declared"]');
});

it("a reference cycle is cut with the literal id and a warning naming both ends", () => {
  const r = render(
    snapshot({ gates: [gate("aaa", gateRule("passes_gate", "bbb")), gate("bbb", gateRule("fails_gate", "aaa"))] }),
  );
  const lines = declarations(r.source);
  expect(lines).toHaveLength(2);
  expect(lines[0]).toMatch(/^const aaa = new statsig\.Gate\("aaa".*targetValue: "bbb"/);
  expect(lines[1]).toMatch(/^new statsig\.Gate\("bbb".*targetValue: aaa\.id/);
  expect(r.warnings).toEqual([
    'gate "aaa" refers to gates bbb in a cycle: written as literal ids (Pulumi cannot order a cycle)',
  ]);
});

it("an entity the program cannot declare is left out with a warning, and is no reference target", () => {
  const r = render(snapshot({ gates: [gate("bad", { name: "a/b" }), gate("user", gateRule("passes_gate", "bad"))] }));
  expect(declarations(r.source)).toEqual([expect.stringMatching(/^new statsig\.Gate\("user".*targetValue: "bad"/)]);
  expect(r.counts.gates).toBe(1);
  expect(r.warnings).toHaveLength(1);
  expect(r.warnings[0]).toMatch(/^gate "bad" is not declared: the program cannot express it \(name: /);
});

it("the same project in another order gives the same bytes", () => {
  const a = [gate("one", { tags: ["y", "x"] }), gate("two"), gate("three", gateRule("passes_gate", "one"))];
  const tags = [
    { id: "x", name: "x" },
    { id: "y", name: "y" },
  ];
  const first = render(snapshot({ gates: a, tags })).source;
  const second = render(snapshot({ gates: [...a].reverse(), tags: [...tags].reverse() })).source;
  expect(second).toBe(first);
  expect(first).toContain("tags: [x.name, y.name]");
});

it("variable names are identifiers, never keywords, and unique", () => {
  const r = render(
    snapshot({
      gates: [gate("1st"), gate("new"), gate("user_a", gateRule("passes_gate", ["1st", "new"]))],
      segments: [{ id: "new", name: "new", type: "rule_based", rules: [] }],
      holdouts: [{ id: "h1", name: "h1", gateIDs: ["new"] }],
    }),
  );
  expect(r.source).toContain('const gate1st = new statsig.Gate("1st"');
  expect(r.source).toContain('const newGate = new statsig.Gate("new"');
  expect(r.source).toContain("targetValue: [gate1st.id, newGate.id]");
});

it("resource options and unread notes go on every resource and into the header", () => {
  const r = render(snapshot({ tags: [{ id: "t1", name: "t1" }] }, ["Something was not read."]), {
    protect: true,
    retainOnDelete: true,
  });
  expect(declarations(r.source)).toEqual([
    'new statsig.Tag("t1", { name: "t1", adopt: true }, { protect: true, retainOnDelete: true });',
  ]);
  expect(r.source).toContain(" * Every resource sets `protect: true`");
  expect(r.source).toContain(" * Every resource sets `retainOnDelete: true`");
  expect(r.source).not.toContain("`pulumi destroy` deletes");
  expect(r.source).toContain(" * Something was not read.");
});
