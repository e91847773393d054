/**
 * The TypeScript code blocks of the README files are programs users copy: each one must
 * type-check against the package's own types (examples/tsconfig.json's settings, with
 * `pulumi-statsig` mapped to provider/index.ts), so a renamed argument cannot leave the docs stale.
 * Blocks that do not import the package get `import * as statsig from "pulumi-statsig"` prepended.
 */
import * as fs from "fs";
import * as path from "path";
import * as ts from "typescript";

const REPO = path.resolve(__dirname, "..", "..");
const DOCS = ["README.md", "examples/README.md", "examples/ci-preview/README.md", "emulator/README.md"];

/** The ```ts blocks of a markdown file, with the line each starts on. */
function tsBlocks(file: string): { line: number; code: string }[] {
  const lines = fs.readFileSync(path.join(REPO, file), "utf8").split("\n");
  const out: { line: number; code: string }[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!/^```(ts|typescript)\s*$/.test(lines[i])) continue;
    const start = i + 1;
    let j = start;
    while (j < lines.length && !lines[j].startsWith("```")) j++;
    out.push({ line: start + 1, code: lines.slice(start, j).join("\n") });
    i = j;
  }
  return out;
}

/** Type-checks virtual files (name → source) with the examples' compiler options. */
function typeCheck(files: Map<string, string>): string[] {
  const configPath = path.join(REPO, "examples", "tsconfig.json");
  const config = ts.getParsedCommandLineOfConfigFile(
    configPath,
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, "\n"));
      },
    },
  )!;
  const options: ts.CompilerOptions = { ...config.options, noEmit: true, noUnusedLocals: false };
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (name, lang, ...rest) =>
    files.has(name) ? ts.createSourceFile(name, files.get(name)!, lang) : getSourceFile(name, lang, ...rest);
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (name) => files.has(name) || fileExists(name);
  const readFile = host.readFile.bind(host);
  host.readFile = (name) => files.get(name) ?? readFile(name);
  const program = ts.createProgram([...files.keys()], options, host);
  return ts
    .getPreEmitDiagnostics(program)
    .filter((d) => d.file && files.has(d.file.fileName))
    .map((d) => {
      const { line } = d.file!.getLineAndCharacterOfPosition(d.start ?? 0);
      return `${d.file!.fileName}:${line + 1}: ${ts.flattenDiagnosticMessageText(d.messageText, " ")}`;
    });
}

it("every TypeScript block of the README files type-checks against the package", () => {
  const files = new Map<string, string>();
  for (const doc of DOCS) {
    for (const { line, code } of tsBlocks(doc)) {
      const prelude = /from "pulumi-statsig(\/emulator)?"/.test(code)
        ? ""
        : 'import * as statsig from "pulumi-statsig";\n';
      // The file name says where the block is; `export {}` keeps each block its own module.
      const name = path.join(REPO, ".readme-check", `${doc.replace(/[/.]/g, "_")}_line${line}.ts`);
      files.set(name, `${prelude}${code}\nexport {};\n`);
    }
  }
  expect(files.size).toBeGreaterThanOrEqual(4);
  expect(typeCheck(files)).toEqual([]);
}, 120_000);
