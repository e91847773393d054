/**
 * The emulator's state: plain JSON (so it can be persisted as is), one collection per entity type,
 * insertion-ordered, plus the counters that make generated ids unique across restarts.
 */
import { randomBytes } from "crypto";

/** Any stored entity: a JSON object with an id. */
export type Entity = Record<string, unknown> & {
  /** The entity's id (derived from its name by the service). */
  id: string;
};

/** The whole persisted state. */
export interface StateData {
  /** Entities by collection name (`gates`, `dynamic_configs`, ...) and id, in insertion order. */
  collections: Record<string, Record<string, Entity>>;
  /** Side tables keyed like collections (gate overrides, segment id lists...). */
  extras: Record<string, Record<string, unknown>>;
  /** Monotonic clock floor, so timestamps never go backwards after a restart. */
  lastTime: number;
  /** Audit log, oldest first, one entry per mutation served (capped). */
  audit: AuditEntry[];
  /** Next audit entry number. */
  auditSeq: number;
}

/** One audit log entry (the spec's `AuditLogEntry`). */
export interface AuditEntry {
  /** The entry's id. */
  id: string;
  /** When the change was made, in milliseconds since the epoch. */
  timestamp: number;
  /** Who acted: the acting key's label, never the key. */
  user: {
    /** The acting key's label. */
    name: string;
    /** A fixed placeholder address (`console-api@emulator.local`). */
    email: string;
  };
  /** What was done: `create`, `update`, `delete`, or a sub-resource verb such as `enable`, `rules.update`, `add_ids`. */
  action: string;
  /** The entity's kind, e.g. `gate`. */
  entityType: string;
  /** The entity's name. */
  entityName: string;
  /** The request body (a non-object body as `{ value }`). */
  changes: Record<string, unknown>;
}

/** A fresh, empty state. */
export function emptyState(): StateData {
  return { collections: {}, extras: {}, lastTime: 0, audit: [], auditSeq: 1 };
}

/** Helpers over `StateData`. */
export class Store {
  /** Wraps existing data (loaded from disk) or starts empty. */
  constructor(
    /** The state this store reads and mutates (persisted as it is). */
    public data: StateData = emptyState(),
  ) {}

  /** The collection's entities, created on first use. */
  collection(name: string): Record<string, Entity> {
    return (this.data.collections[name] ??= {});
  }

  /** All entities of a collection in insertion order. */
  list(name: string): Entity[] {
    return Object.values(this.collection(name));
  }

  /** One entity, or undefined. */
  get(name: string, id: string): Entity | undefined {
    return this.collection(name)[id];
  }

  /** Inserts or replaces an entity. */
  put(name: string, entity: Entity): Entity {
    this.collection(name)[entity.id] = entity;
    return entity;
  }

  /** Removes an entity (and its side tables); true when it existed. */
  remove(name: string, id: string): boolean {
    const c = this.collection(name);
    if (!(id in c)) return false;
    delete c[id];
    for (const extra of Object.values(this.data.extras)) delete extra[`${name}/${id}`];
    return true;
  }

  /** A side-table value (e.g. `extra("overrides", "gates", id)`). */
  extra<T>(table: string, collection: string, id: string): T | undefined {
    return (this.data.extras[table] ?? {})[`${collection}/${id}`] as T | undefined;
  }

  /** Sets a side-table value. */
  setExtra(table: string, collection: string, id: string, value: unknown): void {
    (this.data.extras[table] ??= {})[`${collection}/${id}`] = value;
  }

  /** A strictly increasing epoch-ms timestamp. */
  now(): number {
    const t = Math.max(Date.now(), this.data.lastTime + 1);
    this.data.lastTime = t;
    return t;
  }

  /** Empties everything. */
  reset(): void {
    this.data = emptyState();
  }
}

/** A random id in the style of Statsig's server-assigned ids (rule ids, key ids). */
export function randomId(prefix = ""): string {
  return prefix + randomBytes(9).toString("base64url");
}
