/**
 * The corpus (sdkCorpus.ts) through three engines, which must each give the documented result and
 * agree with one another on the value, the deciding rule and the group:
 * (a) the translation with `statsig-node` offline (`localMode`, bootstrap values),
 * (b) `statsig-node` against the emulator over HTTP,
 * (c) `@statsig/statsig-node-core` against the emulator over HTTP.
 */
import { startEmulator, RunningEmulator } from "../../emulator/server";
import { ConsoleProject, translateProject } from "../../emulator/sdk/translate";
import { DEFAULT_SERVER_SDK_KEY, projectFromStore } from "../../emulator/sdk/serve";
import { coreHttpEngine, Engine, nodeHttpEngine, offlineEngine, Outcome } from "../../provider/simulate/engines";
import { CASES, Check, TIERS, users } from "./sdkCorpus";

jest.setTimeout(120_000);

/** Every case's entities in one project (their ids are unique across the corpus). */
function merged(): ConsoleProject {
  const out: Required<ConsoleProject> = {
    gates: [],
    dynamicConfigs: [],
    segments: [],
    experiments: [],
    layers: [],
    holdouts: [],
  };
  for (const c of CASES)
    for (const k of Object.keys(out) as (keyof ConsoleProject)[]) out[k].push(...((c.project[k] ?? []) as never[]));
  return out;
}

/** Loads a project into the emulator's store, as the Console API would hold it. */
function load(emu: RunningEmulator, p: ConsoleProject): void {
  for (const { overrides, ...g } of p.gates ?? []) {
    emu.store.put("gates", g);
    if (overrides) emu.store.setExtra("overrides", "gates", g.id, overrides);
  }
  for (const { ids, ...s } of p.segments ?? []) {
    emu.store.put("segments", s);
    if (s.type === "id_list") emu.store.setExtra("id_list", "segments", s.id, ids ?? []);
  }
  for (const c of p.dynamicConfigs ?? []) emu.store.put("dynamic_configs", c as never);
  for (const e of p.experiments ?? []) emu.store.put("experiments", e as never);
  for (const l of p.layers ?? []) emu.store.put("layers", l as never);
  for (const h of p.holdouts ?? []) emu.store.put("holdouts", h as never);
}

let emu: RunningEmulator;
const engines = new Map<string, Record<"offline" | "node" | "core", Engine>>();

beforeAll(async () => {
  emu = await startEmulator({ port: 0 });
  const project = merged();
  load(emu, project);
  // The offline engine reads the translation of what the emulator holds, as simulate does.
  const translation = translateProject(projectFromStore(emu.store));
  for (const tier of TIERS) {
    const opts = { environment: tier };
    engines.set(String(tier), {
      offline: await offlineEngine(translation, opts),
      node: await nodeHttpEngine(emu.url, DEFAULT_SERVER_SDK_KEY, opts),
      core: await coreHttpEngine(emu.url, DEFAULT_SERVER_SDK_KEY, opts),
    });
  }
});

afterAll(async () => {
  for (const set of engines.values()) for (const e of Object.values(set)) await e.close();
  await emu?.close();
});

/** The three engines' outcomes for one check. */
function run(check: Pick<Check, "kind" | "name" | "user" | "tier">): Record<string, Outcome> {
  const set = engines.get(String(check.tier))!;
  return Object.fromEntries(Object.entries(set).map(([k, e]) => [k, e.evaluate(check.kind, check.name, check.user)]));
}

test("the corpus has at least 150 cases, each citing a Statsig documentation page", () => {
  expect(CASES.length).toBeGreaterThanOrEqual(150);
  for (const c of CASES) expect(c.doc).toMatch(/^https:\/\/docs\.statsig\.com\//);
});

describe.each(CASES.map((c) => [c.title, c] as const))("%s", (_title, c) => {
  if (c.checks.length)
    test(`documented results (${c.doc})`, () => {
      for (const check of c.checks) {
        const outcomes = run(check);
        const where = `${check.kind} ${check.name} for ${JSON.stringify(check.user)}${check.tier ? ` in ${check.tier}` : ""}`;
        for (const [engine, o] of Object.entries(outcomes)) {
          expect({ where, engine, value: o.value }).toEqual({ where, engine, value: check.value });
          if (check.rule !== undefined)
            expect({ where, engine, rule: o.ruleID }).toEqual({ where, engine, rule: check.rule });
          if (check.group !== undefined)
            expect({ where, engine, group: o.groupName ?? null }).toEqual({ where, engine, group: check.group });
        }
        // The three agree with one another, rule and group included.
        const norm = (o: Outcome) => ({ value: o.value, ruleID: o.ruleID, groupName: o.groupName ?? null });
        expect({ where, node: norm(outcomes.node), core: norm(outcomes.core) }).toEqual({
          where,
          node: norm(outcomes.offline),
          core: norm(outcomes.offline),
        });
      }
    });
  if (c.share)
    test(`about ${c.share.expected * 100} % of ${c.share.n} users, the same users for every engine (${c.doc})`, () => {
      const s = c.share!;
      let passed = 0;
      for (const user of users(s.n)) {
        const o = run({ kind: s.kind, name: s.name, user });
        const key = (x: Outcome) => JSON.stringify([x.value, x.ruleID, x.groupName ?? null]);
        expect([key(o.node), key(o.core)]).toEqual([key(o.offline), key(o.offline)]);
        // A gate passes; an experiment puts the user in the named group (or in any group).
        const group = o.offline.groupName ?? null;
        if (s.kind === "gate" ? o.offline.value === true : s.group ? group === s.group : group !== null) passed++;
      }
      expect(Math.abs(passed / s.n - s.expected)).toBeLessThanOrEqual(s.tolerance);
    });
});
