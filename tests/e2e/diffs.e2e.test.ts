/**
 * Honest diffs (issue 11 item 1), with the real CLI: what `pulumi preview --diff` prints after an
 * `up`, after a `refresh`, and for a one-field edit of each kind (scalar, boolean, list, a rule's
 * percentage, a condition's value, a JSON value, a replacing name). Each edit's printed diff must
 * name exactly that field: no unmanaged field (`status`, `tags`, `targetApps`, `idOverrides`), no
 * service-computed output (rule ids, `createdTime`) and no rule id shown as removed.
 */
import * as fs from "fs";
import { startEmulator, RunningEmulator } from "../../emulator/server";
import { TestStack, newStack, stateByType, stateResources } from "./harness";

jest.setTimeout(180_000);

const program = `
import * as pulumi from "@pulumi/pulumi";
import * as statsig from "pulumi-statsig";

const cfg = new pulumi.Config();
new statsig.Gate("gate", cfg.requireObject<statsig.GateArgs>("gate"));
new statsig.DynamicConfig("config", cfg.requireObject<statsig.DynamicConfigArgs>("config"));
`;

// Deliberately leaves tags, targetApps, status and overrides unmanaged.
const gate = {
  name: "diffs gate",
  description: "first",
  isEnabled: true,
  rules: [
    {
      name: "staff",
      passPercentage: 100,
      conditions: [{ type: "email", operator: "str_ends_with_any", targetValue: ["@example.com"] }],
    },
  ],
};

const config = {
  name: "diffs config",
  description: "first",
  defaultValue: { color: "blue" },
  rules: [
    {
      name: "beta",
      passPercentage: 10,
      conditions: [{ type: "country", operator: "any", targetValue: ["US"] }],
      returnValue: { color: "red" },
    },
  ],
};

/** A property change line of the --diff output: `~ description: "a" => "b"`, `- status: ...`. */
const CHANGE = /^(\s*(?:[-+~]|\+-|-\+)\s+)("[^"]+"|[\w[\]]+)\s*:/;

/** The lines of one resource's block in a preview's output (the resource type's suffix). */
function resourceBlock(stdout: string, type: string): string[] {
  const lines = stdout.split("\n");
  const start = lines.findIndex((l) => l.includes(`statsig:${type}:`));
  if (start < 0) return [];
  const block: string[] = [];
  for (const l of lines.slice(start + 1)) {
    // The next resource header or the summary ends the block.
    if (/pulumi[:-]\S+: \(/.test(l) || /^Resources:/.test(l)) break;
    block.push(l);
  }
  return block;
}

/**
 * The property changes printed for one resource in a `--diff` preview: the top-level property
 * names marked as changed (those whose name starts in the leftmost column), and every marked line.
 */
function printedChanges(stdout: string, type: string): { top: string[]; lines: string[] } {
  const changes = resourceBlock(stdout, type)
    .map((l) => l.match(CHANGE))
    .filter((m): m is RegExpMatchArray => m !== null);
  if (!changes.length) return { top: [], lines: [] };
  const nameColumn = Math.min(...changes.map((m) => m[1].length));
  return {
    top: changes.filter((m) => m[1].length === nameColumn).map((m) => m[2].replace(/"/g, "")),
    lines: changes.map((m) => (m.input ?? m[0]).trim()),
  };
}

describe("preview --diff names only what changes (real CLI)", () => {
  let emu: RunningEmulator;
  let t: TestStack;

  beforeAll(async () => {
    emu = await startEmulator({ port: 0 });
    t = await newStack("diffs", program, emu);
    await t.stack.setConfig("gate", { value: JSON.stringify(gate) });
    await t.stack.setConfig("config", { value: JSON.stringify(config) });
    await t.stack.up();
  }, 20 * 60_000);

  afterAll(async () => {
    await t?.cleanup();
    await emu?.close();
  });

  const previewDiff = async () => {
    const out = (await t.stack.preview({ diff: true })).stdout;
    // DIFFS_DEBUG=<file> keeps every printed diff, to see what a failing assertion saw.
    if (process.env.DIFFS_DEBUG) fs.appendFileSync(process.env.DIFFS_DEBUG, out + "\n=====\n");
    return out;
  };

  it("after up, preview --diff prints no change", async () => {
    const out = await previewDiff();
    expect(printedChanges(out, "Gate")).toEqual({ top: [], lines: [] });
    expect(printedChanges(out, "DynamicConfig")).toEqual({ top: [], lines: [] });
  });

  it("refresh records no unmanaged field as an input, and preview --diff still prints no change", async () => {
    await t.stack.refresh({ expectNoChanges: true });
    const byType = await stateByType(t.stack);
    const [g] = byType("Gate");
    const inputs = Object.keys(g.inputs as object).sort();
    expect(inputs).toEqual(["__provider", "description", "isEnabled", "name", "rules"]);
    const [c] = byType("DynamicConfig");
    expect(Object.keys(c.inputs as object).sort()).toEqual([
      "__provider",
      "defaultValue",
      "description",
      "name",
      "rules",
    ]);
    const out = await previewDiff();
    expect(printedChanges(out, "Gate")).toEqual({ top: [], lines: [] });
    expect(printedChanges(out, "DynamicConfig")).toEqual({ top: [], lines: [] });
  });

  const edits: [string, "Gate" | "DynamicConfig", string, () => object][] = [
    ["a string", "Gate", "description", () => ({ ...gate, description: "second" })],
    ["a boolean", "Gate", "isEnabled", () => ({ ...gate, isEnabled: false })],
    ["a list the program starts managing", "Gate", "tags", () => ({ ...gate, tags: ["checkout"] })],
    ["a rule's percentage", "Gate", "rules", () => ({ ...gate, rules: [{ ...gate.rules[0], passPercentage: 50 }] })],
    [
      "a condition's value",
      "Gate",
      "rules",
      () => ({
        ...gate,
        rules: [{ ...gate.rules[0], conditions: [{ ...gate.rules[0].conditions[0], targetValue: ["@example.org"] }] }],
      }),
    ],
    ["a JSON value", "DynamicConfig", "defaultValue", () => ({ ...config, defaultValue: { color: "green" } })],
  ];

  it.each(edits)("an edit of %s prints only that field", async (_kind, type, field, edited) => {
    const key = type === "Gate" ? "gate" : "config";
    const original = type === "Gate" ? gate : config;
    await t.stack.setConfig(key, { value: JSON.stringify(edited()) });
    try {
      const out = await previewDiff();
      const printed = printedChanges(out, type);
      expect(printed.top).toEqual([field]);
      // Nothing the service computes, and no rule id, is shown as removed or changed.
      expect(printed.lines.filter((l) => /\b(id|createdTime|lastModifiedTime|status|idOverrides)\b/.test(l))).toEqual(
        [],
      );
      const other = type === "Gate" ? "DynamicConfig" : "Gate";
      expect(printedChanges(out, other)).toEqual({ top: [], lines: [] });
    } finally {
      await t.stack.setConfig(key, { value: JSON.stringify(original) });
    }
  });

  it("a name edit (a replacement) names only the name as the change", async () => {
    await t.stack.setConfig("config", { value: JSON.stringify({ ...config, name: "diffs config two" }) });
    try {
      // The summary line lists the changed inputs: only the name.
      const summary = (await t.stack.preview()).stdout;
      expect(summary).toMatch(/statsig:DynamicConfig\s+config\s+replace\s+\[diff: ~name\]/);
      // --diff renders a replacement as the old outputs against the new inputs (Pulumi's display
      // for a provider without preview creates): outputs the service computed show as dropped,
      // but the only value that changes is the name.
      const out = await previewDiff();
      const printed = printedChanges(out, "DynamicConfig");
      expect(printed.lines).toContainEqual(expect.stringMatching(/^~ name\s*: "diffs config" => "diffs config two"$/));
      // Every other marked line is an output the service computed (dropped with the old entity, a
      // rule's id inside `~ rules` / `~ [0]`, the config's `status`), never a value the program sets.
      const computed = new Set([
        "id",
        "createdTime",
        "lastModifiedTime",
        "isEnabled",
        "status",
        "tags",
        "rules",
        "[0]",
        "name",
      ]);
      const others = printed.lines.map((l) => l.match(CHANGE)?.[2]).filter((n) => !computed.has(n ?? ""));
      expect(others).toEqual([]);
      expect(
        printed.lines.filter((l) =>
          /^[-+~]\s+(description|defaultValue|passPercentage|conditions|returnValue)\b/.test(l),
        ),
      ).toEqual([]);
    } finally {
      await t.stack.setConfig("config", { value: JSON.stringify(config) });
    }
  });

  it("after an up of an edit and a refresh, preview --diff prints no change", async () => {
    await t.stack.setConfig("gate", {
      value: JSON.stringify({ ...gate, rules: [{ ...gate.rules[0], passPercentage: 40 }] }),
    });
    await t.stack.up();
    await t.stack.refresh({ expectNoChanges: true });
    const out = await previewDiff();
    expect(printedChanges(out, "Gate")).toEqual({ top: [], lines: [] });
    const [g] = await stateResources(t.stack, "Gate");
    expect(Object.keys(g.inputs as object)).not.toContain("status");
  });
});
