/**
 * The provider factory: turns an `EntityDefinition` into the Pulumi provider object, with the
 * behaviour every entity shares.
 *
 * - `check` validates against the spec-derived schema plus the entity's own rules and reports
 *   every failure as `property: rule`, with no API call.
 * - `diff` is local (see `diff.ts`); an omitted optional input is unmanaged.
 * - `create` and `update` end by reading back, so outputs equal what `read` returns and the next
 *   refresh shows nothing. A create whose follow-up calls fail is recorded as a partially created
 *   resource (Pulumi's "init failed" error, `ResourceInitError`) instead of being lost.
 * - `read` turns Statsig's entity 404 into "gone" (blank id), so refresh drops an out-of-band
 *   deletion and the next `up` recreates it; `delete` counts it as done. Only when the collection
 *   confirms (`isGone`): a 404 from a wrong base URL or missing route fails, naming the URL.
 * - API errors are rethrown naming the action and the entity: `failed to update gate "x": ...`.
 */
import { ConsoleClient, StatsigApiError, isGone, withLogContext } from "../../client";
import { getClient } from "../../settings";
import { idFromName } from "../../spec";
import { EntityDefinition, EntityOutputs, FieldRule, PartialCreateError } from "./definition";
import { changedFields, validateInputs } from "./diff";
import { EntityProvider, ResourceInitError, programInputs } from "./protocol";

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
  const recorded = (olds: Record<string, unknown>) => olds as O;

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
    const { changed } = changedFields(def, existing, inputs);
    await withOperation(`create ${label(inputs.name)}`, () =>
      def.update(client(), id, existing, inputs, new Set(changed)),
    );
    return { id, outs: await readBack(id, inputs, inputs.name) };
  };

  /** The entity exists but a follow-up call failed: the init-failed error that records it. */
  const initFailure = async (err: PartialCreateError, inputs: I) => {
    const cause =
      err.cause instanceof StatsigApiError ? err.cause.withOperation(`create ${label(inputs.name)}`) : err.cause;
    let properties: object = { ...inputs, id: err.id };
    try {
      properties = { ...((await def.read(client(), err.id, inputs)) ?? properties) };
    } catch {
      // Keep the inputs as the best record; the next refresh corrects them.
    }
    return new ResourceInitError(err.id, properties, cause);
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
      const inputs = programInputs<I>(news);
      const { changed, unknown } = changedFields(def, olds, inputs);
      const replaces = changed.filter((f) => def.fields[f as keyof I & string]?.replace);
      // Thrown here, the refusal fails the preview before anything is touched.
      if (changed.length && def.guardChanges) def.guardChanges(recorded(olds), inputs, changed);
      const known = !replaces.some((f) => unknown.includes(f));
      return {
        changes: changed.length > 0,
        replaces,
        deleteBeforeReplace: replaces.length > 0 && known && deleteFirst(recorded(olds), inputs),
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
        // Recorded, the next `up` updates the entity instead of creating a duplicate the service
        // would reject.
        throw await initFailure(err, inputs);
      }
      const outs = await readBack(id, inputs, inputs.name);
      return { id, outs };
    },

    async read(id, props) {
      const managed = programInputs<Partial<I>>(props ?? {});
      const out = await withOperation(`read ${label(managed.name ?? id)}`, () => def.read(client(), id, managed));
      if (!out) return {}; // blank id: the entity is gone; refresh drops it
      const values = new Map(Object.entries(out));
      const inputs: Record<string, unknown> = {};
      for (const [f, rule] of Object.entries<FieldRule>(def.fields)) {
        const v = values.get(f);
        if (v !== undefined && v !== null) inputs[f] = rule.asInput ? rule.asInput(v) : v;
      }
      return { id, props: out, inputs };
    },

    async update(id, olds, raw) {
      const news = programInputs<I>(raw);
      const { changed } = changedFields(def, olds, news);
      await withOperation(`update ${label(news.name)}`, () =>
        def.update(client(), id, recorded(olds), news, new Set(changed)),
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
