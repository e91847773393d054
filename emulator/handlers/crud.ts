/**
 * A CRUD route group from a small description, for the entities whose endpoints follow the common
 * pattern (list, create from a name, get, patch some fields, delete). The seed's operations are
 * bound by operationId; the published API's by-id endpoints the seed lacks are added as extra
 * routes with a body schema built from the seed's own property schemas.
 */
import { JsonSchema, specPointer } from "../../provider/spec";
import { Entity, Store } from "../state";
import { HandlerContext, Handler, Reply, RouteDef, RouteGroup, Shape } from "../types";
import { NOUNS, checkName, deleteOne, getOne, listAll, mustGet, newIdFor, pick, touch } from "./common";

/** The description of one entity's CRUD behaviour. */
export interface CrudSpec {
  /** Collection and URL segment, e.g. `holdouts`. */
  collection: string;
  /** Seed operationIds for the operations the seed has. */
  seedOps: { list?: string; create?: string; get?: string; update?: string; delete?: string };
  /** Published by-id endpoints to add where the seed has none. */
  publishedById?: { get?: boolean; patch?: boolean; delete?: boolean };
  /** Component schema whose properties type the published PATCH body (e.g. `HoldoutCreate`). */
  patchSchemaFrom?: string;
  /** Schemas of PATCH fields the component lacks (published-only fields). */
  patchExtraFields?: Record<string, JsonSchema>;
  /** Name rules (experiments allow no `.`). */
  nameRules?: "default" | "experiment";
  /** Fields a create copies from the body, with their defaults. */
  createDefaults: Record<string, unknown>;
  /** Fields a PATCH may change. */
  updatable: readonly string[];
  /** Status code of a create in the published shape (200 for tags and holdouts there). */
  publishedCreateStatus?: number;
  /** Server-side checks (references, lifecycle) before a create or update is applied. */
  validate?(store: Store, next: Entity, previous: Entity | undefined): void;
  /** Extra per-entity work after a create or update (e.g. rule ids). */
  normalize?(store: Store, next: Entity, previous: Entity | undefined): void;
  /** Whether entities carry timestamps (the spec's schema decides). */
  timestamps?: { created: boolean; modified: boolean };
}

/** The body schema of a published PATCH: the listed fields, typed by a seed component's properties. */
export function patchSchema(
  component: string,
  fields: readonly string[],
  extraFields: Record<string, JsonSchema> = {},
): JsonSchema {
  const properties: Record<string, unknown> = {};
  for (const f of fields)
    properties[f] = extraFields[f] ?? specPointer(`#/components/schemas/${component}/properties/${f}`);
  return { type: "object", properties };
}

function createStatus(spec: CrudSpec, shape: Shape): number {
  return shape === "published" && spec.publishedCreateStatus ? spec.publishedCreateStatus : 201;
}

/** Applies a create. */
export function createEntity(spec: CrudSpec, ctx: HandlerContext): Reply {
  const b = (ctx.body ?? {}) as Record<string, unknown>;
  const name = checkName(b.name, spec.nameRules);
  const id = newIdFor(ctx.store, spec.collection, name);
  const entity: Entity = { id, name };
  for (const [f, dflt] of Object.entries(spec.createDefaults)) entity[f] = b[f] ?? structuredClone(dflt);
  spec.validate?.(ctx.store, entity, undefined);
  spec.normalize?.(ctx.store, entity, undefined);
  const now = ctx.store.now();
  if (spec.timestamps?.created ?? true) entity.createdTime = now;
  if (spec.timestamps?.modified ?? true) entity.lastModifiedTime = now;
  ctx.store.put(spec.collection, entity);
  return {
    status: createStatus(spec, ctx.shape),
    body: entity,
    message: `${NOUNS[spec.collection] ?? spec.collection} created successfully`,
  };
}

/** Applies a PATCH of the updatable fields. */
export function updateEntity(spec: CrudSpec, ctx: HandlerContext): Reply {
  const current = mustGet(ctx.store, spec.collection, ctx.params.id);
  const next: Entity = { ...structuredClone(current), ...pick(ctx.body, spec.updatable) };
  spec.validate?.(ctx.store, next, current);
  spec.normalize?.(ctx.store, next, current);
  if (spec.timestamps?.modified ?? true) touch(ctx.store, next);
  ctx.store.put(spec.collection, next);
  return { body: next, message: `${NOUNS[spec.collection] ?? spec.collection} updated successfully` };
}

/** Builds the route group. */
export function crudRoutes(spec: CrudSpec): RouteGroup {
  const handlers: Record<string, Handler> = {};
  const extra: RouteDef[] = [];
  const c = spec.collection;
  const { list, create, get, update, delete: del } = spec.seedOps;
  if (list) handlers[list] = listAll(c);
  if (create) handlers[create] = (ctx) => createEntity(spec, ctx);
  if (get) handlers[get] = getOne(c);
  if (update) handlers[update] = (ctx) => updateEntity(spec, ctx);
  if (del) handlers[del] = deleteOne(c);
  const byId = `/${c}/{id}`;
  const noun = c.replace(/s$/, "");
  if (spec.publishedById?.get)
    extra.push({ method: "GET", template: byId, operationId: `published:get_${noun}`, handler: getOne(c) });
  if (spec.publishedById?.patch)
    extra.push({
      method: "PATCH",
      template: byId,
      operationId: `published:update_${noun}`,
      handler: (ctx) => updateEntity(spec, ctx),
      bodySchema: spec.patchSchemaFrom
        ? patchSchema(spec.patchSchemaFrom, spec.updatable, spec.patchExtraFields)
        : { type: "object" },
    });
  if (spec.publishedById?.delete)
    extra.push({ method: "DELETE", template: byId, operationId: `published:delete_${noun}`, handler: deleteOne(c) });
  return { handlers, extra };
}
