/**
 * The provider factory: turns an `EntityDefinition` into the Pulumi provider object, with the
 * behaviour every entity shares.
 *
 * - `check` validates against the spec-derived schema plus the entity's own rules and reports
 *   every failure as `property: rule`, with no API call.
 * - `diff` is local (see `diff.ts`); an omitted optional input is unmanaged.
 * - `create` and `update` end by reading back (served from the write's own answer where that is
 *   the entity: see client/answers.ts), so outputs equal what `read` returns and the next
 *   refresh shows nothing. No create is lost (see `recovery.ts`): the entity's `afterCreate`
 *   follow-ups, the recovery of a failed or interrupted create, `adopt: true`.
 * - Every provider takes `project` (see `../project.ts`): `makeProvider` applies it.
 * - Outputs record which fields the program set (`managed.ts`), and `read` returns as inputs only
 *   those, at the service's values: refresh never adds unmanaged fields to the recorded inputs, so
 *   the CLI's `--diff` display names only fields that change.
 * - `read` turns Statsig's entity 404 into "gone" (blank id), so refresh drops an out-of-band
 *   deletion and the next `up` recreates it; `delete` counts it as done. Only when the collection
 *   confirms (`isGone`): a 404 from a wrong base URL or missing route fails, naming the URL.
 * - API errors are rethrown naming the action and the entity: `failed to update gate "x": ...`.
 */
import { ConsoleClient, isGone, statsig } from "../../client";
import { logLine } from "../../client/log";
import { getClient } from "../../settings";
import { clearCreate, createInFlightSince, recordCreateStarted } from "../inflight";
import { withProject } from "../project";
import { idFromName } from "../../spec";
import { EntityDefinition, EntityOutputs } from "./definition";
import { changedFields, validateInputs } from "./diff";
import { managedKeys, managedKeysOf, recordedOutputs, refreshedInputs, withManaged } from "./managed";
import { ChangeRefused, EntityProvider, UNKNOWN, programInputs } from "./protocol";
import { CreateRecovery, createEntity } from "./recovery";
import { withOperation } from "./operation";
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

/** What the provider's methods share: the definition, its client, and the helpers over them. */
interface Shared<I extends { name: string }, O extends EntityOutputs> {
  def: EntityDefinition<I, O>;
  client: () => ConsoleClient;
  /** `gate "x"`. */
  label: (name: unknown) => string;
  /** Whether a replacement must delete first. */
  deleteFirst: (olds: O, news: I) => boolean;
  recordedKeys: (raw: Record<string, unknown>) => string[];
  readBack: (id: string, managed: Partial<I>, name: unknown) => Promise<O>;
  guard: (olds: O, news: I, changed: string[]) => void;
  held: (id: string) => void;
  /** The key of `deleteWhenReferencedNow`: the entity in the project the client talks to. */
  noteKey: (id: string) => string;
  recovery: CreateRecovery<I, O>;
}

/** Builds the Pulumi provider of an entity from its definition, `project` included. */
export function makeProvider<I extends { name: string }, O extends EntityOutputs>(
  def: EntityDefinition<I, O>,
  client: () => ConsoleClient = getClient,
): EntityProvider {
  const s = shared(def, client);
  return withProject({
    check: check(s),
    diff: diff(s),
    create: create(s),
    read: read(s),
    update: update(s),
    delete: remove(s),
  });
}

function shared<I extends { name: string }, O extends EntityOutputs>(
  def: EntityDefinition<I, O>,
  client: () => ConsoleClient,
): Shared<I, O> {
  const label = (name: unknown) => `${def.kind} "${String(name)}"`;
  // A replacement deletes first when the new name derives the same id as the old one (a case-only
  // rename, or a replace-on-change field other than the name): the service refuses a second
  // entity with that id.
  const deleteFirst = (olds: O, news: I) => idFromName(olds.name ?? "") === idFromName(news.name);
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

  const noteKey = (id: string) => {
    try {
      return `${client().baseUrl} ${def.typeName} ${id}`;
    } catch {
      return `${def.typeName} ${id}`; // settings problems are reported by the calls that need them
    }
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

  const recovery = new CreateRecovery(def, client, { label, recordedKeys, readBack, guard });
  return { def, client, label, deleteFirst, recordedKeys, readBack, guard, held, noteKey, recovery };
}

/**
 * Before a delete: fails naming the entities that still refer to this one, unless the resource
 * sets `deleteWhenReferenced`. One request per references endpoint; referrers this run deleted
 * already are gone from the answers (Pulumi deletes a resource's dependents before it).
 */
async function refuseIfReferenced<I extends { name: string }, O extends EntityOutputs>(
  { def, client, label, noteKey }: Shared<I, O>,
  id: string,
  props: Record<string, unknown>,
): Promise<void> {
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
}

function check<I extends { name: string }, O extends EntityOutputs>({ def }: Shared<I, O>): EntityProvider["check"] {
  return async (_olds, news) => {
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
  };
}

function diff<I extends { name: string }, O extends EntityOutputs>(s: Shared<I, O>): EntityProvider["diff"] {
  const { def, deleteFirst, guard, held, noteKey } = s;
  return async (id, olds, news) => {
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
  };
}

function create<I extends { name: string }, O extends EntityOutputs>(s: Shared<I, O>): EntityProvider["create"] {
  const { def, client, label, recordedKeys, readBack, recovery } = s;
  return async (raw) => {
    const { adopt, ...rest } = programInputs<I & { adopt?: unknown }>(raw);
    const inputs = rest as unknown as I;
    const baseUrl = client().baseUrl;
    const derivedId = idFromName(inputs.name);
    if (adopt === true) {
      // See ../adopt.ts: an existing entity is taken over (only differing fields written), not created.
      const adopted = await recovery.adopt(raw, inputs, derivedId);
      if (adopted) return adopted;
    }
    // See inflight.ts: a record left by an interrupted create of this very entity, if any.
    const leftoverSince = createInFlightSince(baseUrl, def.typeName, derivedId);
    // A retry of an interrupted create keeps the first start: the entity may date from it.
    recordCreateStarted(baseUrl, def.typeName, derivedId, inputs.name, leftoverSince);
    let id: string;
    try {
      id = await withOperation(`create ${label(inputs.name)}`, () => createEntity(def, client(), inputs));
    } catch (err) {
      return recovery.afterFailedCreate(err, raw, inputs, { baseUrl, leftoverSince, adopt: adopt === true });
    }
    try {
      return { id, outs: withManaged(await readBack(id, inputs, inputs.name), recordedKeys(raw)) };
    } catch (err) {
      throw await recovery.initFailure(id, raw, inputs, err);
    }
  };
}

function read<I extends { name: string }, O extends EntityOutputs>(s: Shared<I, O>): EntityProvider["read"] {
  const { def, client, label, held } = s;
  return async (id, props) => {
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
        ...Object.fromEntries(["adopt", DELETE_WHEN_REFERENCED].filter((k) => keys.includes(k)).map((k) => [k, true])),
      },
    };
  };
}

function update<I extends { name: string }, O extends EntityOutputs>(s: Shared<I, O>): EntityProvider["update"] {
  const { def, client, label, recordedKeys, readBack, guard, held } = s;
  return async (id, olds, raw) => {
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
  };
}

function remove<I extends { name: string }, O extends EntityOutputs>(s: Shared<I, O>): EntityProvider["delete"] {
  const { def, client, label, held } = s;
  return async (id, props) => {
    held(id);
    await withOperation(`delete ${label(props?.name ?? id)}`, async () => {
      try {
        await refuseIfReferenced(s, id, props ?? {});
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
  };
}
