/**
 * The emulator's state behind a small API: `get`, `list`, `put`, `delete` and `mutate`, all
 * trading in copies. Handlers never hold a reference into the state, so a handler that throws
 * half-way (a 400 after some fields were set) leaves nothing changed, and a caller that keeps an
 * object it was given cannot change the state behind the server's back.
 *
 * Entities live in `Map`s keyed by collection and id: an id is any string a client sends, and
 * ids like `__proto__`, `constructor` or `toString` must be ordinary keys, never properties
 * inherited from `Object.prototype` (fuzzing found `PUT /gates/__proto__/launch` writing into
 * `Object.prototype` of the whole process when collections were plain objects).
 */
import { randomBytes } from "crypto";

/** Any stored entity: a JSON object with an id. */
export type Entity = Record<string, unknown> & {
  /** The entity's id (derived from its name by the service). */
  id: string;
};

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

/** The whole state as plain JSON: what `--data` writes and reads. */
export interface StateData {
  /** Entities by collection (`gates`, `dynamic_configs`, ...) and id, in insertion order. */
  collections: Record<string, Record<string, Entity>>;
  /** Side tables (gate overrides, segment id lists) by table and `<collection>/<id>`. */
  extras: Record<string, Record<string, unknown>>;
  /** Monotonic clock floor, so timestamps never go backwards after a restart. */
  lastTime: number;
  /** Audit log, oldest first (capped). */
  audit: AuditEntry[];
  /** Next audit entry number. */
  auditSeq: number;
}

/** A fresh, empty state. */
export function emptyState(): StateData {
  return { collections: {}, extras: {}, lastTime: 0, audit: [], auditSeq: 1 };
}

const copy = <T>(value: T): T => structuredClone(value);

/** A plain object from a Map, with every key an own property (`__proto__` included). */
function toRecord<V>(map: Map<string, V>, each: (v: V) => unknown = copy): Record<string, never> {
  const out = Object.create(null) as Record<string, unknown>;
  for (const [k, v] of map) out[k] = each(v);
  return out as Record<string, never>;
}

/** A Map from a plain (parsed) object: only its own keys, so nothing inherited sneaks in. */
function toMap<V>(record: Record<string, V> | undefined): Map<string, V> {
  return new Map(record ? Object.entries(record) : []);
}

/** The emulator's state. Every value going in or out is a copy. */
export class Store {
  private collections = new Map<string, Map<string, Entity>>();
  private extras = new Map<string, Map<string, unknown>>();
  private auditLog: AuditEntry[] = [];
  private auditSeq = 1;
  private lastTime = 0;
  private writes = 0;

  /**
   * A number that changes whenever an entity or side-table value is written (put, mutate, delete,
   * setExtra, reset): what is derived from the state (the SDK document) is cached against it.
   */
  get revision(): number {
    return this.writes;
  }

  /** Starts from a snapshot (loaded from disk) or empty. */
  constructor(snapshot?: StateData) {
    if (snapshot) this.restore(snapshot);
  }

  private collection(name: string): Map<string, Entity> {
    let c = this.collections.get(name);
    if (!c) this.collections.set(name, (c = new Map()));
    return c;
  }

  /** A copy of one entity, or undefined. */
  get(collection: string, id: string): Entity | undefined {
    const e = this.collections.get(collection)?.get(id);
    return e && copy(e);
  }

  /** Whether an entity exists. */
  has(collection: string, id: string): boolean {
    return !!this.collections.get(collection)?.has(id);
  }

  /** Copies of a collection's entities, in insertion order (those from `start` to before `end` only, when given). */
  list(collection: string, start = 0, end = Infinity): Entity[] {
    return [...(this.collections.get(collection)?.values() ?? [])].slice(start, end).map(copy);
  }

  /** How many entities a collection holds. */
  count(collection: string): number {
    return this.collections.get(collection)?.size ?? 0;
  }

  /** Inserts or replaces an entity (a copy is stored); returns a copy of what was stored. */
  put(collection: string, entity: Entity): Entity {
    const stored = copy(entity);
    this.collection(collection).set(stored.id, stored);
    this.writes++;
    return copy(stored);
  }

  /**
   * Changes one entity: `change` gets a copy (and may edit it in place or return a replacement);
   * only when it returns without throwing is the result stored. Undefined when there is no such
   * entity.
   */
  mutate(collection: string, id: string, change: (e: Entity) => Entity | void): Entity | undefined {
    const current = this.get(collection, id);
    if (!current) return undefined;
    const next = change(current) ?? current;
    return this.put(collection, { ...next, id });
  }

  /** Removes an entity and its side-table rows; true when it existed. */
  delete(collection: string, id: string): boolean {
    if (!this.collections.get(collection)?.delete(id)) return false;
    this.writes++;
    for (const table of this.extras.values()) table.delete(`${collection}/${id}`);
    return true;
  }

  /** A copy of a side-table value (e.g. `extra("overrides", "gates", id)`). */
  extra<T>(table: string, collection: string, id: string): T | undefined {
    const v = this.extras.get(table)?.get(`${collection}/${id}`);
    return v === undefined ? undefined : (copy(v) as T);
  }

  /** Sets a side-table value (a copy is stored). */
  setExtra(table: string, collection: string, id: string, value: unknown): void {
    let t = this.extras.get(table);
    if (!t) this.extras.set(table, (t = new Map()));
    t.set(`${collection}/${id}`, copy(value));
    this.writes++;
  }

  /** Appends an audit entry (numbered here), keeping at most `limit` entries. */
  appendAudit(entry: Omit<AuditEntry, "id">, limit: number): void {
    this.auditLog.push({ id: `audit_${this.auditSeq++}`, ...copy(entry) });
    if (this.auditLog.length > limit) this.auditLog.splice(0, this.auditLog.length - limit);
  }

  /** Copies of the audit entries, oldest first. */
  audit(): AuditEntry[] {
    return copy(this.auditLog);
  }

  /** A strictly increasing epoch-ms timestamp (never behind one handed out before a restart). */
  now(): number {
    const t = Math.max(Date.now(), this.lastTime + 1);
    this.lastTime = t;
    return t;
  }

  /** Empties everything. */
  reset(): void {
    this.restore(emptyState());
  }

  /** The whole state as plain JSON (for `--data`). */
  snapshot(): StateData {
    const collections = Object.create(null) as Record<string, Record<string, Entity>>;
    for (const [name, c] of this.collections) collections[name] = toRecord(c);
    const extras = Object.create(null) as Record<string, Record<string, unknown>>;
    for (const [name, t] of this.extras) extras[name] = toRecord(t);
    return { collections, extras, lastTime: this.lastTime, audit: copy(this.auditLog), auditSeq: this.auditSeq };
  }

  private restore(s: StateData): void {
    this.writes++;
    this.collections = new Map(Object.entries(s.collections ?? {}).map(([k, v]) => [k, toMap(copy(v))]));
    this.extras = new Map(Object.entries(s.extras ?? {}).map(([k, v]) => [k, toMap(copy(v))]));
    this.auditLog = copy(s.audit ?? []);
    this.auditSeq = s.auditSeq ?? 1;
    this.lastTime = s.lastTime ?? 0;
  }
}

/** A random id in the style of Statsig's server-assigned ids (rule ids). */
export function randomId(prefix = ""): string {
  return prefix + randomBytes(9).toString("base64url");
}
