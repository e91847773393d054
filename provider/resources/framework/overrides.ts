/**
 * An entity's `overrides` (gates, experiments, layers, holdouts): not in the entity's body but at
 * `/<collection>/{id}/overrides`, so set after the create and whenever they change, and read only
 * when the program manages them (refresh then records them; unmanaged, they are never fetched).
 * Compared and recorded in their canonical form: every list present (`listsCanonical`).
 */
import type { ConsoleClient } from "../../client";
import { orNotFound } from "./calls";

/** The overrides endpoint of one collection (`statsig(c).gates.overrides`...). */
export interface OverridesEndpoint<T> {
  /** The entity's overrides. */
  get(id: string): Promise<T>;
  /** Replaces the entity's overrides. */
  set(id: string, overrides: T): Promise<unknown>;
}

/**
 * The calls of an entity's `overrides` field: `canonical` is the form compared and recorded (every
 * list present, as the service reports them), `sent` the body a change sends (the canonical form
 * unless the entity sends them as written).
 */
export function overridesCalls<T>(
  api: (c: ConsoleClient) => OverridesEndpoint<T>,
  canonical: (o: T) => T,
  sent: (o: T) => T = canonical,
) {
  return {
    /** After the create: the overrides the inputs set, if any. */
    async create(c: ConsoleClient, id: string, overrides: T | undefined): Promise<void> {
      if (overrides) await api(c).set(id, sent(overrides));
    },
    /** `out` with the overrides when `managed`; undefined when the entity is gone meanwhile. */
    async read<O extends object>(
      c: ConsoleClient,
      id: string,
      out: O | undefined,
      managed: boolean,
    ): Promise<O | (O & { overrides: T }) | undefined> {
      if (!out || !managed) return out;
      const o = await orNotFound(() => api(c).get(id));
      return o && { ...out, overrides: canonical(o) };
    },
    /** The new overrides, when they changed. */
    async update(c: ConsoleClient, id: string, changed: Set<string>, overrides: T | undefined): Promise<void> {
      if (changed.has("overrides") && overrides) await api(c).set(id, sent(overrides));
    },
  };
}

/**
 * The canonical form of an object of lists (an entity's overrides): every one of `lists` present,
 * `[]` when unset, as the service reports them. Anything but an object is left as it is.
 */
export function listsCanonical<T extends object>(lists: readonly (keyof T & string)[]) {
  function canonical(value: T): T;
  function canonical(value: unknown): unknown;
  function canonical(value: unknown): unknown {
    if (!value || typeof value !== "object") return value;
    const o = new Map(Object.entries(value));
    return Object.fromEntries(lists.map((l) => [l, o.get(l) ?? []]));
  }
  return canonical;
}
