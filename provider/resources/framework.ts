/**
 * The generic CRUD plumbing, written once: check → diff → create/read/update/delete for any
 * entity, driven by a small `EntityDefinition` that holds only what is specific to the entity
 * (its input schema, which fields replace, and the API calls).
 *
 * Behaviour every entity gets from here:
 * - `check` validates against the spec-derived schema plus the entity's own rules and reports
 *   every failure as `property: rule`, with no API call. Values unknown during preview (outputs
 *   of other resources) are skipped, not guessed.
 * - `diff` is local. It compares only the fields the program sets (an omitted optional input is
 *   unmanaged, so it never shows as a change), in canonical form (server-assigned ids and
 *   timestamps stripped, set-like lists sorted), so the preview after an `up` is empty.
 * - `create` and `update` end by reading back, so outputs equal what `read` returns and the next
 *   refresh shows nothing. A create whose follow-up calls fail is recorded as a partially created
 *   resource (Pulumi's "init failed" error shape) instead of being lost.
 * - `read` turns Statsig's entity 404 into "gone" (blank id), so refresh drops an out-of-band
 *   deletion and the next `up` recreates it; `delete` counts it as done. Only when the collection
 *   confirms (`isGone`): a 404 from a wrong base URL or missing route fails, naming the URL.
 * - API errors are rethrown naming the action and the entity: `failed to update gate "x": ...`.
 */
import type * as pulumi from "@pulumi/pulumi";
import { ConsoleClient, StatsigApiError, isGone } from "../client";
import type { Collection } from "../client/resource";
import { ValidationIssue, ajvIssues, compile, idFromName, JsonSchema } from "../spec";
import { getClient } from "../settings";

/** The sentinel the engine sends for values not known until apply (preview with dependencies). */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** True when `v` is, or contains, a value unknown during preview. */
export function containsUnknown(v: unknown): boolean {
  if (v === UNKNOWN) return true;
  if (Array.isArray(v)) return v.some(containsUnknown);
  if (v && typeof v === "object") return Object.values(v).some(containsUnknown);
  return false;
}

/** How diff treats one input field. */
export interface FieldRule {
  /** A change replaces the resource (e.g. the name, from which the id derives). */
  replace?: boolean;
  /** Order does not matter (tags, target apps): compare sorted. */
  unordered?: boolean;
  /** Maps a value (input or output) to the form compared, e.g. strips server-assigned rule ids. */
  canonical?: (value: unknown) => unknown;
  /** Maps an output value back to an input value (for refresh's recorded inputs). */
  asInput?: (value: unknown) => unknown;
}

/** Thrown by an entity's `create` when the entity exists but a follow-up call failed. */
export class PartialCreateError extends Error {
  /** Records the id of the created entity and the failure of the follow-up call. */
  constructor(
    readonly id: string,
    readonly cause: unknown,
  ) {
    super(cause instanceof Error ? cause.message : String(cause));
  }
}

/** What an entity must say about itself; everything else is generic. */
export interface EntityDefinition<I extends { name: string }, O extends { id: string; name?: string }> {
  /** Lower-case noun used in messages: `gate`, `dynamic config`. */
  kind: string;
  /** Resource class name and type token suffix: `Gate`. */
  typeName: string;
  /** JSON schema of the inputs, built from the spec's component schemas. */
  inputSchema: JsonSchema;
  /** Rules beyond the schema (cross-field, uniqueness, sums); no API calls. */
  validate?(inputs: I): ValidationIssue[];
  /** Every input field diff compares, with how. */
  fields: { [K in keyof I & string]-?: FieldRule };
  /**
   * Whether a replacement must delete first. Default: when the new name derives the same id as the
   * old one (a case-only rename, or a replace-on-change field other than the name), because the
   * service refuses a second entity with that id.
   */
  deleteBeforeReplace?(olds: O, news: I): boolean;
  /** Refuses changes the service cannot make (thrown at preview, with what to do instead). */
  guardChanges?(olds: O, news: I, changed: string[]): void;
  /** Creates the entity with every call it needs; returns its id. */
  create(client: ConsoleClient, inputs: I): Promise<string>;
  /** Reads the entity; undefined when it does not exist. `managed` is what the program sets. */
  read(client: ConsoleClient, id: string, managed: Partial<I>): Promise<O | undefined>;
  /** Applies the changed fields with only the endpoints they need. */
  update(client: ConsoleClient, id: string, olds: O, news: I, changed: Set<string>): Promise<void>;
  /** Deletes the entity (404 is handled generically). */
  delete(client: ConsoleClient, id: string): Promise<void>;
}

/** The provider object the runtime dispatches to (Pulumi's `ResourceProvider`, all methods set). */
export type EntityProvider = Required<
  Pick<pulumi.dynamic.ResourceProvider, "check" | "diff" | "create" | "read" | "update" | "delete">
>;

/** Removes `__provider` and undefined values: what remains is what the program set. */
export function programInputs<I>(raw: Record<string, unknown>): I {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(raw)) {
    if (k === "__provider" || v === undefined || v === null) continue;
    out[k] = v;
  }
  return out as I;
}

/** Deep equality over JSON values (key order ignored). */
export function jsonEqual(a: unknown, b: unknown): boolean {
  return JSON.stringify(sortKeys(a)) === JSON.stringify(sortKeys(b));
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === "object") {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) {
      const x = (v as Record<string, unknown>)[k];
      if (x !== undefined) out[k] = sortKeys(x);
    }
    return out;
  }
  return v;
}

/** Drops null/undefined members recursively: the service may echo `null` where we sent nothing. */
export function compact(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(compact);
  if (v && typeof v === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) if (x !== undefined && x !== null) out[k] = compact(x);
    return out;
  }
  return v;
}

function canonicalOf(rule: FieldRule, v: unknown): unknown {
  let c = compact(rule.canonical ? rule.canonical(v) : v);
  if (rule.unordered && Array.isArray(c)) c = [...c].map((x) => JSON.stringify(sortKeys(x))).sort();
  return c;
}

/** Lists the fields whose desired value differs from the recorded output. */
export function changedFields<I extends { name: string }, O extends { id: string; name?: string }>(
  def: EntityDefinition<I, O>,
  olds: Record<string, unknown>,
  news: Record<string, unknown>,
): { changed: string[]; unknown: string[] } {
  const changed: string[] = [];
  const unknown: string[] = [];
  for (const [field, rule] of Object.entries(def.fields) as [string, FieldRule][]) {
    const desired = news[field];
    if (desired === undefined || desired === null) continue; // unmanaged
    if (containsUnknown(desired)) {
      unknown.push(field);
      changed.push(field);
      continue;
    }
    if (!jsonEqual(canonicalOf(rule, desired), canonicalOf(rule, olds[field]))) changed.push(field);
  }
  return { changed, unknown };
}

/** Validates inputs; issues on values unknown during preview are dropped. */
export function validateInputs<I extends { name: string }, O extends { id: string; name?: string }>(
  def: EntityDefinition<I, O>,
  inputs: Record<string, unknown>,
): ValidationIssue[] {
  const validator = compile(`inputs:${def.typeName}`, def.inputSchema);
  const issues = validator(inputs) ? [] : ajvIssues(validator.errors);
  const unknownPaths = unknownPropertyPaths(inputs);
  const keep = (i: ValidationIssue) =>
    !unknownPaths.some((p) => i.property === p || i.property.startsWith(p + ".") || i.property.startsWith(p + "["));
  const extra =
    def.validate && !containsUnknown(inputs)
      ? def.validate(inputs as I)
      : def.validate
        ? safeValidate(def, inputs)
        : [];
  return [...issues, ...extra].filter(keep);
}

/** Runs an entity's own rules on inputs with unknowns: rules that trip on a sentinel are skipped. */
function safeValidate<I extends { name: string }, O extends { id: string; name?: string }>(
  def: EntityDefinition<I, O>,
  inputs: Record<string, unknown>,
): ValidationIssue[] {
  try {
    return def.validate!(inputs as I);
  } catch {
    return [];
  }
}

function unknownPropertyPaths(v: unknown, prefix = ""): string[] {
  if (v === UNKNOWN) return [prefix];
  const out: string[] = [];
  if (Array.isArray(v)) v.forEach((x, i) => out.push(...unknownPropertyPaths(x, `${prefix}[${i}]`)));
  else if (v && typeof v === "object")
    for (const [k, x] of Object.entries(v)) out.push(...unknownPropertyPaths(x, prefix ? `${prefix}.${k}` : k));
  return out;
}

/** Adds the action and entity to API errors; other errors pass through unchanged. */
async function withOperation<T>(operation: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof StatsigApiError) throw err.withOperation(operation);
    throw err;
  }
}

/** Builds the Pulumi provider of an entity from its definition. */
export function makeProvider<I extends { name: string }, O extends { id: string; name?: string }>(
  def: EntityDefinition<I, O>,
  client: () => ConsoleClient = getClient,
): EntityProvider {
  const label = (name: unknown) => `${def.kind} "${String(name)}"`;
  const deleteFirst =
    def.deleteBeforeReplace ?? ((olds: O, news: I) => idFromName(olds.name ?? "") === idFromName(news.name));

  const readBack = async (id: string, managed: Partial<I>, name: unknown): Promise<O> => {
    const out = await withOperation(`read ${label(name)}`, () => def.read(client(), id, managed));
    if (!out) throw new Error(`${label(name)} (id ${id}) was not found right after it was written`);
    return out;
  };

  /**
   * Retry safety. When a create's POST failed ambiguously (5xx, reset, timeout: the server may have
   * applied it) and its retry was refused because the name exists, the entity is most likely our
   * own first attempt. If the entity under the derived id has exactly our name, converge it to the
   * inputs with the normal update path and record it, instead of failing and leaving it unmanaged.
   */
  const adoptOwnCreate = async (err: unknown, inputs: I) => {
    if (!(err instanceof StatsigApiError) || err.status !== 400 || err.method !== "POST" || !err.ambiguousRetry) return;
    const id = idFromName(inputs.name);
    const existing = await def.read(client(), id, inputs);
    if (!existing || existing.name !== inputs.name) return;
    const { changed } = changedFields(def, existing as Record<string, unknown>, inputs as Record<string, unknown>);
    await withOperation(`create ${label(inputs.name)}`, () =>
      def.update(client(), id, existing, inputs, new Set(changed)),
    );
    return { id, outs: await readBack(id, inputs, inputs.name) };
  };

  return {
    async check(_olds, news) {
      const inputs = programInputs<Record<string, unknown>>(news);
      const issues = validateInputs(def, inputs);
      return {
        inputs: { ...inputs, __provider: news.__provider },
        // The engine prints "property <property> value {...} has a problem: <reason>".
        failures: issues.map((i) => ({ property: i.property, reason: i.reason })),
      };
    },

    async diff(_id, olds, news) {
      const { changed, unknown } = changedFields(def, olds, programInputs(news));
      const replaces = changed.filter((f) => def.fields[f as keyof I & string]?.replace);
      // Thrown here, the refusal fails the preview before anything is touched.
      if (changed.length && def.guardChanges) def.guardChanges(olds as O, programInputs<I>(news), changed);
      const known = !replaces.some((f) => unknown.includes(f));
      return {
        changes: changed.length > 0,
        replaces,
        deleteBeforeReplace: replaces.length > 0 && known && deleteFirst(olds as O, programInputs<I>(news)),
      };
    },

    async create(raw) {
      const inputs = programInputs<I>(raw);
      let id: string;
      try {
        id = await withOperation(`create ${label(inputs.name)}`, () => def.create(client(), inputs));
      } catch (err) {
        const adopted = await adoptOwnCreate(err, inputs);
        if (adopted) return adopted;
        if (!(err instanceof PartialCreateError)) throw err;
        // The entity exists: record it (Pulumi's init-failed shape) so the next `up` updates it
        // instead of creating a duplicate that the service would reject.
        const cause =
          err.cause instanceof StatsigApiError ? err.cause.withOperation(`create ${label(inputs.name)}`) : err.cause;
        let properties: Record<string, unknown> = { ...inputs, id: err.id };
        try {
          properties = { ...((await def.read(client(), err.id, inputs)) ?? properties) };
        } catch {
          // Keep the inputs as the best record; the next refresh corrects them.
        }
        throw {
          id: err.id,
          properties,
          message: cause instanceof Error ? cause.message : String(cause),
          reasons: [cause instanceof Error ? cause.message : String(cause)],
        };
      }
      const outs = await readBack(id, inputs, inputs.name);
      return { id, outs };
    },

    async read(id, props) {
      const managed = programInputs<Partial<I>>(props ?? {});
      const out = await withOperation(`read ${label(managed.name ?? id)}`, () => def.read(client(), id, managed));
      if (!out) return {}; // blank id: the entity is gone; refresh drops it
      const inputs: Record<string, unknown> = {};
      for (const [f, rule] of Object.entries(def.fields) as [string, FieldRule][]) {
        const v = (out as Record<string, unknown>)[f];
        if (v !== undefined && v !== null) inputs[f] = rule.asInput ? rule.asInput(v) : v;
      }
      return { id, props: out, inputs };
    },

    async update(id, olds, raw) {
      const news = programInputs<I>(raw);
      const { changed } = changedFields(def, olds, news as Record<string, unknown>);
      await withOperation(`update ${label(news.name)}`, () =>
        def.update(client(), id, olds as O, news, new Set(changed)),
      );
      return { outs: await readBack(id, news, news.name) };
    },

    async delete(id, props) {
      await withOperation(`delete ${label(props?.name ?? id)}`, async () => {
        try {
          await def.delete(client(), id);
        } catch (err) {
          if (await isGone(err, client())) return; // already gone (an entity 404, its collection confirmed)
          throw err;
        }
      });
    },
  };
}

/**
 * Calls `fn`, turning Statsig's "entity not found" 404 into `undefined` (for reads); any other
 * 404 (wrong base URL, missing route) is rethrown. With `client`, the entity's collection must also
 * confirm (`isGone`) — required wherever `undefined` makes refresh drop the resource from state.
 */
export async function orNotFound<T>(fn: () => Promise<T>, client?: ConsoleClient): Promise<T | undefined> {
  try {
    return await fn();
  } catch (err) {
    if (client ? await isGone(err, client) : err instanceof StatsigApiError && err.isNotFound()) return undefined;
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

/** Props for a resource constructor: every output key declared (undefined), then the args. */
export function withOutputKeys<A extends object>(keys: readonly string[], args: A): Record<string, unknown> {
  const props: Record<string, unknown> = {};
  for (const k of keys) props[k] = undefined;
  return { ...props, ...args };
}

/**
 * The calls of an entity that follows the collection pattern of the Console API (`api` picks its
 * typed module): create with the create fields, read keeping the output fields, update with the
 * changed patch fields, delete. Entities spread this and override only the calls that differ
 * (follow-ups, sub-resources); `post` is the create alone, for a create that needs the created
 * entity.
 */
export function collectionCalls<
  E extends { id: string; name: string },
  C,
  U,
  K extends keyof E,
  CF extends keyof C & string,
  PF extends keyof U & string,
>(
  api: (c: ConsoleClient) => Collection<E, C, U>,
  opts: {
    /** Fields the create body carries. */
    createFields: readonly CF[];
    /** Fields an update may carry, sent only when changed. */
    patchFields: readonly PF[];
    /** Fields kept from the entity as outputs. */
    outputs: readonly K[];
  },
) {
  // Inputs are typed field by field against the create and update bodies: an input whose type the
  // body does not accept fails to compile where the entity spreads these calls.
  type CreateInputs = { name: string } & { [F in CF]?: C[F] };
  type PatchInputs = { [F in PF]?: U[F] };
  const post = async (c: ConsoleClient, i: CreateInputs) => {
    // The body holds only the listed create fields, each typed as the create body's own field.
    const created: E | undefined = await api(c).create({ ...definedFields(i, opts.createFields), name: i.name } as C);
    return { id: typeof created?.id === "string" ? created.id : idFromName(i.name), created };
  };
  return {
    post,
    create: async (c: ConsoleClient, i: CreateInputs) => (await post(c, i)).id,
    read: async (c: ConsoleClient, id: string, _managed?: unknown) => {
      const e = await orNotFound(() => api(c).get(id), c);
      return e && pick(e, opts.outputs);
    },
    async update(c: ConsoleClient, id: string, _olds: unknown, n: PatchInputs, changed: Set<string>) {
      // As for create: only the listed patch fields, typed as the update body's own.
      const body = changedBody(changed, n, opts.patchFields);
      if (body) await api(c).update(id, body as U);
    },
    async delete(c: ConsoleClient, id: string) {
      await api(c).delete(id);
    },
  };
}
