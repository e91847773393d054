/**
 * What `generate` costs (issue 19, item 1), counted in the emulator's request log over real HTTP:
 * the lists in pages of 100, plus an id-list segment's ids only when its list item says it has
 * any (the published `count`), plus the overrides of gates, experiments, layers and holdouts only
 * with `--overrides` (one GET per entity of those kinds) — and the generated file says when gate
 * overrides were left unmanaged.
 */
import * as fs from "fs";
import * as http from "http";
import type { AddressInfo } from "net";
import * as os from "os";
import * as path from "path";
import { RunningEmulator, startEmulator } from "../../emulator/server";
import { Shape } from "../../emulator/types";
import { ConsoleClient } from "../../provider/client";
import { readProject, renderProgram } from "../../provider/generate";
import { main } from "../../provider/generate/cli";
import { OVERRIDES_UNREAD } from "../../provider/generate/source";

jest.setTimeout(120_000);

const GATES = 300;
const RULE_SEGMENTS = 100;
const ID_LISTS = 20; // the even ones hold ids, the odd ones are empty
const CONFIGS = 150;

let emu: RunningEmulator | undefined;
afterEach(async () => {
  await emu?.close();
  emu = undefined;
});

/** 300 gates (one in ten with overrides), 120 segments, 150 configs, 5 tags: 575 entities. */
async function project(shape: Shape): Promise<RunningEmulator> {
  emu = await startEmulator({ port: 0, shape });
  const s = emu.store;
  for (let i = 0; i < 5; i++) s.put("tags", { id: `tag_${i}`, name: `tag ${i}`, description: "" });
  for (let i = 0; i < GATES; i++) {
    s.put("gates", { id: `gate_${i}`, name: `gate ${i}`, description: `#${i}`, isEnabled: true, rules: [] });
    if (i % 10 === 0)
      s.setExtra("overrides", "gates", `gate_${i}`, {
        userOverrides: [{ userID: `u${i}`, value: true }],
        idOverrides: [],
      });
  }
  for (let i = 0; i < RULE_SEGMENTS; i++)
    s.put("segments", {
      id: `rules_${i}`,
      name: `rules ${i}`,
      type: "rule_based",
      description: "",
      rules: [],
      tags: [],
    });
  for (let i = 0; i < ID_LISTS; i++) {
    s.put("segments", { id: `list_${i}`, name: `list ${i}`, type: "id_list", description: "", rules: [], tags: [] });
    s.setExtra("id_list", "segments", `list_${i}`, i % 2 === 0 ? [`user-${i}`] : []);
  }
  for (let i = 0; i < CONFIGS; i++)
    s.put("dynamic_configs", { id: `config_${i}`, name: `config ${i}`, description: "", defaultValue: { n: i } });
  return emu;
}

const requests = (e: RunningEmulator) => e.requests().map((r) => `${r.method} ${r.path}`);
/** One page of each kind: 8 kinds, gates in 3 pages, segments and configs in 2 each. */
const LIST_PAGES = 8 + 2 + 1 + 1;

describe("generate's requests", () => {
  it("575 entities (published shape): the list pages and the 10 non-empty id lists, no overrides", async () => {
    const e = await project("published");
    const client = new ConsoleClient({ baseUrl: e.apiUrl, apiKey: () => e.apiKey });
    const snapshot = await readProject(client);
    const made = requests(e);
    expect(made.filter((r) => /\?limit=100&page=\d+$/.test(r))).toHaveLength(LIST_PAGES);
    expect(made.filter((r) => r.endsWith("/id_list")).sort()).toEqual(
      Array.from({ length: ID_LISTS / 2 }, (_, i) => `GET /segments/list_${2 * i}/id_list`).sort(),
    );
    expect(made).toHaveLength(LIST_PAGES + ID_LISTS / 2);
    expect(made.some((r) => r.includes("overrides"))).toBe(false);
    // Empty id lists are declared empty without a request; the others with their ids.
    expect(snapshot.segments.find((x) => x.id === "list_1")?.ids).toEqual([]);
    expect(snapshot.segments.find((x) => x.id === "list_2")?.ids).toEqual(["user-2"]);
    expect(snapshot.gates.every((g) => g.overrides === undefined)).toBe(true);
    expect(snapshot.unread).toEqual([OVERRIDES_UNREAD]);
  });

  it("with overrides asked for: one request per gate more", async () => {
    const e = await project("published");
    const client = new ConsoleClient({ baseUrl: e.apiUrl, apiKey: () => e.apiKey });
    const snapshot = await readProject(client, { overrides: true });
    expect(requests(e).filter((r) => r.endsWith("/overrides"))).toHaveLength(GATES);
    expect(requests(e)).toHaveLength(LIST_PAGES + ID_LISTS / 2 + GATES);
    expect(snapshot.gates.find((g) => g.id === "gate_10")?.overrides).toMatchObject({
      userOverrides: [{ userID: "u10", value: true }],
    });
    expect(snapshot.unread).toBeUndefined();
  });

  it("seed shape (no count in the list): every id list is read", async () => {
    const e = await project("seed");
    const client = new ConsoleClient({ baseUrl: e.apiUrl, apiKey: () => e.apiKey });
    await readProject(client);
    expect(requests(e).filter((r) => r.endsWith("/id_list"))).toHaveLength(ID_LISTS);
  });

  it("`pulumi-statsig generate` says in the file that overrides are unmanaged; --overrides declares them", async () => {
    const e = await project("published");
    const saved = { ...process.env };
    const out = fs.mkdtempSync(path.join(os.tmpdir(), "generate-requests-"));
    const logs: string[] = [];
    try {
      process.env.STATSIG_CONSOLE_API_KEY = e.apiKey;
      process.env.STATSIG_RATE_LIMIT = "off";
      const args = ["generate", "--out", out, "--api-url", e.apiUrl];
      const push = (l: string) => void logs.push(l);
      expect(await main(args, push, push)).toBe(0);
      const plain = fs.readFileSync(path.join(out, "index.ts"), "utf8");
      expect(plain).toContain("Gate overrides were not read");
      expect(plain).toContain("pulumi-statsig generate --overrides");
      expect(plain).not.toContain("overrides: {");
      expect(logs.join("\n")).toContain("add --overrides");

      const before = e.requests().length;
      expect(await main([...args, "--overrides"], push, push)).toBe(0);
      expect(e.requests().length - before).toBe(LIST_PAGES + ID_LISTS / 2 + GATES);
      const full = fs.readFileSync(path.join(out, "index.ts"), "utf8");
      expect(full).not.toContain("Gate overrides were not read");
      expect(full).toMatch(/overrides: \{\s*userOverrides: \[\{ userID: "u10", value: true \}\]/);
    } finally {
      process.env = saved;
      fs.rmSync(out, { recursive: true, force: true });
    }
  });

  it("with overrides asked for: one request per gate, experiment, layer and holdout", async () => {
    const e = await overridesProject();
    const client = new ConsoleClient({ baseUrl: e.apiUrl, apiKey: () => e.apiKey });
    const snapshot = await readProject(client, { overrides: true });
    const made = requests(e);
    // 8 kinds, experiments in 2 pages.
    expect(made.filter((r) => /\?limit=100&page=\d+$/.test(r))).toHaveLength(9);
    for (const [collection, n] of Object.entries(WITH_OVERRIDES))
      expect(made.filter((r) => r.startsWith(`GET /${collection}/`) && r.endsWith("/overrides"))).toHaveLength(n);
    // 9 + 20 + 150 + 3 + 4 = 186 (without the three new kinds' reads: 29).
    expect(made).toHaveLength(9 + 20 + 150 + 3 + 4);
    expect(snapshot.experiments.find((x) => x.id === "exp_10")?.overrides).toMatchObject({
      userIDOverrides: [{ groupID: "g1", ids: ["u10"] }],
    });
    expect(snapshot.layers.find((x) => x.id === "layer_0")?.overrides).toMatchObject({
      idOverrides: [{ groupName: "control", ids: ["u-layer"] }],
    });
    expect(snapshot.holdouts.find((x) => x.id === "holdout_0")?.overrides).toMatchObject({
      passingUserIDs: ["u-holdout"],
    });
    expect(snapshot.unread).toBeUndefined();
  });

  it("`generate --overrides` on a service without these kinds' endpoints: one GET each, then unmanaged", async () => {
    const e = await overridesProject();
    const front = await withoutPublishedOverrides(e.apiUrl);
    try {
      const client = new ConsoleClient({ baseUrl: front.url, apiKey: () => e.apiKey });
      const snapshot = await readProject(client, { overrides: true });
      const made = requests(e);
      expect(made.filter((r) => r.startsWith("GET /gates/") && r.endsWith("/overrides"))).toHaveLength(20);
      expect(front.refused.sort()).toEqual([
        "/experiments/exp_0/overrides",
        "/holdouts/holdout_0/overrides",
        "/layers/layer_0/overrides",
      ]);
      expect(snapshot.experiments.every((x) => x.overrides === undefined)).toBe(true);
      expect(snapshot.unread).toEqual([
        expect.stringMatching(/^Layer overrides were not read: .*GET \/layers\/layer_0\/overrides.* 404/),
        expect.stringMatching(/^Experiment overrides were not read/),
        expect.stringMatching(/^Holdout overrides were not read/),
      ]);
      const { source, warnings } = await renderProgram(snapshot);
      expect(warnings).toEqual([]);
      expect(source).toContain("Experiment overrides were not read");
      expect(source).toMatch(/overrides: \{\s*userOverrides: \[\{ userID: "u0", value: true \}\]/);
    } finally {
      await front.close();
    }
  });
});

/** Gates, experiments, layers and holdouts whose overrides `--overrides` reads. */
const WITH_OVERRIDES = { gates: 20, experiments: 150, layers: 3, holdouts: 4 };

/** 20 gates, 150 experiments (every tenth with overrides), 3 layers and 4 holdouts (the first of each with overrides). */
async function overridesProject(): Promise<RunningEmulator> {
  emu = await startEmulator({ port: 0, shape: "published" });
  const s = emu.store;
  for (let i = 0; i < WITH_OVERRIDES.gates; i++) {
    s.put("gates", { id: `gate_${i}`, name: `gate ${i}`, isEnabled: true, rules: [] });
    if (i === 0) s.setExtra("overrides", "gates", "gate_0", { userOverrides: [{ userID: "u0", value: true }] });
  }
  const groups = [
    { id: "g0", name: "control", size: 50 },
    { id: "g1", name: "test", size: 50 },
  ];
  for (let i = 0; i < WITH_OVERRIDES.experiments; i++) {
    s.put("experiments", { id: `exp_${i}`, name: `exp ${i}`, status: "active", groups });
    if (i % 10 === 0)
      s.setExtra("overrides", "experiments", `exp_${i}`, {
        overrides: [],
        userIDOverrides: [{ groupID: "g1", ids: [`u${i}`] }],
      });
  }
  for (let i = 0; i < WITH_OVERRIDES.layers; i++) s.put("layers", { id: `layer_${i}`, name: `layer ${i}` });
  s.setExtra("overrides", "layers", "layer_0", {
    conditionalOverrides: [],
    idOverrides: [{ groupName: "control", experimentName: "exp_0", ids: ["u-layer"] }],
  });
  for (let i = 0; i < WITH_OVERRIDES.holdouts; i++)
    s.put("holdouts", { id: `holdout_${i}`, name: `holdout ${i}`, passPercentage: 5 });
  s.setExtra("overrides", "holdouts", "holdout_0", {
    passingUserIDs: ["u-holdout"],
    failingUserIDs: [],
    passingCustomIDs: [],
    failingCustomIDs: [],
  });
  return emu;
}

/**
 * A front for the emulator, over real HTTP, that answers `/{experiments,layers,holdouts}/{id}/overrides`
 * as a service without those routes does (the NestJS 404 of an unknown route: the seed spec has
 * only the gates') and passes every other GET on.
 */
async function withoutPublishedOverrides(target: string) {
  const refused: string[] = [];
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://front");
    if (/^\/(experiments|layers|holdouts)\/[^/]+\/overrides$/.test(url.pathname)) {
      refused.push(url.pathname);
      res.writeHead(404, { "content-type": "application/json" });
      res.end(JSON.stringify({ statusCode: 404, error: "Not Found", message: `Cannot GET ${url.pathname}` }));
      return;
    }
    // Only GETs pass here (generate only reads), so no body is forwarded.
    const answer = await fetch(target + url.pathname + url.search, {
      method: req.method,
      headers: Object.fromEntries(Object.entries(req.headers).filter(([k]) => k !== "host")) as Record<string, string>,
    });
    res.writeHead(answer.status, { "content-type": answer.headers.get("content-type") ?? "application/json" });
    res.end(Buffer.from(await answer.arrayBuffer()));
  });
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    refused,
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}
