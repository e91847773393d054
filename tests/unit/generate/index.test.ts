/**
 * `generate` (provider/generate/index.ts) against the emulator over real HTTP, into temporary
 * directories: `index.ts` is always (re)written and formatted as prettier's defaults would; the
 * project files are written only when missing, named after the directory.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { useEmulator } from "../../fixtures/emulator";
import { ConsoleClient } from "../../../provider/client";
import { KINDS, formatTypeScript, generate, render, renderProgram } from "../../../provider/generate";

const emu = useEmulator({
  seed: async (e) => void e.store.put("tags", { id: "core", name: "core", description: "", color: "" }),
});
const client = () => new ConsoleClient({ baseUrl: emu.apiUrl, apiKey: () => emu.apiKey });

let dir: string;
beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), "generate-unit-"))));
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

it("formatTypeScript formats as prettier's defaults do, whatever config the target directory has", async () => {
  expect(await formatTypeScript("const   a = {b:'c'}")).toBe('const a = { b: "c" };\n');
});

it("renderProgram is render's program, formatted, with the same counts and warnings", async () => {
  const rules = [{ name: "everyone", passPercentage: 100, conditions: [{ type: "public" }] }];
  const gates = [{ id: "a_long_gate_name", name: "a_long_gate_name", isEnabled: true, description: "d", rules }];
  const snapshot = { ...Object.fromEntries(KINDS.map((k) => [k, []])), gates };
  const raw = render(snapshot as never);
  const formatted = await renderProgram(snapshot as never);
  expect(formatted.source).toBe(await formatTypeScript(raw.source));
  expect(formatted.source).not.toBe(raw.source);
  expect([formatted.counts, formatted.warnings]).toEqual([raw.counts, raw.warnings]);
});

it("writes index.ts and the missing project files, named after the directory", async () => {
  const out = path.join(dir, "my project!");
  const r = await generate(client(), out);
  expect(r.written).toEqual(["index.ts", "Pulumi.yaml", "package.json", "tsconfig.json"]);
  expect(r.kept).toEqual([]);
  expect(r.counts.tags).toBe(1);
  expect(fs.readFileSync(path.join(out, "index.ts"), "utf8")).toContain('new statsig.Tag("core", {');
  expect(fs.readFileSync(path.join(out, "Pulumi.yaml"), "utf8")).toMatch(/^name: my-project-\nruntime: nodejs\n/);
  const pkg = JSON.parse(fs.readFileSync(path.join(out, "package.json"), "utf8"));
  expect(pkg).toMatchObject({ name: "my-project-", private: true, main: "index.ts" });
  expect(pkg.dependencies["pulumi-statsig"]).toBe(`^${require("../../../package.json").version}`);
});

it("keeps existing project files, rewriting only index.ts", async () => {
  fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: mine\n");
  fs.writeFileSync(path.join(dir, "index.ts"), "old");
  const r = await generate(client(), dir, { protect: true });
  expect(r.written).toEqual(["index.ts", "package.json", "tsconfig.json"]);
  expect(r.kept).toEqual(["Pulumi.yaml"]);
  expect(fs.readFileSync(path.join(dir, "Pulumi.yaml"), "utf8")).toBe("name: mine\n");
  expect(fs.readFileSync(path.join(dir, "index.ts"), "utf8")).toContain("{ protect: true }");
});
