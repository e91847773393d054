/**
 * Which fields the program manages, recorded with the outputs so that `read` can limit the inputs
 * it returns to them.
 *
 * Why a record: refresh's recorded inputs are whatever `read` returns as `inputs`, and the CLI's
 * `--diff` display compares recorded inputs with the program's. Returning every field the service
 * reports (`status`, `tags: []`, `targetApps: []`) makes each later preview list them as removed.
 * The engine does send the old inputs with a read, but the Node dynamic provider host (3.248)
 * passes only the old outputs to `read(id, props)`, so the outputs have to say what was managed.
 * Keys starting with `__` are internal to Pulumi (`IsInternalPropertyKey`): never displayed.
 */
import type { FieldRule } from "./definition";

/**
 * The output key holding the sorted names of the fields the program set, comma-separated (one
 * string rather than a list: `pulumi stack export` prints a list one element per line, and this
 * record is in every resource's state).
 */
export const MANAGED_KEY = "__managed";

/** The fields of `fields` that `inputs` sets (not undefined or null), sorted. */
export function managedKeys(fields: Record<string, FieldRule>, inputs: object): string[] {
  const set = new Map(Object.entries(inputs));
  return Object.keys(fields)
    .filter((f) => set.get(f) !== undefined && set.get(f) !== null)
    .sort();
}

/**
 * `outs` as recorded: with the record of managed fields, and without `id`, which the engine keeps
 * as the resource's id already (the class's `id` output is that one; `recordedOutputs` puts it back
 * for the provider's own use).
 */
export function withManaged<T extends object>(
  outs: T,
  keys: readonly string[],
): Omit<T, "id"> & { [MANAGED_KEY]: string } {
  const { id: _id, ...rest } = outs as T & { id?: unknown };
  return { ...rest, [MANAGED_KEY]: keys.join(",") };
}

/** Recorded outputs as the entity they describe: `id` (left out of the record) put back. */
export function recordedOutputs<O>(id: string, props: Record<string, unknown>): O {
  return { ...props, id } as O;
}

/**
 * The record of managed fields in recorded outputs, or undefined in a state written before it.
 * States written by 0.1.0 before the record became a string hold a list.
 */
export function managedKeysOf(props: Record<string, unknown>): string[] | undefined {
  const keys = props[MANAGED_KEY];
  if (typeof keys === "string") return keys ? keys.split(",") : [];
  return Array.isArray(keys) && keys.every((k) => typeof k === "string") ? keys : undefined;
}

/**
 * The inputs refresh records: the managed fields only, at the values the service now holds (so
 * drift shows as a change of that field), in input form (`asInput`: rule ids dropped). A managed
 * field the service no longer reports is left out, and the next preview shows it being set.
 */
export function refreshedInputs(
  fields: Record<string, FieldRule>,
  out: object,
  keys: readonly string[],
): Record<string, unknown> {
  const values = new Map(Object.entries(out));
  const rules = new Map(Object.entries(fields));
  const inputs: Record<string, unknown> = {};
  for (const f of keys) {
    const rule = rules.get(f);
    const v = values.get(f);
    if (!rule || v === undefined || v === null) continue;
    inputs[f] = rule.asInput ? rule.asInput(v) : v;
  }
  return inputs;
}
