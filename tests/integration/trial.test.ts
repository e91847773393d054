/**
 * Issue 17, item 4: the bugs a new user met on a taken-over project, each pinned by a test.
 * - After a refresh, a gate's recorded overrides carried `idOverrides: []` the program never set,
 *   so the next preview's diff showed `- idOverrides: []`.
 * - `generate` wrote both `status` and `isEnabled` for every gate: flipping `isEnabled` to turn a
 *   gate on then contradicted the generated `status`.
 * - `generate` kept the service's key order inside rules and conditions, so a second run after
 *   `up` reordered keys of an identical project.
 * - Its "Next:" hint left out `statsig:apiUrl` when it read a non-default URL.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { RunningEmulator, startEmulator } from "../../emulator/server";
import { ConsoleClient } from "../../provider/client";
import { readProject, render, renderProgram, ProjectSnapshot } from "../../provider/generate";
import { main } from "../../provider/generate/cli";
import { gateDefinition, gateProvider } from "../../provider/resources/gate";
import { validateInputs } from "../../provider/resources/framework";
import { populateProject } from "../fixtures/project";
import { configureProvider } from "./helpers";

jest.setTimeout(120_000);

let emu: RunningEmulator;
let snapshot: ProjectSnapshot;
beforeAll(async () => {
  emu = await startEmulator({ port: 0 });
  await populateProject(emu);
  snapshot = await readProject(new ConsoleClient({ baseUrl: emu.apiUrl, apiKey: () => emu.apiKey }));
  await configureProvider(emu);
});
afterAll(() => emu.close());

/** `v` with the keys of every object, at every depth, in reverse order. */
function reversedKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(reversedKeys);
  if (v && typeof v === "object")
    return Object.fromEntries(
      Object.entries(v)
        .reverse()
        .map(([k, x]) => [k, reversedKeys(x)]),
    );
  return v;
}

describe("the trial's bugs", () => {
  it("a refresh records only the override lists the program set (no `idOverrides: []`)", async () => {
    const inputs = { name: "trial overrides", overrides: { userOverrides: [{ userID: "u1", value: true }] } };
    const checked = await gateProvider.check({}, inputs);
    const created = await gateProvider.create(checked.inputs);
    const read = await gateProvider.read(created.id, { ...created.outs, __provider: "p" });
    expect(read.inputs?.overrides).toEqual({ userOverrides: [{ userID: "u1", value: true }] });
    // And the recorded inputs show no change against the program.
    const diff = await gateProvider.diff(created.id, read.props, { ...inputs, __provider: "p" });
    expect(diff.changes).toBe(false);
  });

  it("generate writes one of status and isEnabled per gate, so editing it turns the gate on or off", () => {
    const source = render(snapshot).source;
    const gate = (id: string) => source.slice(source.indexOf(`new statsig.Gate(${JSON.stringify(id)}`)).split(");")[0];
    // Active or disabled: isEnabled, the switch; launched or archived: status, which isEnabled cannot say.
    expect(gate("legacy_banner")).toContain("isEnabled: false");
    expect(gate("legacy_banner")).not.toContain("status:");
    expect(gate("new_checkout")).toContain("isEnabled: true");
    expect(gate("new_checkout")).not.toContain("status:");
    const launched = snapshot.gates.find((g) => g.status === "launched");
    expect(launched).toBeDefined();
    expect(gate(launched!.id)).toContain('status: "launched"');
    expect(gate(launched!.id)).not.toContain("isEnabled");
    // Turning the disabled gate on by editing what was generated passes check.
    const banner = snapshot.gates.find((g) => g.id === "legacy_banner")!;
    const status = /status: "(\w+)"/.exec(gate("legacy_banner"))?.[1];
    const generated = { name: banner.name, isEnabled: true, ...(status ? { status } : {}) };
    expect(validateInputs(gateDefinition, generated)).toEqual([]);
  });

  it("generate writes the same bytes whatever key order the service answers in", async () => {
    const a = await renderProgram(snapshot);
    const b = await renderProgram(reversedKeys(snapshot) as ProjectSnapshot);
    expect(b.source).toBe(a.source);
    // Rules read name first, as people write them.
    expect(a.source).toMatch(/\{\s*name: "staff emails",/);
  });

  it('generate\'s "Next:" hint sets statsig:apiUrl when it read a non-default URL', async () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), "generate-next-"));
    const logs: string[] = [];
    const saved = { ...process.env };
    try {
      process.env.STATSIG_CONSOLE_API_KEY = emu.apiKey;
      process.env.STATSIG_RATE_LIMIT = "off";
      delete process.env.STATSIG_API_URL;
      const code = await main(
        ["generate", "--out", out, "--api-url", emu.apiUrl],
        (l) => logs.push(l),
        (l) => logs.push(l),
      );
      expect(code).toBe(0);
      const next = logs.find((l) => l.startsWith("Next:"));
      expect(next).toContain(`pulumi config set statsig:apiUrl ${emu.apiUrl}`);
    } finally {
      process.env = saved;
      fs.rmSync(out, { recursive: true, force: true });
    }
  });
});

describe("generate --protect and --retain-on-delete (issue 17, item 3)", () => {
  const run = async (...extra: string[]) => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), "generate-opts-"));
    const saved = { ...process.env };
    try {
      process.env.STATSIG_CONSOLE_API_KEY = emu.apiKey;
      process.env.STATSIG_RATE_LIMIT = "off";
      const logs: string[] = [];
      const code = await main(
        ["generate", "--out", out, "--api-url", emu.apiUrl, ...extra],
        (l) => logs.push(l),
        (l) => logs.push(l),
      );
      expect({ code, logs: code ? logs : [] }).toEqual({ code: 0, logs: [] });
      return fs.readFileSync(path.join(out, "index.ts"), "utf8");
    } finally {
      process.env = saved;
      fs.rmSync(out, { recursive: true, force: true });
    }
  };
  const declarations = (source: string) => source.match(/new statsig\.\w+\(/g)?.length ?? 0;

  it("--protect writes protect: true on every resource", async () => {
    const source = await run("--protect");
    expect(declarations(source)).toBeGreaterThanOrEqual(15);
    expect(source.match(/\{ protect: true \}/g)).toHaveLength(declarations(source));
    expect(source).not.toContain("retainOnDelete: true }");
  });

  it("--retain-on-delete writes retainOnDelete: true on every resource; both flags combine", async () => {
    const source = await run("--retain-on-delete");
    expect(source.match(/\{ retainOnDelete: true \}/g)).toHaveLength(declarations(source));
    const both = await run("--protect", "--retain-on-delete");
    expect(both.match(/\{ protect: true, retainOnDelete: true \}/g)).toHaveLength(declarations(both));
    // Without a flag, no resource options at all.
    expect(await run()).not.toMatch(/protect|retainOnDelete: true/);
  });
});
