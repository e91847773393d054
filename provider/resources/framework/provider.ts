/**
 * The provider factory: turns an `EntityDefinition` into the Pulumi provider object, with the
 * behaviour every entity shares.
 *
 * - `check` validates against the spec-derived schema plus the entity's own rules and reports
 *   every failure as `property: rule`, with no API call.
 * - `diff` is local (see `diff.ts`); an omitted optional input is unmanaged.
 * - `create` and `update` end by reading back (served from the write's own answer where that is
 *   the entity: see client/answers.ts), so outputs equal what `read` returns and the next
 *   refresh shows nothing. No create is lost: once the entity exists, whatever fails after (a
 *   follow-up call, the read-back) is recorded as a partially created resource (Pulumi's "init
 *   failed" error, `ResourceInitError`, carrying `__provider`); an ambiguous create that the service
 *   applied, or one left by an interrupted run (`../inflight.ts`), is found and converged.
 * - `create` with `adopt: true` takes an existing entity over instead (see `../adopt.ts`), through the
 *   same convergence as a create the service had already applied; without `adopt`, an existing
 *   entity fails naming it and saying how to adopt it.
 * - Outputs record which fields the program set (`managed.ts`), and `read` returns as inputs only
 *   those, at the service's values: refresh never adds unmanaged fields to the recorded inputs, so
 *   the CLI's `--diff` display names only fields that change.
 * - `read` turns Statsig's entity 404 into "gone" (blank id), so refresh drops an out-of-band
 *   deletion and the next `up` recreates it; `delete` counts it as done. Only when the collection
 *   confirms (`isGone`): a 404 from a wrong base URL or missing route fails, naming the URL.
 * - API errors are rethrown naming the action and the entity: `failed to update gate "x": ...`.
 */
import { ConsoleClient, StatsigApiError, isGone, statsig, withLogContext } from "../../client";
import { logLine } from "../../client/log";
import { getClient } from "../../settings";
import { clearCreate, createInFlightSince, recordCreateStarted } from "../inflight";
import { idFromName } from "../../spec";
import { EntityDefinition, EntityOutputs, PartialCreateError } from "./definition";
import { changedFields, validateInputs } from "./diff";
import { managedKeys, managedKeysOf, recordedOutputs, refreshedInputs, withManaged } from "./managed";
import { ChangeRefused, EntityProvider, ResourceInitError, UNKNOWN, programInputs } from "./protocol";
import { alreadyExistsMessage } from "../adopt";
import { afterDeletion, replaceWarning } from "./consequences";

/**
 * The input that lets a referenced entity be deleted (see `delete`). Like `adopt`, an instruction
 * to the provider, not a field of the entity: recorded in `__managed` when true, so a `destroy`
 * (which runs no program) knows it.
 */
export const DELETE_WHEN_REFERENCED = "deleteWhenReferenced";

/**
 * `deleteWhenReferenced` as this run's program sets it, by the entity's id, noted by `diff`. A
 * replace deletes the old entity with its recorded outputs, which hold the value of the last `up`;
 * the engine diffs the resource earlier in the same provider process (one per command), so the
 * program's current value is known here and wins.
 */
const deleteWhenReferencedNow = new Map<string, boolean>();

/** The collections whose entities can refer to a gate (see client/references.ts), by kind. */
const REFERRING: Record<string, string> = {
  gate: "/gates",
  experiment: "/experiments",
  "dynamic config": "/dynamic_configs",
};

/**
 * Adds the action and entity to API errors (other errors pass through unchanged), and labels the
 * client's wait and retry lines with them (`statsig: create gate "x": waiting 8.0 s ...`).
 */
async function withOperation<T>(operation: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await withLogContext(operation, fn);
  } catch (err) {
    if (err instanceof StatsigApiError) throw err.withOperation(operation);
    throw err;
  }
}

/** Builds the Pulumi provider of an entity from its definition. */
export function makeProvider<I extends { name: string }, O extends EntityOutputs>(
  def: EntityDefinition<I, O>,
  client: () => ConsoleClient = getClient,
): EntityProvider {
  const label = (name: unknown) => `${def.kind} "${String(name)}"`;
  const deleteFirst =
    def.deleteBeforeReplace ?? ((olds: O, news: I) => idFromName(olds.name ?? "") === idFromName(news.name));
  // What the engine recorded is what `read` returned earlier: the entity's outputs.

  /**
   * What the outputs record as managed (see managed.ts): the fields the program set, and `adopt`
   * when it is true, so a refresh keeps that instruction in the inputs too.
   */
  const recordedKeys = (raw: Record<string, unknown>) =>
    [
      ...managedKeys(def.fields, programInputs(raw)),
      ...(raw.adopt === true ? ["adopt"] : []),
      ...(def.referencedBy && raw[DELETE_WHEN_REFERENCED] === true ? [DELETE_WHEN_REFERENCED] : []),
    ].sort();

  /** The key of `deleteWhenReferencedNow`: the entity in the project the client talks to. */
  const noteKey = (id: string) => {
    try {
      return `${client().baseUrl} ${def.typeName} ${id}`;
    } catch {
      return `${def.typeName} ${id}`; // settings problems are reported by the calls that need them
    }
  };

  /**
   * Before a delete: fails naming the entities that still refer to this one, unless the resource
   * sets `deleteWhenReferenced`. One request per references endpoint; referrers this run deleted
   * already are gone from the answers (Pulumi deletes a resource's dependents before it).
   */
  const refuseIfReferenced = async (id: string, props: Record<string, unknown>) => {
    if (!def.referencedBy) return;
    const allowed = deleteWhenReferencedNow.get(noteKey(id)) ?? managedKeysOf(props)?.includes(DELETE_WHEN_REFERENCED);
    if (allowed) return;
    let found: { referrers: string[]; total: number };
    try {
      found = await def.referencedBy(client(), id);
    } catch (err) {
      // The entity is gone: the caller counts the delete as done.
      if (await isGone(err, client())) throw err;
      // Not knowing is no reason to refuse what Statsig would do: the DELETE decides (and a wrong
      // URL fails there, naming it).
      logLine(`warning: could not ask who refers to ${label(props.name ?? id)}, deleting it anyway: ${String(err)}`);
      return;
    }
    const { referrers, total } = found;
    if (!referrers.length) return;
    const more = total > referrers.length ? ` and ${total - referrers.length} more` : "";
    const consequence = afterDeletion(def.kind, id, props);
    throw new ChangeRefused(
      `${label(props.name ?? id)} is not deleted: ${referrers.join(", ")}${more} still ` +
        `${total > 1 ? "refer" : "refers"} to it` +
        (consequence ? `, and ${consequence}` : "") +
        `. Change them to stop referring to it first, or set \`${DELETE_WHEN_REFERENCED}: true\` on the ` +
        "resource to delete it anyway (a delete whose resource left the program uses the value its last `up` recorded)",
    );
  };

  const readBack = async (id: string, managed: Partial<I>, name: unknown): Promise<O> => {
    const out = await withOperation(`read ${label(name)}`, () => def.read(client(), id, managed));
    if (!out) throw new Error(`${label(name)} (id ${id}) was not found right after it was written`);
    return out;
  };

  /** Runs the entity's refusals; a refusal is a `ChangeRefused` (printed without a stack). */
  const guard = (olds: O, news: I, changed: string[]) => {
    try {
      def.guardChanges?.(olds, news, changed);
    } catch (err) {
      throw err instanceof Error && !(err instanceof ChangeRefused) ? new ChangeRefused(err.message) : err;
    }
  };

  /** The engine holds entity `id` in its state: forget any record of its create (inflight.ts). */
  const held = (id: string) => {
    try {
      if (id) clearCreate(client().baseUrl, def.typeName, id);
    } catch {
      // Settings problems are reported by the calls that need them, not by this bookkeeping.
    }
  };

  /**
   * After a failed create: the entity under the derived id, read once however many questions ask
   * about it (`entity` absent: no such entity; `unreadable`: the read failed, so nobody can tell).
   */
  const lookUp = (id: string, inputs: I) => {
    type Found = { entity?: O; unreadable?: true };
    let found: Promise<Found> | undefined;
    return (): Promise<Found> =>
      (found ??= def.read(client(), id, inputs).then(
        (entity): Found => ({ entity: entity ?? undefined }),
        (): Found => ({ unreadable: true }),
      ));
  };

  /**
   * Whether a failed create's entity may exist all the same, and if it does and is ours, converges
   * it to the inputs and returns it (so it is recorded, never orphaned). Ours means: the entity
   * under the derived id carries exactly our name, and either this create's POST failed
   * ambiguously (5xx, reset, timeout: the server may have applied it; then its retry hears
   * "already exists", or every attempt failed), or a create of this very entity was started on
   * this machine and no run since has seen it in state (an interrupted run: see inflight.ts for
   * why that is safe). An unreadable entity is not taken: the record stays, so the next `up` asks
   * again.
   */
  const recoverExisting = async (
    err: unknown,
    raw: Record<string, unknown>,
    inputs: I,
    leftoverSince: number | undefined,
    existing: ReturnType<typeof lookUp>,
  ) => {
    if (!(err instanceof StatsigApiError) || err.method !== "POST") return undefined;
    const ambiguous = err.ambiguousRetry || err.status === 0 || err.status >= 500;
    const refused = err.status === 400 || err.status === 409;
    if (!ambiguous && !(refused && leftoverSince !== undefined)) return undefined;
    const { entity } = await existing();
    if (!entity || entity.name !== inputs.name) return undefined;
    // An entity older than our interrupted create is someone else's (10 minutes of clock skew allowed).
    const created = (entity as { createdTime?: unknown }).createdTime;
    if (!ambiguous && typeof created === "number" && created < leftoverSince! - 10 * 60_000) return undefined;
    return convergeExisting(idFromName(inputs.name), entity, raw, inputs);
  };

  /** A refused POST for an entity whose id exists, without `adopt`: say so, and how to adopt it. */
  const alreadyExists = async (
    err: unknown,
    inputs: I,
    existing: ReturnType<typeof lookUp>,
  ): Promise<Error | undefined> => {
    if (!(err instanceof StatsigApiError) || err.status !== 400 || err.method !== "POST") return undefined;
    const { entity } = await existing();
    const id = idFromName(inputs.name);
    return entity ? new Error(alreadyExistsMessage(def.kind, inputs.name, id, err.message)) : undefined;
  };

  /**
   * Brings an existing entity to the inputs with the update path and returns it as created. Once
   * the entity exists, any failure is thrown as an init failure, so it is recorded.
   */
  const convergeExisting = async (
    id: string,
    existing: O,
    raw: Record<string, unknown>,
    inputs: I,
    changed = changedFields(def, existing, inputs).changed,
  ) => {
    try {
      // Nothing to write: `existing` was just read with these inputs, which is what a read-back is.
      if (!changed.length) return { id, outs: withManaged(existing, recordedKeys(raw)) };
      await withOperation(`create ${label(inputs.name)}`, () =>
        def.update(client(), id, existing, inputs, new Set(changed)),
      );
      return { id, outs: withManaged(await readBack(id, inputs, inputs.name), recordedKeys(raw)) };
    } catch (err) {
      throw await initFailure(id, raw, inputs, err);
    }
  };

  /**
   * The init-failed error that records an entity which exists although its create failed (a
   * follow-up call, the read-back, a convergence): the next `up` updates it, `destroy` deletes it.
   * The recorded properties carry `__provider`, without which refresh and delete cannot run at all
   * ("code must be a string").
   */
  const initFailure = async (id: string, raw: Record<string, unknown>, inputs: I, cause: unknown) => {
    const named =
      cause instanceof StatsigApiError && !cause.operation
        ? cause.withOperation(`create ${label(inputs.name)}`)
        : cause;
    let properties: object = { ...inputs, id };
    try {
      properties = { ...((await def.read(client(), id, inputs)) ?? properties) };
    } catch {
      // Keep the inputs as the best record; the next refresh or `up` corrects them.
    }
    const recordedProperties = withManaged(properties, recordedKeys(raw));
    return new ResourceInitError(id, { ...recordedProperties, __provider: raw.__provider }, named);
  };

  return {
    async check(_olds, news) {
      // `adopt` is an instruction to create, not a field of the entity: validated here, never diffed.
      // So is `deleteWhenReferenced`, an instruction to delete (entities with `referencedBy`).
      const { adopt, ...inputs } = programInputs<Record<string, unknown>>(news);
      const flags: Record<string, unknown> = adopt === undefined ? {} : { adopt };
      if (def.referencedBy && inputs[DELETE_WHEN_REFERENCED] !== undefined) {
        flags[DELETE_WHEN_REFERENCED] = inputs[DELETE_WHEN_REFERENCED];
        delete inputs[DELETE_WHEN_REFERENCED];
      }
      const issues = validateInputs(def, inputs);
      for (const [k, v] of Object.entries(flags))
        if (v !== UNKNOWN && typeof v !== "boolean") issues.push({ property: k, reason: "must be true or false" });
      return {
        inputs: { ...inputs, ...flags, __provider: news.__provider },
        // The engine prints "property <property> value {...} has a problem: <reason>".
        failures: issues.map((i) => ({ property: i.property, reason: i.reason })),
      };
    },

    async diff(id, olds, news) {
      held(id);
      const inputs = programInputs<I>(news);
      const { changed, unknown } = changedFields(def, olds, inputs);
      const replaces = changed.filter((f) => def.fields[f as keyof I & string]?.replace);
      const old = recordedOutputs<O>(id, olds);
      // Thrown here, the refusal fails the preview before anything is touched.
      if (changed.length) guard(old, inputs, changed);
      const known = !replaces.some((f) => unknown.includes(f));
      const deleteBeforeReplace = replaces.length > 0 && known && deleteFirst(old, inputs);
      // Shown in the preview (the provider's stderr), before anything is touched.
      const warnings = changed.length ? (def.warnChanges?.(old, inputs, changed) ?? []) : [];
      if (replaces.length) {
        const name = inputs.name as unknown;
        const newId = typeof name === "string" && name !== UNKNOWN ? idFromName(name) : undefined;
        const w = replaceWarning(def.kind, id, old, name, newId, deleteBeforeReplace);
        if (w) warnings.push(w);
      }
      for (const w of warnings) logLine(`warning: ${w}`);
      // `deleteWhenReferenced`: the program's value is noted for a delete later in this run, and a
      // change of it is an update that records it (so a later `destroy` knows it).
      let flagChanged = false;
      if (def.referencedBy) {
        const now = (news as Record<string, unknown>)[DELETE_WHEN_REFERENCED] === true;
        deleteWhenReferencedNow.set(noteKey(id), now);
        flagChanged = now !== (managedKeysOf(olds)?.includes(DELETE_WHEN_REFERENCED) ?? false);
      }
      return { changes: changed.length > 0 || flagChanged, replaces, deleteBeforeReplace };
    },

    async create(raw) {
      const { adopt, ...rest } = programInputs<I & { adopt?: unknown }>(raw);
      const inputs = rest as unknown as I;
      const baseUrl = client().baseUrl;
      const derivedId = idFromName(inputs.name);
      if (adopt === true) {
        // See ../adopt.ts: an existing entity is taken over (only differing fields written), not created.
        const existing = await withOperation(`read ${label(inputs.name)}`, () => def.read(client(), derivedId, inputs));
        if (existing) {
          const { changed } = changedFields(def, existing, inputs);
          // A change the service refuses (a running experiment's groups...) fails before the takeover.
          if (changed.length) guard(existing, inputs, changed);
          return convergeExisting(derivedId, existing, raw, inputs, changed);
        }
      }
      // See inflight.ts: a record left by an interrupted create of this very entity, if any.
      const leftoverSince = createInFlightSince(baseUrl, def.typeName, derivedId);
      // A retry of an interrupted create keeps the first start: the entity may date from it.
      recordCreateStarted(baseUrl, def.typeName, derivedId, inputs.name, leftoverSince);
      let id: string;
      try {
        id = await withOperation(`create ${label(inputs.name)}`, () => def.create(client(), inputs));
      } catch (err) {
        // The entity exists but a follow-up call failed: recorded, the next `up` finishes it with
        // an update instead of creating a duplicate the service would reject.
        if (err instanceof PartialCreateError) throw await initFailure(err.id, raw, inputs, err.cause);
        const existing = lookUp(derivedId, inputs);
        const recovered = await recoverExisting(err, raw, inputs, leftoverSince, existing);
        if (recovered) return recovered;
        // A definite refusal created nothing; after an ambiguous failure, or when the entity could
        // not be read to tell whether it is ours, the record stays.
        if (err instanceof StatsigApiError && err.status >= 400 && err.status < 500 && !err.ambiguousRetry) {
          // recoverExisting has read the entity for a refusal with a record (no second request).
          const asked = leftoverSince !== undefined && (err.status === 400 || err.status === 409);
          if (!(asked && (await existing()).unreadable)) clearCreate(baseUrl, def.typeName, derivedId);
        }
        if (adopt !== true) {
          const exists = await alreadyExists(err, inputs, existing);
          if (exists) throw exists;
        }
        throw err;
      }
      try {
        return { id, outs: withManaged(await readBack(id, inputs, inputs.name), recordedKeys(raw)) };
      } catch (err) {
        throw await initFailure(id, raw, inputs, err);
      }
    },

    async read(id, props) {
      held(id);
      const recordedProps = props ?? {};
      const keys = managedKeysOf(recordedProps);
      const all = programInputs<Record<string, unknown>>(recordedProps);
      // What the program manages, as last written: `def.read` fetches what those fields need.
      const managed = (
        keys ? Object.fromEntries(keys.filter((k) => k in all).map((k) => [k, all[k]])) : all
      ) as Partial<I>;
      const out = await withOperation(`read ${label(all.name ?? id)}`, () => def.read(client(), id, managed));
      if (!out) return {}; // blank id: the entity is gone; refresh drops it
      // Without the record (a state written before it existed), no inputs: the engine keeps the
      // recorded ones, which is honest; the next `up` writes the record.
      if (!keys) return { id, props: out };
      const inputs = refreshedInputs(def.fields, out, keys);
      return {
        id,
        props: withManaged(out, keys),
        // The instructions recorded with the fields keep their place in the inputs.
        inputs: {
          ...inputs,
          ...Object.fromEntries(
            ["adopt", DELETE_WHEN_REFERENCED].filter((k) => keys.includes(k)).map((k) => [k, true]),
          ),
        },
      };
    },

    async update(id, olds, raw) {
      held(id);
      const news = programInputs<I>(raw);
      const { changed } = changedFields(def, olds, news);
      // Again with every value known: a refused change whose new value was unknown at preview (an
      // output of another resource) is caught here, before any write.
      const old = recordedOutputs<O>(id, olds);
      if (changed.length) guard(old, news, changed);
      // Nothing but `deleteWhenReferenced` changed: no write, the read-back records it.
      if (changed.length)
        await withOperation(`update ${label(news.name)}`, () => def.update(client(), id, old, news, new Set(changed)));
      return { outs: withManaged(await readBack(id, news, news.name), recordedKeys(raw)) };
    },

    async delete(id, props) {
      held(id);
      await withOperation(`delete ${label(props?.name ?? id)}`, async () => {
        try {
          await refuseIfReferenced(id, props ?? {});
          // Said when it happens: a preview cannot, Pulumi does not ask the provider about deletes.
          const consequence = afterDeletion(def.kind, id, props ?? {});
          if (consequence) logLine(`warning: id ${JSON.stringify(id)} disappears: ${consequence}`);
          await def.delete(client(), id);
        } catch (err) {
          if (!(await isGone(err, client()))) throw err;
          // already gone (an entity 404, its collection confirmed)
        }
        // Gone now: no longer a referrer for this process's later reference checks.
        if (REFERRING[def.kind]) statsig(client()).gates.noteDeleted(REFERRING[def.kind], id);
      });
    },
  };
}
