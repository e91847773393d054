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
