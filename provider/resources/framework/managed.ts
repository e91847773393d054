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

/** The output key holding the sorted names of the fields the program set. */
export const MANAGED_KEY = "__managed";

/** The fields of `fields` that `inputs` sets (not undefined or null), sorted. */
export function managedKeys(fields: Record<string, FieldRule>, inputs: object): string[] {
  const set = new Map(Object.entries(inputs));
  return Object.keys(fields)
    .filter((f) => set.get(f) !== undefined && set.get(f) !== null)
    .sort();
}

/** `outs` with the record of managed fields. */
export function withManaged<T extends object>(outs: T, keys: readonly string[]): T & { [MANAGED_KEY]: string[] } {
  return { ...outs, [MANAGED_KEY]: [...keys] };
}

/** The record of managed fields in recorded outputs, or undefined in a state written before it. */
export function managedKeysOf(props: Record<string, unknown>): string[] | undefined {
  const keys = props[MANAGED_KEY];
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
