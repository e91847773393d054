/**
 * The two versions of a project that `simulate` compares, as Console entities:
 *
 * - the **current** one from `pulumi stack export` (each statsig resource's outputs: what the
 *   service returned, rule ids included), or read from the Console API;
 * - the **planned** one: the current one with the steps of `pulumi preview --json` applied (each
 *   step's `newState.inputs`, the program's inputs, over the entity it changes).
 *
 * A preview cannot know the ids of entities the same plan creates: a reference to one (a
 * `passes_gate` on a new gate's `id`) reads as Pulumi's unknown value. Those are resolved from the
 * step's `propertyDependencies`: the one entity of the right kind, created in this plan, that the
 * property depends on; its id derives from its name as the service derives it. More than one
 * candidate is an error naming the property.
 */
import type { ConsoleProject, ConsoleRule } from "../../emulator/sdk/translate";
import { idFromName } from "../spec";

/** Pulumi's marker for a value not known during preview. */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** The project's kinds, by the resource type suffix (`pulumi-nodejs:dynamic/statsig:<Type>`). */
const KIND_OF_TYPE: Readonly<Record<string, keyof ConsoleProject>> = {
  Gate: "gates",
  DynamicConfig: "dynamicConfigs",
  Segment: "segments",
  Experiment: "experiments",
  Layer: "layers",
  Holdout: "holdouts",
};

const TYPE_PREFIX = "pulumi-nodejs:dynamic/statsig:";

/** The project kind of a resource type, or undefined for another resource. */
function kindOf(type: unknown): keyof ConsoleProject | undefined {
  return typeof type === "string" && type.startsWith(TYPE_PREFIX)
    ? KIND_OF_TYPE[type.slice(TYPE_PREFIX.length)]
    : undefined;
}

type Entity = Record<string, unknown> & { id: string };
type Entities = Record<keyof ConsoleProject, Map<string, Entity>>;

const empty = (): Entities => ({
  gates: new Map(),
  dynamicConfigs: new Map(),
  segments: new Map(),
  experiments: new Map(),
  layers: new Map(),
  holdouts: new Map(),
});

/** The entities as a `ConsoleProject`. */
function toProject(e: Entities): ConsoleProject {
  return Object.fromEntries(Object.entries(e).map(([k, m]) => [k, [...m.values()]])) as ConsoleProject;
}

/** Drops the provider's bookkeeping (`__provider`, `__managed`, …) from a state's properties. */
function clean(props: Record<string, unknown> | undefined): Record<string, unknown> {
  return Object.fromEntries(Object.entries(props ?? {}).filter(([k]) => !k.startsWith("__")));
}

/** A project from `pulumi stack export` (its JSON). */
export function projectFromExport(exported: unknown): ConsoleProject {
  const out = empty();
  const d = exported as { deployment?: { resources?: Record<string, unknown>[] } };
  const resources = d?.deployment?.resources;
  if (!Array.isArray(resources))
    throw new Error("--base: not the output of `pulumi stack export` (no deployment.resources)");
  for (const r of resources) {
    const kind = kindOf(r.type);
    if (!kind || typeof r.id !== "string" || !r.id) continue;
    out[kind].set(r.id, { ...clean(r.outputs as Record<string, unknown>), id: r.id });
  }
  return toProject(out);
}

/** One step of `pulumi preview --json`. */
interface Step {
  op: string;
  urn: string;
  oldState?: { type?: string; id?: string; inputs?: Record<string, unknown>; outputs?: Record<string, unknown> };
  newState?: {
    type?: string;
    id?: string;
    inputs?: Record<string, unknown>;
    propertyDependencies?: Record<string, string[]>;
  };
}

/** Which kind an unknown reference in each place must resolve to. */
function refKind(conditionType: unknown): keyof ConsoleProject | undefined {
  if (conditionType === "passes_gate" || conditionType === "fails_gate") return "gates";
  if (conditionType === "passes_segment" || conditionType === "fails_segment") return "segments";
  return undefined;
}

/** Rules of the plan get the ids the current version's rules of the same name have. */
function withRuleIds(rules: unknown, previous: unknown): unknown {
  if (!Array.isArray(rules)) return rules;
  const prev = new Map<string, ConsoleRule>();
  if (Array.isArray(previous)) for (const r of previous as ConsoleRule[]) if (r?.name) prev.set(r.name, r);
  return (rules as ConsoleRule[]).map((r) => {
    const p = r?.name ? prev.get(r.name) : undefined;
    return { ...r, id: r.id ?? p?.id, baseID: r.baseID ?? p?.baseID };
  });
}

/** What the plan makes of one statsig resource: its kind, its id after the plan, whether the plan creates it. */
interface Planned {
  kind: keyof ConsoleProject;
  id: string;
  created: boolean;
}

/** The id a step's resource has after the plan, when the preview knows it (or it follows from the name). */
function plannedId(s: Step): string | undefined {
  const name = s.newState?.inputs?.name;
  if (s.newState?.id && s.newState.id !== UNKNOWN) return s.newState.id;
  if (s.op === "update" || s.op === "same")
    return s.oldState?.id ?? (typeof name === "string" ? idFromName(name) : undefined);
  return typeof name === "string" && name !== UNKNOWN ? idFromName(name) : undefined;
}

/** The id each statsig resource will have after the plan, and whether the plan creates it, by URN. */
function plannedIds(steps: Step[]): Map<string, Planned> {
  const planned = new Map<string, Planned>();
  for (const s of steps) {
    const st = s.newState ?? s.oldState;
    const kind = kindOf(st?.type);
    if (!kind || s.op === "delete" || s.op === "delete-replaced") continue;
    const id = plannedId(s);
    if (id)
      planned.set(s.urn, {
        kind,
        id,
        created: s.op === "create" || s.op === "create-replacement" || s.op === "replace",
      });
  }
  return planned;
}

/** Resolves an unknown reference in `property` of step `s` to an entity of `kind`; `where` names it in errors. */
type Resolve = (s: Step, property: string, kind: keyof ConsoleProject, where: string) => string;

/** The id an unknown reference stands for: the one matching entity the plan creates. */
function resolverOf(planned: Map<string, Planned>): Resolve {
  return (s, property, kind, where) => {
    const deps = s.newState?.propertyDependencies?.[property] ?? [];
    const candidates = [...new Set(deps)].map((u) => planned.get(u)).filter((p) => p && p.kind === kind && p.created);
    if (candidates.length === 1) return candidates[0]!.id;
    throw new Error(
      `${s.urn}: ${where} refers to an entity not known until it is created, and ${
        candidates.length
          ? `${candidates.length} created ${kind} could be it`
          : `no ${kind} created in this plan matches`
      }`,
    );
  };
}

/** Deletions first, so a replacement that keeps its id is not removed after it is written. */
function applyDeletions(out: Entities, steps: Step[], planned: Map<string, Planned>): void {
  for (const s of steps) {
    const kind = kindOf(s.oldState?.type ?? s.newState?.type);
    if (kind && (s.op === "delete" || s.op === "delete-replaced") && s.oldState?.id) {
      const replacedBySameId = [...planned.values()].some((p) => p.kind === kind && p.id === s.oldState!.id);
      if (!replacedBySameId) out[kind].delete(s.oldState.id);
    }
  }
}

/**
 * Unknown references in a step's inputs, resolved in place: rule conditions, the targeting gate, a
 * layer, a holdout's gates. Any other unknown input is an error: simulate cannot evaluate it.
 */
function resolveReferences(s: Step, inputs: Record<string, unknown>, resolve: Resolve): void {
  const rules = inputs.rules;
  if (Array.isArray(rules))
    rules.forEach((r: ConsoleRule, i) =>
      (r?.conditions ?? []).forEach((c, j) => {
        const rk = refKind(c?.type);
        const fix = (v: unknown) => (v === UNKNOWN && rk ? resolve(s, "rules", rk, `rules[${i}].conditions[${j}]`) : v);
        if (Array.isArray(c.targetValue)) c.targetValue = c.targetValue.map(fix);
        else c.targetValue = fix(c.targetValue);
      }),
    );
  if (inputs.targetingGateID === UNKNOWN)
    inputs.targetingGateID = resolve(s, "targetingGateID", "gates", "targetingGateID");
  if (inputs.layerID === UNKNOWN) inputs.layerID = resolve(s, "layerID", "layers", "layerID");
  if (Array.isArray(inputs.gateIDs))
    inputs.gateIDs = inputs.gateIDs.map((g) => (g === UNKNOWN ? resolve(s, "gateIDs", "gates", "gateIDs") : g));
  const stillUnknown = JSON.stringify(inputs).includes(UNKNOWN);
  if (stillUnknown)
    throw new Error(`${s.urn}: an input is not known during preview; simulate needs every targeting input known`);
}

/** One create, update or replace: the step's inputs over the entity it changes. */
function applyStep(
  out: Entities,
  s: Step,
  kind: keyof ConsoleProject,
  planned: Map<string, Planned>,
  resolve: Resolve,
): void {
  const id = planned.get(s.urn)?.id;
  if (!id) throw new Error(`${s.urn}: its id is not known during preview (its name is computed)`);
  const inputs = clean(s.newState!.inputs);
  const current = out[kind].get(id) ?? (s.oldState?.id ? out[kind].get(s.oldState.id) : undefined) ?? { id };
  if (s.op === "replace" || s.op === "create-replacement") if (s.oldState?.id) out[kind].delete(s.oldState.id);
  resolveReferences(s, inputs, resolve);
  const next: Entity = { ...current, ...inputs, id };
  if (inputs.rules) next.rules = withRuleIds(inputs.rules, current.rules);
  // A gate's status follows isEnabled as the service applies it (`active`/`disabled`).
  if (kind === "gates" && inputs.isEnabled !== undefined && inputs.status === undefined) {
    if (next.status === undefined || next.status === "active" || next.status === "disabled")
      next.status = inputs.isEnabled === false ? "disabled" : "active";
  }
  out[kind].set(id, next);
}

/**
 * The planned version: `base` with the preview's steps applied. `plan` is the parsed output of
 * `pulumi preview --json`.
 */
export function projectFromPlan(base: ConsoleProject, plan: unknown): ConsoleProject {
  const steps = (plan as { steps?: Step[] })?.steps;
  if (!Array.isArray(steps)) throw new Error("--plan: not the output of `pulumi preview --json` (no steps)");
  const out = empty();
  for (const [k, list] of Object.entries(base) as [keyof ConsoleProject, Entity[]][])
    for (const e of list ?? []) out[k].set(e.id, structuredClone(e));
  const planned = plannedIds(steps);
  const resolve = resolverOf(planned);
  applyDeletions(out, steps, planned);
  for (const s of steps) {
    const kind = kindOf(s.newState?.type);
    if (!kind || !s.newState || s.op === "delete" || s.op === "delete-replaced" || s.op === "read") continue;
    applyStep(out, s, kind, planned, resolve);
  }
  return toProject(out);
}
