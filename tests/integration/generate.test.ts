/**
 * `generate` against the emulator over real HTTP: it reads every kind (all pages, id lists,
 * overrides), renders a deterministic program whose references are references, and that program
 * type-checks with tsc against the package's own types.
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { useEmulator } from "../fixtures/emulator";
import { ConsoleClient } from "../../provider/client";
import { generate, readProject, render, renderProgram, ProjectSnapshot } from "../../provider/generate";
import { main } from "../../provider/generate/cli";
import { FIXTURE_COUNTS, populateProject } from "../fixtures/project";

const REPO = path.resolve(__dirname, "..", "..");
jest.setTimeout(120_000);

const emu = useEmulator({ seed: populateProject });
let client: ConsoleClient;
let snapshot: ProjectSnapshot;
let populated: number;
beforeAll(async () => {
  // A page size of 2 makes every kind with more than two entities take several pages.
  client = new ConsoleClient({ baseUrl: emu.apiUrl, apiKey: () => emu.apiKey, pageSize: 2 });
  populated = emu.requests().length;
  snapshot = await readProject(client);
});

describe("generate", () => {
  it("reads every entity of every kind through all pages, and only reads", async () => {
    for (const [kind, n] of Object.entries(FIXTURE_COUNTS))
      expect(snapshot[kind as keyof ProjectSnapshot]).toHaveLength(n);
    const reads = emu.requests().slice(populated);
    expect(reads.map((r) => r.path)).toContain("/gates?limit=2&page=2");
    expect(snapshot.segments.find((s) => s.id === "beta_testers")?.ids).toEqual(["user-1", "user-2", "user-3"]);
    expect(reads.every((r) => r.method === "GET")).toBe(true);
  });

  it("renders references as references, declared before use, with adopt on every resource", async () => {
    const { source, counts, warnings } = await renderProgram(snapshot);
    expect(counts).toEqual(FIXTURE_COUNTS);
    expect(warnings).toEqual([]);
    expect(source).toContain("targetValue: [internalStaff.id]");
    expect(source).toContain("targetValue: [newCheckout.id]");
    expect(source).toContain("layerID: checkoutLayer.id");
    expect(source).toContain("targetingGateID: newCheckout.id");
    expect(source).toContain("gateIDs: [betaUi.id, newCheckout.id]");
    expect(source).toContain("tags: [checkoutTeam.name, q3Launch.name]");
    expect(source.match(/adopt: true,/g)).toHaveLength(15);
    // Every variable is declared before it is used.
    for (const m of source.matchAll(/\b([a-z][A-Za-z0-9]*)\.(id|name)\b/g)) {
      const declared = source.indexOf(`const ${m[1]} =`);
      expect(declared).toBeGreaterThanOrEqual(0);
      expect(declared).toBeLessThan(m.index!);
    }
    // Only fields that are set: the tag without a description or colour has just its name.
    expect(source).toMatch(/new statsig\.Tag\("q3_launch", \{\s*name: "q3 launch",\s*adopt: true,\s*\}\)/);
  });

  it("is deterministic: the same project in any order gives the same file", async () => {
    const a = await renderProgram(snapshot);
    const shuffled = Object.fromEntries(
      Object.entries(structuredClone(snapshot)).map(([k, v]) => [k, [...v].reverse()]),
    ) as ProjectSnapshot;
    shuffled.gates.forEach((g) => Array.isArray(g.tags) && g.tags.reverse());
    const b = await renderProgram(shuffled);
    expect(b.source).toBe(a.source);
  });

  it("cuts a reference cycle with literal ids and a warning", () => {
    const s = structuredClone(snapshot);
    const cond = (id: string) => ({
      name: "r",
      conditions: [{ type: "passes_gate", operator: "any", targetValue: [id] }],
    });
    s.gates = [
      { id: "a_gate", name: "a gate", rules: [cond("b_gate")] },
      { id: "b_gate", name: "b gate", rules: [cond("a_gate")] },
    ];
    s.holdouts = [];
    s.experiments = [];
    s.dynamicConfigs = [];
    const r = render(s);
    expect(r.warnings).toEqual([expect.stringMatching(/gate "a_gate" refers to gates b_gate in a cycle/)]);
    expect(r.source).toContain('targetValue: ["b_gate"]');
    expect(r.source).toContain("targetValue: [aGate.id]");
  });

  it("warns about what it cannot express instead of dropping it silently", () => {
    const s = structuredClone(snapshot);
    // A status the console sets and no endpoint reaches: a program cannot ask for it.
    s.experiments[0].status = "experiment_stopped";
    s.autotunes.push({ id: "no_metric", name: "no metric", variants: [] });
    const r = render(s);
    expect(r.warnings).toEqual([
      expect.stringMatching(/^experiment "checkout_button_color": status is left out \(unmanaged\).*status/),
      expect.stringMatching(/^autotune "no_metric" is not declared: .*successMetric/),
    ]);
    expect(r.counts.autotunes).toBe(1);
    expect(r.source).not.toContain("experiment_stopped");
  });

  it("writes index.ts that tsc accepts against the package types, and project files only when missing", async () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), "generate-"));
    fs.writeFileSync(path.join(out, "package.json"), '{ "name": "mine" }\n');
    const r = await generate(client, out);
    expect(r.written).toEqual(["index.ts", "Pulumi.yaml", "tsconfig.json"]);
    expect(r.kept).toEqual(["package.json"]);
    expect(fs.readFileSync(path.join(out, "package.json"), "utf8")).toBe('{ "name": "mine" }\n');
    // tsc with the generated tsconfig's options, `pulumi-statsig` mapped to this repository's source.
    const generated = JSON.parse(fs.readFileSync(path.join(out, "tsconfig.json"), "utf8"));
    const check = path.join(out, "tsconfig.check.json");
    fs.writeFileSync(
      check,
      JSON.stringify({
        compilerOptions: {
          ...generated.compilerOptions,
          noEmit: true,
          noUnusedLocals: true,
          baseUrl: REPO,
          paths: { "pulumi-statsig": ["provider/index.ts"], "*": ["node_modules/*", "node_modules/@types/*"] },
          typeRoots: [path.join(REPO, "node_modules", "@types")],
          types: ["node"],
        },
        files: [path.join(out, "index.ts")],
      }),
    );
    execFileSync(process.execPath, [path.join(REPO, "node_modules", "typescript", "bin", "tsc"), "-p", check], {
      encoding: "utf8",
    });
    fs.rmSync(out, { recursive: true, force: true });
  });

  it("the CLI reads the key from the environment, prints counts and refuses without a key", async () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), "generate-cli-"));
    const logs: string[] = [];
    const saved = { ...process.env };
    try {
      delete process.env.STATSIG_CONSOLE_API_KEY;
      expect(
        await main(
          ["generate", "--out", out],
          (l) => logs.push(l),
          (l) => logs.push(l),
        ),
      ).toBe(2);
      expect(logs.join("\n")).toContain("STATSIG_CONSOLE_API_KEY");
      logs.length = 0;
      process.env.STATSIG_CONSOLE_API_KEY = emu.apiKey;
      process.env.STATSIG_RATE_LIMIT = "off";
      expect(
        await main(
          ["generate", "--out", out, "--api-url", emu.apiUrl],
          (l) => logs.push(l),
          (l) => logs.push(l),
        ),
      ).toBe(0);
      expect(logs.join("\n")).toMatch(/15 resources[\s\S]*gates\s+4/);
      expect(logs).toContain(
        "Overrides of the gates, layers, experiments and holdouts were not read (left unmanaged): " +
          "add --overrides to read and declare them (one request each)",
      );
      expect(logs.join("\n")).not.toContain(emu.apiKey);
      expect(fs.existsSync(path.join(out, "index.ts"))).toBe(true);
    } finally {
      process.env = saved;
      fs.rmSync(out, { recursive: true, force: true });
    }
  });

  it("--overrides reads and declares the overrides of experiments, layers and holdouts too, one GET each", async () => {
    const exp = snapshot.experiments[0] as { id: string; groups: { id: string; name: string }[] };
    const green = exp.groups.find((g) => g.name === "green")!.id;
    const holdout = snapshot.holdouts[0].id;
    // Read but empty (this project as populated): the program is the same bytes as without reading them.
    const empty = await readProject(client, { overrides: true });
    expect(empty.experiments[0].overrides).toEqual({ overrides: [], userIDOverrides: [] });
    const unread = structuredClone(empty);
    for (const e of [...unread.experiments, ...unread.layers, ...unread.holdouts]) delete e.overrides;
    expect((await renderProgram(empty)).source).toBe((await renderProgram(unread)).source);
    const set = (collection: string, id: string, value: unknown) =>
      emu.store.setExtra("overrides", collection, id, value);
    set("experiments", exp.id, {
      overrides: [{ type: "gate", id: "beta_ui", groupID: green }],
      userIDOverrides: [{ groupID: green, ids: ["u-exp"] }],
    });
    set("layers", "checkout_layer", {
      conditionalOverrides: [],
      idOverrides: [{ groupName: "green", experimentName: exp.id, ids: ["u-layer"] }],
    });
    set("holdouts", holdout, {
      passingUserIDs: ["u-pass"],
      failingUserIDs: [],
      passingCustomIDs: [],
      failingCustomIDs: [],
    });
    try {
      const before = emu.requests().length;
      const full = await readProject(client, { overrides: true });
      const reads = emu.requests().slice(before);
      const overrideReads = reads.map((r) => r.path).filter((p) => p.endsWith("/overrides"));
      expect(overrideReads.sort()).toEqual(
        [
          ...snapshot.gates.map((g) => `/gates/${g.id}/overrides`),
          ...snapshot.layers.map((l) => `/layers/${l.id}/overrides`),
          ...snapshot.experiments.map((e) => `/experiments/${e.id}/overrides`),
          ...snapshot.holdouts.map((h) => `/holdouts/${h.id}/overrides`),
        ].sort(),
      );
      expect(reads.every((r) => r.method === "GET")).toBe(true);
      expect(full.unread).toBeUndefined();
      const { source, warnings } = await renderProgram(full);
      expect(warnings).toEqual([]);
      // Empty lists are left out, as for a gate's overrides.
      expect(source).toMatch(
        /overrides: \{\s*overrides: \[\{ id: "beta_ui", type: "gate", groupID: "[^"]+" \}\],\s*userIDOverrides: \[\{ groupID: "[^"]+", ids: \["u-exp"\] \}\],?\s*\}/,
      );
      expect(source).toMatch(/overrides: \{\s*idOverrides: \[\s*\{[^}]*ids: \["u-layer"\][^}]*\},?\s*\],?\s*\}/);
      expect(source).toMatch(/overrides: \{ passingUserIDs: \["u-pass"\] \}/);
      expect(source).not.toContain("conditionalOverrides");
      // Without --overrides the same project gives the program it gave before: none of them read.
      expect((await renderProgram(await readProject(client))).source).toBe((await renderProgram(snapshot)).source);
    } finally {
      for (const [c, id] of [
        ["experiments", exp.id],
        ["layers", "checkout_layer"],
        ["holdouts", holdout],
      ])
        set(c, id, undefined);
    }
  });
});
