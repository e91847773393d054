/**
 * CRUD handlers from a small description, for the entities whose endpoints follow the common
 * pattern (list, create from a name, get, patch some fields, delete). The route table
 * (`routes.ts`) decides which of them are served, and under which operationId.
 */
import { PublishedField, applyPublishedFields } from "../published";
import { NAME_RULES, NameRule, NamedKind } from "../rules";
import { JsonSchema, componentPropertyRef } from "../spec";
import { Entity, Store } from "../store";
import { Handler, HandlerContext, Reply, Shape } from "../types";
import { checkName, deleteOne, getOne, listAll, mustGet, newIdFor, nounOf, pick, touch } from "./common";

/** The description of one entity's CRUD behaviour. */
export interface CrudSpec {
  /** Collection and URL segment, e.g. `holdouts`; also the kind whose name rule applies (`NAME_RULES`). */
  collection: string;
  /** The kind's name rule, for a collection `NAME_RULES` (rules.ts) does not list: a new kind states its own here. */
  nameRule?: NameRule;
  /** The kind's published-only fields, for a collection `PUBLISHED_FIELDS` (published.ts) does not list. */
  publishedFields?: Readonly<Record<string, PublishedField>>;
  /** Fields a create copies from the body, with their defaults. */
  createDefaults: Record<string, unknown>;
  /** Fields a PATCH may change. */
  updatable: readonly string[];
  /** Component whose property schemas type a published PATCH body (e.g. `HoldoutCreate`). */
  patchSchemaFrom?: string;
  /** Schemas of PATCH fields that component lacks (published-only fields). */
  patchExtraFields?: Record<string, JsonSchema>;
  /** Status code of a create in the published shape (200 for tags and holdouts there). */
  publishedCreateStatus?: number;
  /** Server-side checks (references, lifecycle) before a create or update is stored. */
  validate?(store: Store, next: Entity, previous: Entity | undefined): void;
  /** Extra per-entity work before a create or update is stored (e.g. rule ids). */
  normalize?(store: Store, next: Entity, previous: Entity | undefined): void;
  /** Whether entities carry timestamps (the spec's schema decides). */
  timestamps?: { created: boolean; modified: boolean };
}

/** The CRUD handlers of one entity, and the body schema of its published PATCH. */
export type CrudHandlers = {
  list: Handler;
  create: Handler;
  get: Handler;
  update: Handler;
  delete: Handler;
  /** The body schema of a published PATCH (the updatable fields, typed by the seed's schemas). */
  patchBody: JsonSchema;
};

function createStatus(spec: CrudSpec, shape: Shape): number {
  return shape === "published" && spec.publishedCreateStatus ? spec.publishedCreateStatus : 201;
}

/** The name rule of the spec's kind: its own, or its collection's in `NAME_RULES`. */
function nameRuleOf(spec: CrudSpec): NameRule {
  const rule =
    spec.nameRule ?? (Object.hasOwn(NAME_RULES, spec.collection) && NAME_RULES[spec.collection as NamedKind]);
  if (!rule) throw new Error(`crud(${spec.collection}): no name rule (set nameRule)`);
  return rule;
}

function createEntity(spec: CrudSpec, ctx: HandlerContext): Reply {
  const b = (ctx.body ?? {}) as Record<string, unknown>;
  const name = checkName(nameRuleOf(spec), b.name);
  const id = newIdFor(ctx.store, spec.collection, name);
  const entity: Entity = { id, name };
  for (const [f, dflt] of Object.entries(spec.createDefaults))
    entity[f] = Object.hasOwn(b, f) && b[f] !== undefined ? b[f] : structuredClone(dflt);
  // The published API's fields the seed lacks (published.ts); the seed's contract has none.
  if (ctx.shape === "published") applyPublishedFields(spec.collection, b, entity, undefined, spec.publishedFields);
  spec.validate?.(ctx.store, entity, undefined);
  spec.normalize?.(ctx.store, entity, undefined);
  const now = ctx.store.now();
  if (spec.timestamps?.created ?? true) entity.createdTime = now;
  if (spec.timestamps?.modified ?? true) entity.lastModifiedTime = now;
  return {
    status: createStatus(spec, ctx.shape),
    body: ctx.store.put(spec.collection, entity),
    message: `${nounOf(spec.collection)} created successfully`,
  };
}

function updateEntity(spec: CrudSpec, ctx: HandlerContext): Reply {
  const current = mustGet(ctx.store, spec.collection, ctx.params.id);
  const next: Entity = { ...current, ...pick(ctx.body, spec.updatable), id: current.id };
  if (ctx.shape === "published") applyPublishedFields(spec.collection, ctx.body, next, current, spec.publishedFields);
  spec.validate?.(ctx.store, next, current);
  spec.normalize?.(ctx.store, next, current);
  if (spec.timestamps?.modified ?? true) touch(ctx.store, next);
  return { body: ctx.store.put(spec.collection, next), message: `${nounOf(spec.collection)} updated successfully` };
}

/** Builds the handlers. */
export function crud(spec: CrudSpec): CrudHandlers {
  nameRuleOf(spec); // a kind without a name rule fails when the route table is built, not at its first create
  const properties: Record<string, unknown> = {};
  for (const f of spec.updatable)
    properties[f] =
      spec.patchExtraFields?.[f] ?? (spec.patchSchemaFrom ? componentPropertyRef(spec.patchSchemaFrom, f) : {});
  return {
    list: listAll(spec.collection),
    create: (ctx) => createEntity(spec, ctx),
    get: getOne(spec.collection),
    update: (ctx) => updateEntity(spec, ctx),
    delete: deleteOne(spec.collection),
    patchBody: { type: "object", properties },
  };
}
