/**
 * Readable types (issue 17 item 6): a misspelt operator or condition type fails to compile with a
 * message listing the allowed values (it said `is not assignable to type 'undefined'` when the
 * operator chose the member of a discriminated union). Compiles a small program with tsc.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import ts from "typescript";

const provider = path.resolve(__dirname, "..", "..", "..", "provider");

/** tsc's messages for a program declaring `conditions` as `ConditionInput[]`. */
function diagnostics(conditions: string): string[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "conds-tsc-"));
  const file = path.join(dir, "program.ts");
  fs.writeFileSync(
    file,
    `import type { ConditionInput } from ${JSON.stringify(provider)};\nexport const c: ConditionInput[] = ${conditions};\n`,
  );
  try {
    const program = ts.createProgram([file], {
      strict: true,
      noEmit: true,
      skipLibCheck: true,
      esModuleInterop: true,
      module: ts.ModuleKind.CommonJS,
      target: ts.ScriptTarget.ES2022,
    });
    return ts
      .getPreEmitDiagnostics(program, program.getSourceFile(file))
      .map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe("ConditionInput's compile errors name the allowed values", () => {
  it("a misspelt operator, a misspelt type; a valid condition compiles", () => {
    const [operator, type, ...rest] = diagnostics(`[
      { type: "email", operator: "str_ends_with", targetValue: ["@example.com"] },
      { type: "publc" },
      { type: "public" },
    ]`);
    expect(rest).toEqual([]);
    expect(operator).toContain(`Type '"str_ends_with"' is not assignable to type`);
    expect(operator).toContain(`"str_ends_with_any"`);
    expect(operator).toContain(`"any"`);
    expect(operator).not.toContain(`type 'undefined'`);
    expect(type).toContain(`Type '"publc"' is not assignable to type`);
    expect(type).toContain(`"public"`);
  }, 120_000);
});

/** The doc comment of each member of an exported interface, read from its source. */
function memberDocs(file: string, name: string): Record<string, string> {
  const source = ts.createSourceFile(file, fs.readFileSync(file, "utf8"), ts.ScriptTarget.ES2022, true);
  const out: Record<string, string> = {};
  source.forEachChild((node) => {
    if (!ts.isInterfaceDeclaration(node) || node.name.text !== name) return;
    out[""] = ts
      .getJSDocCommentsAndTags(node)
      .map((d) => d.getText())
      .join("\n");
    for (const m of node.members)
      if (m.name && ts.isIdentifier(m.name))
        out[m.name.text] = ts
          .getJSDocCommentsAndTags(m)
          .map((d) => d.getText())
          .join("\n");
  });
  return out;
}

describe("the reference documents conditions (issue 17 item 6)", () => {
  const docs = memberDocs(path.join(provider, "resources", "common.ts"), "ConditionInput");

  it("ConditionInput's type names every condition type; field and customID say where they apply", () => {
    // Every value the type accepts, from its declaration.
    const declared = /\n {2}type:\n((?:\s+\| "[a-z_]+"\n?)+);/.exec(
      fs.readFileSync(path.join(provider, "resources", "common.ts"), "utf8"),
    );
    const types = [...(declared?.[1] ?? "").matchAll(/"([a-z_]+)"/g)].map((m) => m[1]);
    expect(types).toEqual(expect.arrayContaining(["public", "environment_tier", "custom_field", "unit_id"]));
    for (const t of types) expect(docs.type).toContain(`\`${t}\``);
    expect(docs.field).toContain("custom_field");
    expect(docs.customID).toContain("unit_id");
  });

  it("no resource's arguments doc names an internal definition", () => {
    const dir = path.join(provider, "resources");
    for (const f of fs.readdirSync(dir).filter((n) => n.endsWith(".ts"))) {
      const text = fs.readFileSync(path.join(dir, f), "utf8");
      for (const [, name] of text.matchAll(/export interface (\w+Args)\b/g))
        expect(`${name}: ${memberDocs(path.join(dir, f), name)[""]}`).not.toMatch(/Definition\b|Definition\./);
    }
  });
});
