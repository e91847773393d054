/**
 * Behaviour shared by every emulated entity, following the real service where the seed is silent
 * (see emulator/README.md): ids derive from names, duplicate names are a 400, names follow the
 * kind's rule, unknown ids are a 404 naming the entity, references must exist.
 */
import { NameRule, NamedKind, idFromName, nameProblem } from "../rules";
import { Entity, Store, randomId } from "../store";
import { HandlerContext, HttpError, Reply } from "../types";

/** Human names of collections, for messages (`Gate "x" not found`). */
export const NOUNS: Readonly<Record<string, string>> = Object.freeze(
  Object.assign(Object.create(null) as Record<string, string>, {
    gates: "Gate",
    dynamic_configs: "Dynamic config",
    experiments: "Experiment",
    segments: "Segment",
    layers: "Layer",
    holdouts: "Holdout",
    autotunes: "Autotune",
    tags: "Tag",
    metrics: "Metric",
    rules: "Rule",
  }),
);

/** The collection's noun for messages. */
export const nounOf = (collection: string): string => NOUNS[collection] ?? collection;

/**
 * The service's "no such entity" answer. The provider reads a 404 whose message says the entity is
 * not found as "gone"; an unknown route answers differently (see server.ts).
 */
export function notFound(collection: string, id: string): HttpError {
  return new HttpError(404, `${nounOf(collection)} ${JSON.stringify(id)} not found`);
}

/** A copy of the entity, or a 404 in the service's words. */
export function mustGet(store: Store, collection: string, id: string): Entity {
  const e = store.get(collection, id);
  if (!e) throw notFound(collection, id);
  return e;
}

/** Changes an entity through the store (see `Store.mutate`), or a 404. */
export function mustMutate(store: Store, collection: string, id: string, change: (e: Entity) => Entity | void): Entity {
  const e = store.mutate(collection, id, change);
  if (!e) throw notFound(collection, id);
  return e;
}

/** The page asked for by `limit` (1–100, default 100) and `page` (from 1), and the slice it covers. */
function pageOf(query: Record<string, string>): { page: number; limit: number; start: number; end: number } {
  const limit = query.limit === undefined ? 100 : Number(query.limit);
  const page = query.page === undefined ? 1 : Number(query.page);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100)
    throw new HttpError(400, "limit: must be an integer from 1 to 100");
  if (!Number.isInteger(page) || page < 1) throw new HttpError(400, "page: must be an integer >= 1");
  return { page, limit, start: (page - 1) * limit, end: page * limit };
}

/** A page of a list, from `limit` (1–100, default 100) and `page` (from 1). */
export function paginate(items: unknown[], query: Record<string, string>): Reply {
  const { page, limit, start, end } = pageOf(query);
  return { page: { items: items.slice(start, end), page, limit, total: items.length } };
}

/** The name of a new entity, checked against its kind's rule (400 naming the rule). */
export function checkName(kind: NamedKind | NameRule, name: unknown): string {
  const problem = nameProblem(kind, name);
  if (problem) throw new HttpError(400, problem);
  return name as string;
}

/** The id a new entity gets from its name; 400 when an entity with that id exists. */
export function newIdFor(store: Store, collection: string, name: string): string {
  const id = idFromName(name);
  if (store.has(collection, id))
    throw new HttpError(400, `${nounOf(collection)} with name ${JSON.stringify(name)} already exists (id ${id})`);
  return id;
}

/** Copies only the listed fields that are present in `body`. */
export function pick(body: unknown, fields: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const b = (body ?? {}) as Record<string, unknown>;
  for (const f of fields) if (Object.hasOwn(b, f) && b[f] !== undefined) out[f] = b[f];
  return out;
}

/** Condition types whose `targetValue` names other entities, and where those live. */
const REFERENCE_CONDITIONS = new Map([
  ["passes_gate", "gates"],
  ["fails_gate", "gates"],
  ["passes_segment", "segments"],
  ["fails_segment", "segments"],
]);

/** Rules with server-assigned ids (kept when a rule of the same name already had one). */
export function assignRuleIds(store: Store, rules: unknown, previous: unknown = []): Record<string, unknown>[] {
  if (!Array.isArray(rules)) return [];
  const prevIds = new Map<unknown, string>();
  if (Array.isArray(previous)) for (const r of previous) if (r?.name && r?.id) prevIds.set(r.name, r.id);
  checkReferences(store, rules);
  return rules.map((r: Record<string, unknown>) => ({ ...r, id: (r.name && prevIds.get(r.name)) || randomId() }));
}

/** A strict service refuses conditions that point at entities that do not exist. */
export function checkReferences(store: Store, rules: unknown[]): void {
  rules.forEach((rule, i) => {
    const conditions = (rule as { conditions?: unknown[] })?.conditions ?? [];
    conditions.forEach((c, j) => {
      const cond = c as { type?: unknown; targetValue?: unknown };
      const collection = typeof cond.type === "string" ? REFERENCE_CONDITIONS.get(cond.type) : undefined;
      if (!collection) return;
      const where = `rules[${i}].conditions[${j}].targetValue`;
      if (cond.targetValue === undefined || cond.targetValue === null)
        throw new HttpError(400, `${where}: is required for a ${cond.type} condition`);
      const targets = Array.isArray(cond.targetValue) ? cond.targetValue : [cond.targetValue];
      for (const t of targets) {
        if (typeof t !== "string" || !store.has(collection, t))
          throw new HttpError(400, `${where}: ${nounOf(collection)} ${JSON.stringify(t)} does not exist`);
      }
    });
  });
}

/** A 400 naming the field when a referenced entity does not exist (an empty reference is none). */
export function mustExist(store: Store, collection: string, id: unknown, field: string): void {
  if (id === undefined || id === null || id === "") return;
  if (typeof id !== "string" || !store.has(collection, id))
    throw new HttpError(400, `${field}: ${collection.replace(/s$/, "")} ${JSON.stringify(id)} does not exist`);
}

/** Marks an entity (a copy being changed) modified now. */
export function touch(store: Store, e: Entity): Entity {
  e.lastModifiedTime = store.now();
  return e;
}

/** Standard read of one entity by `{id}`. */
export function getOne(collection: string) {
  return (ctx: HandlerContext): Reply => ({ body: mustGet(ctx.store, collection, ctx.params.id) });
}

/** Standard list with pagination. */
export function listAll(collection: string) {
  // Only the page is copied out of the store, not the whole collection.
  return (ctx: HandlerContext): Reply => {
    const { page, limit, start, end } = pageOf(ctx.query);
    const items = ctx.store.list(collection, start, end);
    return { page: { items, page, limit, total: ctx.store.count(collection) } };
  };
}

/** Standard delete by `{id}` (404 when unknown). */
export function deleteOne(collection: string) {
  return (ctx: HandlerContext): Reply => {
    if (!ctx.store.delete(collection, ctx.params.id)) throw notFound(collection, ctx.params.id);
    return { body: { message: `${nounOf(collection)} deleted` }, raw: true, message: "deleted" };
  };
}
