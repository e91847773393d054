/**
 * Behaviour shared by every emulated entity, following the real service where the seed is silent
 * (openapi/README of the brief): ids derive from names, duplicate names are a 400, names follow
 * the service's pattern and length, unknown ids are a 404, references must exist.
 */
import { NAME_RULES, idFromName } from "../../provider/spec";
import { Entity, Store, randomId } from "../state";
import { HandlerContext, HttpError, Reply } from "../types";

/** Human names of collections, for messages (`Gate not found`). */
export const NOUNS: Record<string, string> = {
  gates: "Gate",
  dynamic_configs: "Dynamic config",
  experiments: "Experiment",
  segments: "Segment",
  layers: "Layer",
  holdouts: "Holdout",
  autotunes: "Autotune",
  tags: "Tag",
  metrics: "Metric",
};

/** The entity or a 404 in the service's words. */
export function mustGet(store: Store, collection: string, id: string): Entity {
  const e = store.get(collection, id);
  if (!e) throw new HttpError(404, `${NOUNS[collection] ?? collection} ${JSON.stringify(id)} not found`);
  return e;
}

/** A page of a list, from `limit` (1–100, default 100) and `page` (from 1). */
export function paginate(items: unknown[], query: Record<string, string>): Reply {
  const limit = query.limit === undefined ? 100 : Number(query.limit);
  const page = query.page === undefined ? 1 : Number(query.page);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100)
    throw new HttpError(400, "limit: must be an integer from 1 to 100");
  if (!Number.isInteger(page) || page < 1) throw new HttpError(400, "page: must be an integer >= 1");
  return { page: { items: items.slice((page - 1) * limit, page * limit), page, limit, total: items.length } };
}

/** Checks a name against the real service's rules; throws a 400 naming the rule. */
export function checkName(name: unknown, rules: keyof typeof NAME_RULES = "default"): string {
  if (typeof name !== "string") throw new HttpError(400, "name: is required");
  const r = NAME_RULES[rules];
  if (name.length < r.minLength || name.length > r.maxLength)
    throw new HttpError(400, `name: must be ${r.minLength} to ${r.maxLength} characters`);
  if (!new RegExp(r.pattern).test(name)) throw new HttpError(400, `name: must match ${r.pattern}`);
  return name;
}

/** The id a new entity gets from its name; 400 when an entity with that id exists. */
export function newIdFor(store: Store, collection: string, name: string): string {
  const id = idFromName(name);
  if (store.get(collection, id))
    throw new HttpError(
      400,
      `${NOUNS[collection] ?? collection} with name ${JSON.stringify(name)} already exists (id ${id})`,
    );
  return id;
}

/** Copies only the listed fields that are present in `body`. */
export function pick(body: unknown, fields: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const b = (body ?? {}) as Record<string, unknown>;
  for (const f of fields) if (b[f] !== undefined) out[f] = b[f];
  return out;
}

/** Condition types whose `targetValue` names other entities, and where those live. */
const REFERENCE_CONDITIONS: Record<string, string> = {
  passes_gate: "gates",
  fails_gate: "gates",
  passes_segment: "segments",
  fails_segment: "segments",
};

/** Rules with server-assigned ids (kept when a rule of the same name already had one). */
export function assignRuleIds(store: Store, rules: unknown, previous: unknown = []): Record<string, unknown>[] {
  if (!Array.isArray(rules)) return [];
  const prevIds = new Map<string, string>();
  if (Array.isArray(previous)) for (const r of previous) if (r?.name && r?.id) prevIds.set(r.name, r.id);
  checkReferences(store, rules);
  return rules.map((r: Record<string, unknown>) => ({
    ...r,
    id: (r.name && prevIds.get(r.name as string)) || randomId(),
  }));
}

/** A strict service rejects conditions that point at entities that do not exist. */
export function checkReferences(store: Store, rules: unknown[]): void {
  rules.forEach((rule, i) => {
    const conditions = (rule as { conditions?: unknown[] })?.conditions ?? [];
    conditions.forEach((c, j) => {
      const cond = c as { type?: string; targetValue?: unknown };
      const collection = cond.type ? REFERENCE_CONDITIONS[cond.type] : undefined;
      if (!collection) return;
      const targets = Array.isArray(cond.targetValue) ? cond.targetValue : [cond.targetValue];
      for (const t of targets) {
        if (typeof t !== "string" || !store.get(collection, t))
          throw new HttpError(
            400,
            `rules[${i}].conditions[${j}].targetValue: ${NOUNS[collection]} ${JSON.stringify(t)} does not exist`,
          );
      }
    });
  });
}

/** Marks an entity modified now. */
export function touch(store: Store, e: Entity): Entity {
  e.lastModifiedTime = store.now();
  return e;
}

/** Standard read of one entity by `:id`. */
export function getOne(collection: string) {
  return (ctx: HandlerContext): Reply => ({ body: mustGet(ctx.store, collection, ctx.params.id) });
}

/** Standard list with pagination. */
export function listAll(collection: string) {
  return (ctx: HandlerContext): Reply => paginate(ctx.store.list(collection), ctx.query);
}

/** Standard delete by `:id` (404 when unknown). */
export function deleteOne(collection: string) {
  return (ctx: HandlerContext): Reply => {
    mustGet(ctx.store, collection, ctx.params.id);
    ctx.store.remove(collection, ctx.params.id);
    return { body: { message: `${NOUNS[collection] ?? collection} deleted` }, raw: true, message: "deleted" };
  };
}
