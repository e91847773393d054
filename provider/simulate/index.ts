/**
 * Who does a change affect? Evaluates every gate, dynamic config and experiment of two versions
 * of a project (see versions.ts) for each of a list of users, with Statsig's own server SDK
 * (`statsig-node`, offline, on the translation in emulator/sdk/translate.ts), and reports the
 * users whose result changes.
 *
 * Results decided by a percentage (a rule between 0 and 100 %, an experiment's allocation and
 * groups) depend on the bucketing salt. Statsig's production salts are not exposed by the Console
 * API, so the translation salts by entity and rule ids: such results are marked `bucketed`, and
 * the users named there may not be the users production buckets the same way.
 */
import { ConsoleProject, ConsoleRule, Translation, translateProject } from "../../emulator/sdk/translate";
import { Engine, EntityKind, Outcome, SimUser, offlineEngine } from "./engines";

export { projectFromExport, projectFromPlan, UNKNOWN } from "./versions";
export type { SimUser, Outcome } from "./engines";

/** One group of users whose result changes the same way. */
export interface Transition {
  /** The result before (a gate's boolean, a config's value, an experiment's group). */
  from: unknown;
  /** The result after. */
  to: unknown;
  /** The rule that decides after the change (before it, when the users now fall through). */
  rule: string;
  /** Whether a percentage decides it (see the module comment). */
  bucketed: boolean;
  /** The users, by label (email, else userID, else their custom ids). */
  users: string[];
}

/** What changes for one entity. */
export interface EntityChange {
  kind: "gate" | "config" | "experiment";
  name: string;
  /** `created` or `deleted` when the entity exists in only one of the versions. */
  lifecycle?: "created" | "deleted";
  /** How many users' results change. */
  count: number;
  transitions: Transition[];
}

/** The outcome of a simulation. */
export interface SimulationReport {
  /** How many users were evaluated. */
  users: number;
  /** The environment tier evaluated in, if any. */
  environment?: string;
  /** How many entities were evaluated, per kind, across both versions. */
  evaluated: { gates: number; configs: number; experiments: number };
  /** The entities some user's result changes for (none: nothing changes). */
  changes: EntityChange[];
}

/** Options of `simulate`. */
export interface SimulateOptions {
  /** The users to evaluate. */
  users: SimUser[];
  /** The current version. */
  base: ConsoleProject;
  /** The planned version. */
  planned: ConsoleProject;
  /** The environment tier the SDK evaluates in (rule `environments`, environment conditions). */
  environment?: string;
}

/** How a user is named in the report. */
function userLabel(u: SimUser): string {
  if (u.email) return u.email;
  if (u.userID) return u.userID;
  const ids = Object.entries(u.customIDs ?? {});
  return ids.length ? ids.map(([k, v]) => `${k}=${v}`).join(",") : JSON.stringify(u);
}

/** Rule ids → names, and which are bucketed, in one version. */
function ruleIndex(p: ConsoleProject) {
  const names = new Map<string, string>();
  const bucketed = new Set<string>();
  const add = (entity: string, rules: ConsoleRule[] | undefined) =>
    (rules ?? []).forEach((r, i) => {
      const id = r.id || r.baseID || r.name || `rule_${i}`;
      names.set(`${entity}/${id}`, r.name ?? id);
      const pct = r.passPercentage ?? 100;
      if (pct > 0 && pct < 100) bucketed.add(`${entity}/${id}`);
    });
  for (const g of p.gates ?? []) add(g.id, g.rules);
  for (const c of p.dynamicConfigs ?? []) add(c.id, c.rules);
  for (const s of p.segments ?? []) add(s.id, s.rules);
  return { names, bucketed };
}

/** A rule id as the report names it. */
function ruleName(index: ReturnType<typeof ruleIndex>, entity: string, ruleID: string): string {
  if (!ruleID) return "not in this version";
  if (ruleID.startsWith("override:")) return "override";
  if (ruleID.startsWith("holdout:")) return "holdout";
  if (ruleID === "launchedID") return "launched";
  return index.names.get(`${entity}/${ruleID}`) ?? ruleID;
}

/**
 * The specs whose results cannot differ between the two translations: the same spec, and the same
 * specs and id lists behind every gate, segment or experiment it refers to. Their users are not
 * evaluated (most of a plan leaves most entities alone).
 */
function unchangedSpecs(a: Translation, b: Translation): Set<string> {
  const index = (t: Translation) =>
    new Map(
      [...t.specs.feature_gates, ...t.specs.dynamic_configs, ...t.specs.layer_configs].map((s) => [s.name, s] as const),
    );
  const [ia, ib] = [index(a), index(b)];
  const memo = new Map<string, boolean>();
  const same = (name: string): boolean => {
    const known = memo.get(name);
    if (known !== undefined) return known;
    memo.set(name, true); // a cycle adds nothing to what the rest of the specs decide
    const [x, y] = [ia.get(name), ib.get(name)];
    let result = !!x && !!y && JSON.stringify(x) === JSON.stringify(y);
    if (result && x)
      for (const r of x.rules) {
        if (r.configDelegate && !same(r.configDelegate)) result = false;
        for (const c of r.conditions) {
          if (
            (c.type === "pass_gate" || c.type === "fail_gate") &&
            typeof c.targetValue === "string" &&
            !same(c.targetValue)
          )
            result = false;
          if (c.operator === "in_segment_list" || c.operator === "not_in_segment_list") {
            const list = String(c.targetValue);
            if (JSON.stringify(a.idLists[list]) !== JSON.stringify(b.idLists[list])) result = false;
          }
        }
      }
    memo.set(name, result);
    return result;
  };
  return new Set([...ia.keys()].filter(same));
}

/** Evaluates both versions for every user and collects what changes. */
export async function simulate(opts: SimulateOptions): Promise<SimulationReport> {
  const before = translateProject(opts.base);
  const after = translateProject(opts.planned);
  const engineOpts = { environment: opts.environment };
  const engines: [Engine, Engine] = [await offlineEngine(before, engineOpts), await offlineEngine(after, engineOpts)];
  const idx = [ruleIndex(opts.base), ruleIndex(opts.planned)];
  const unchanged = unchangedSpecs(before, after);
  try {
    const kinds = [
      ["gate", "gates"],
      ["config", "dynamicConfigs"],
      ["experiment", "experiments"],
    ] as const;
    const present = [opts.base, opts.planned].map(
      (p) => new Set(kinds.flatMap(([k, list]) => (p[list] ?? []).map((e) => `${k}/${e.id}`))),
    );
    // Every id either version has, per kind (the report's kind is the engine's).
    const entities: [EntityChange["kind"] & EntityKind, string[]][] = kinds.map(([kind, list]) => [
      kind,
      [...new Set([...(opts.base[list] ?? []), ...(opts.planned[list] ?? [])].map((e) => e.id))].sort(),
    ]);
    const changes: EntityChange[] = [];
    for (const [kind, list] of entities) {
      for (const name of list) {
        if (unchanged.has(name)) continue;
        const groups = new Map<string, Transition>();
        let count = 0;
        for (const user of opts.users) {
          const [b, a] = engines.map((e) => e.evaluate(kind, name, user)) as [Outcome, Outcome];
          const view = (o: Outcome) => (kind === "experiment" ? (o.groupName ?? null) : o.value);
          const from = view(b);
          const to = view(a);
          const same =
            JSON.stringify(from) === JSON.stringify(to) &&
            (kind !== "experiment" || JSON.stringify(b.value) === JSON.stringify(a.value));
          if (same) continue;
          count++;
          // The rule that lets users in (or now decides) names the change; for users who fall
          // through to the default after it, the rule that decided before.
          const decidedAfter = a.ruleID && a.ruleID !== "default";
          const [which, o] = decidedAfter ? [1, a] : [0, b];
          const rule = ruleName(idx[which], name, o.ruleID);
          const bucketed =
            kind === "experiment" ||
            idx[0].bucketed.has(`${name}/${b.ruleID}`) ||
            idx[1].bucketed.has(`${name}/${a.ruleID}`);
          const key = JSON.stringify([from, to, rule]);
          const t = groups.get(key) ?? { from, to, rule, bucketed, users: [] };
          t.bucketed ||= bucketed;
          t.users.push(userLabel(user));
          groups.set(key, t);
        }
        if (!count) continue;
        const change: EntityChange = { kind, name, count, transitions: [...groups.values()] };
        const inBase = present[0].has(`${kind}/${name}`);
        const inPlan = present[1].has(`${kind}/${name}`);
        if (inBase !== inPlan) change.lifecycle = inPlan ? "created" : "deleted";
        changes.push(change);
      }
    }
    return {
      users: opts.users.length,
      environment: opts.environment,
      evaluated: {
        gates: entities[0][1].length,
        configs: entities[1][1].length,
        experiments: entities[2][1].length,
      },
      changes,
    };
  } finally {
    await Promise.all(engines.map((e) => e.close()));
  }
}

/** Parses a users file: a JSON array, `{ "users": [...] }`, or JSON lines. */
export function parseUsers(text: string): SimUser[] {
  const t = text.trim();
  if (!t) return [];
  let whole: unknown;
  try {
    whole = JSON.parse(t);
  } catch {
    // Not one JSON value: JSON lines.
    return t
      .split(/\r?\n/)
      .map((l, i) => [l.trim(), i + 1] as const)
      .filter(([l]) => l)
      .map(([l, n]) => {
        try {
          return JSON.parse(l) as SimUser;
        } catch (err) {
          throw new Error(`users file line ${n}: ${(err as Error).message}`);
        }
      });
  }
  if (Array.isArray(whole)) return whole as SimUser[];
  const users = (whole as { users?: unknown })?.users;
  return (Array.isArray(users) ? users : [whole]) as SimUser[];
}

const MAX_NAMED = 10;

/** A result as the report shows it. */
function show(kind: EntityChange["kind"], v: unknown): string {
  if (kind === "experiment") return v === null ? "(not in the experiment)" : `group ${JSON.stringify(v)}`;
  return typeof v === "boolean" ? String(v) : JSON.stringify(v);
}

/** One transition as a sentence. */
function sentence(c: EntityChange, t: Transition, total: number, md: boolean): string {
  const verb = c.kind === "gate" ? "flip" : "change";
  const who = t.users.slice(0, MAX_NAMED).map((u) => (md ? `\`${u}\`` : u));
  const more = t.users.length > MAX_NAMED ? `, … (${t.users.length - MAX_NAMED} more)` : "";
  const name = (md ? `**${c.name}**` : c.name) + (c.lifecycle ? ` (${c.lifecycle} by the plan)` : "");
  const caveat = t.bucketed ? " [depends on percentage bucketing]" : "";
  return (
    `${c.kind} ${name}: ${t.users.length} of ${total} users ${verb} ${show(c.kind, t.from)} → ${show(c.kind, t.to)}` +
    ` (rule "${t.rule}")${caveat}: ${who.join(", ")}${more}`
  );
}

const BUCKETING_NOTE =
  "Results marked [depends on percentage bucketing] come from a rule between 0 and 100 % or an experiment's " +
  "allocation: the simulation buckets users with the entity's and rule's ids as salts, and Statsig's production " +
  "salts are not exposed by the Console API, so the users named there may differ in production.";

/** The report as text, markdown (for a pull-request comment) or JSON. */
export function formatReport(r: SimulationReport, format: "text" | "markdown" | "json"): string {
  if (format === "json") return JSON.stringify(r, null, 2);
  const md = format === "markdown";
  const where = r.environment ? ` in ${r.environment}` : "";
  const scope =
    `${r.users} users × ${r.evaluated.gates} gates, ${r.evaluated.configs} dynamic configs, ` +
    `${r.evaluated.experiments} experiments${where}`;
  const lines: string[] = [];
  if (md) lines.push("### Who does this change affect?", "", `Simulated ${scope} with Statsig's server SDK.`, "");
  else lines.push(`Simulated ${scope}.`);
  if (!r.changes.length) lines.push(md ? "No user's result changes." : "No user's result changes.");
  for (const c of r.changes)
    for (const t of c.transitions) lines.push(`${md ? "- " : ""}${sentence(c, t, r.users, md)}`);
  if (r.changes.some((c) => c.transitions.some((t) => t.bucketed)))
    lines.push("", md ? `> ${BUCKETING_NOTE}` : BUCKETING_NOTE);
  return lines.join("\n");
}
