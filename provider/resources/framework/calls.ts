/**
 * Call helpers for entity definitions: reading with "gone" handled, picking output fields from a
 * typed API entity, building request bodies from the inputs, and the calls of the Console API's
 * collection pattern over a typed module (`statsig(client).<entity>`).
 */
import { ConsoleClient, isGone } from "../../client";
import { NotFoundError } from "../../client/errors";
import type { Collection } from "../../client/resource";
import { idFromName } from "../../spec";
import { Fields, FieldsWith, fieldsWith } from "./definition";

/**
 * Calls `fn`, turning Statsig's "entity not found" 404 into `undefined` (for reads); any other
 * 404 (wrong base URL, missing route) is rethrown. With `client`, the entity's collection must also
 * confirm (`isGone`) — required wherever `undefined` makes refresh drop the resource from state.
 */
export async function orNotFound<T>(fn: () => Promise<T>, client?: ConsoleClient): Promise<T | undefined> {
  try {
    return await fn();
  } catch (err) {
    if (client ? await isGone(err, client) : err instanceof NotFoundError) return undefined;
    throw err;
  }
}

/** The listed fields of an entity the service returned, plus its `id`; nulls dropped. */
export function pick<E extends { id: string }, K extends keyof E>(entity: E, keys: readonly K[]): Pick<E, "id" | K> {
  const out: Partial<Pick<E, "id" | K>> = {};
  const keep = <F extends "id" | K>(k: F) => {
    if (entity[k] !== undefined && entity[k] !== null) out[k] = entity[k];
  };
  keep("id");
  keys.forEach(keep);
  // Complete: `id` is set and the service's absent fields are optional in every entity type.
  return out as Pick<E, "id" | K>;
}

/** The listed fields that are set in `obj`, or undefined when none is. */
export function definedFields<I, K extends keyof I>(obj: I, fields: readonly K[]): Partial<Pick<I, K>> | undefined {
  const body: Partial<Pick<I, K>> = {};
  for (const f of fields) if (obj[f] !== undefined && obj[f] !== null) body[f] = obj[f];
  return Object.keys(body).length ? body : undefined;
}

/** The PATCH body of the changed fields among `fields`, or undefined when none changed. */
export function changedBody<I, K extends keyof I & string>(
  changed: Set<string>,
  news: I,
  fields: readonly K[],
): Partial<Pick<I, K>> | undefined {
  return definedFields(
    news,
    fields.filter((f) => changed.has(f)),
  );
}

/**
 * The calls of an entity that follows the collection pattern of the Console API (`api` picks its
 * typed module): create with the `create` fields, read keeping the input and output-only fields,
 * update with the changed `patch` fields, delete; with the `fields` and `outputOnly` they follow
 * from, as the definition states them. Entities spread this and override only the calls that
 * differ (follow-ups, sub-resources); `post` is the create alone, for a create that needs the
 * created entity.
 */
export function collectionCalls<
  E extends { id: string; name: string },
  C,
  U,
  F extends Fields<object>,
  X extends keyof E & string,
>(api: (c: ConsoleClient) => Collection<E, C, U>, fields: F, outputOnly: readonly X[]) {
  // Inputs are typed field by field against the create and update bodies: a flagged field the
  // body lacks, or an input the body's type does not accept, fails to compile where the entity
  // spreads these calls.
  type CreateInputs = { name: string } & { [K in FieldsWith<F, "create">]?: K extends keyof C ? C[K] : never };
  type PatchInputs = { [K in FieldsWith<F, "patch">]?: K extends keyof U ? U[K] : never };
  const createFields = fieldsWith(fields, "create");
  const patchFields = fieldsWith(fields, "patch");
  // Absent keys (fields read elsewhere, such as a gate's overrides) are simply not in the entity.
  const outputs = [...Object.keys(fields), ...outputOnly] as (keyof E)[];
  type Outputs = Pick<E, "id" | (keyof F & keyof E) | X>;

  const post = async (c: ConsoleClient, i: CreateInputs) => {
    // The body holds only the create fields, each typed as the create body's own field.
    const created: E | undefined = await api(c).create({ ...definedFields(i, createFields), name: i.name } as C);
    return { id: typeof created?.id === "string" ? created.id : idFromName(i.name), created };
  };
  return {
    fields,
    outputOnly,
    post,
    create: async (c: ConsoleClient, i: CreateInputs) => (await post(c, i)).id,
    read: async (c: ConsoleClient, id: string, _managed?: unknown): Promise<Outputs | undefined> => {
      // Batched: a refresh's reads of one kind are served from its list when that is cheaper.
      const e = await orNotFound(() => api(c).read(id), c);
      // `pick` keeps exactly the listed keys of the entity: the input fields it has and `X`.
      return e && (pick(e, outputs) as Outputs);
    },
    async update(c: ConsoleClient, id: string, _olds: unknown, n: PatchInputs, changed: Set<string>) {
      // As for create: only the patch fields, typed as the update body's own.
      const body = changedBody(changed, n, patchFields);
      if (body) await api(c).update(id, body as U);
    },
    async delete(c: ConsoleClient, id: string) {
      await api(c).delete(id);
    },
  };
}
