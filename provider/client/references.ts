/**
 * Who refers to a gate, asked before deleting it (issue 17, item 2), at a cost the rate budget can
 * carry.
 *
 * The published API answers it per gate: `GET /gates/{id}/gate_references`,
 * `/experiment_references` and `/dynamic_config_references`, three requests. A `destroy` of 500
 * gates would add 1,500 requests to its 500 DELETEs (Statsig allows about 900 per 15 min). So, as
 * the batched reads do (batch.ts), the checks of one process switch to the lists once they are
 * many:
 *
 * - The first `MIN_BATCH - 1` checks ask the three endpoints (a stack deleting a gate or two pays
 *   three requests each, whatever the project holds).
 * - From the `MIN_BATCH`th, the first page of `/gates`, `/experiments` and `/dynamic_configs` is
 *   fetched; the rest of the pages only when they are no more than three per check asked so far
 *   (else the endpoints again, until enough checks make the lists pay). The referrers are then
 *   read off the lists: the gates and dynamic configs whose rules have a `passes_gate` or
 *   `fails_gate` condition on the gate, and the experiments it targets (what the endpoints list).
 * - The lists are a snapshot. An entity this process deleted since is no referrer (Pulumi deletes a
 *   resource's dependents before it, so in a `destroy` most referrers are gone by then). One this
 *   process otherwise wrote since may have stopped referring (the update that points it at a
 *   renamed gate): that gate's check asks the endpoints. The snapshot serves for `TTL_MS`.
 */
import type { ConsoleClient } from "./consoleClient";
import { entityPath } from "./paths";

/** Checks in one process before the lists are worth fetching. */
export const MIN_BATCH = 4;
/** How long fetched lists serve checks. */
export const TTL_MS = 60_000;

/** An entity as the lists and the references endpoints return it. */
type Listed = { id: string; name?: string; rules?: unknown; targetingGateID?: unknown };

/** The entities that refer to a gate (the first page of each endpoint, or read off the lists). */
export interface GateReferences {
  /** Gates whose rules have a `passes_gate`/`fails_gate` condition on it. */
  gates: { id: string; name?: string }[];
  /** Experiments that refer to it (their targeting gate). */
  experiments: { id: string; name?: string }[];
  /** Dynamic configs whose rules refer to it. */
  dynamicConfigs: { id: string; name?: string }[];
  /** How many there are in all, when the answers say (more than the first pages hold). */
  total: number;
}

const COLLECTIONS = { gates: "/gates", experiments: "/experiments", dynamicConfigs: "/dynamic_configs" } as const;
type Collection = keyof typeof COLLECTIONS;

/** The three lists, complete, with when their fetch began. */
interface Snapshot {
  startedAt: number;
  lists: Record<Collection, Listed[]>;
}

/** Whether one of the entity's rules has a gate condition naming gate `id`. */
function rulesReferTo(e: Listed, id: string): boolean {
  if (!Array.isArray(e.rules)) return false;
  return e.rules.some((r: { conditions?: unknown }) =>
    (Array.isArray(r?.conditions) ? r.conditions : []).some((c: { type?: unknown; targetValue?: unknown }) => {
      if (c?.type !== "passes_gate" && c?.type !== "fails_gate") return false;
      return Array.isArray(c.targetValue) ? c.targetValue.includes(id) : c.targetValue === id;
    }),
  );
}

/** The reference checks of gates made through one client. */
export class GateReferenceChecks {
  private asked = 0;
  /** Checks asked when the lists were last found too long to pay (0: never). */
  private tooLongAt = 0;
  private snapshot: Snapshot | undefined;
  private fetching: Promise<void> | undefined;
  /** Entities (`/gates/<encoded id>`) this process deleted. */
  private readonly deleted = new Set<string>();

  /** Checks through `client`; `now` is injectable for tests. */
  constructor(
    private readonly client: ConsoleClient,
    private readonly now: () => number = Date.now,
  ) {}

  /** Records that this process deleted the entity at `/<collection>/<id>` (its checks skip it). */
  noteDeleted(collection: string, id: string): void {
    this.deleted.add(entityPath(collection, id));
  }

  /** Who refers to gate `id`: read off the lists when they pay, else the three endpoints. */
  async referrers(id: string): Promise<GateReferences> {
    this.asked++;
    if (this.snapshot && this.now() - this.snapshot.startedAt > TTL_MS) this.snapshot = undefined;
    if (!this.snapshot && this.asked >= MIN_BATCH && this.asked >= 2 * this.tooLongAt) {
      this.fetching ??= this.fetchLists().finally(() => (this.fetching = undefined));
      try {
        await this.fetching;
      } catch {
        // The lists failed: this check asks the endpoints, whose errors the caller handles.
      }
    }
    const snap = this.snapshot;
    return (snap && this.fromLists(snap, id)) ?? this.fromEndpoints(id);
  }

  /** The referrers read off the lists; undefined when one of them was written since (ask instead). */
  private fromLists(snap: Snapshot, id: string): GateReferences | undefined {
    const out: GateReferences = { gates: [], experiments: [], dynamicConfigs: [], total: 0 };
    for (const [key, collection] of Object.entries(COLLECTIONS) as [Collection, string][]) {
      for (const e of snap.lists[key]) {
        if (key === "gates" && e.id === id) continue;
        const refers = rulesReferTo(e, id) || (key === "experiments" && e.targetingGateID === id);
        if (!refers) continue;
        const path = entityPath(collection, e.id);
        if (this.deleted.has(path)) continue;
        const written = this.client.answers.lastWrite(path);
        if (written !== undefined && written >= snap.startedAt) return undefined;
        out[key].push({ id: e.id, name: e.name });
        out.total++;
      }
    }
    return out;
  }

  /** Fetches the three lists when their pages are no more than three per check asked. */
  private async fetchLists(): Promise<void> {
    const startedAt = this.now();
    const keys = Object.keys(COLLECTIONS) as Collection[];
    const firsts = await Promise.all(keys.map((k) => this.client.page<Listed>(COLLECTIONS[k], 1)));
    const size = this.client.pageSize;
    const pagesLeft = firsts.reduce(
      (n, p) => n + (p.last ? 0 : p.total !== undefined ? Math.max(0, Math.ceil(p.total / size) - 1) : Infinity),
      0,
    );
    if (pagesLeft > 3 * this.asked) {
      this.tooLongAt = this.asked;
      return;
    }
    const lists = {} as Record<Collection, Listed[]>;
    for (const [i, k] of keys.entries()) {
      lists[k] = [...firsts[i].items];
      if (!firsts[i].last)
        for await (const items of this.client.pages<Listed>(COLLECTIONS[k], 2)) lists[k].push(...items);
    }
    this.snapshot = { startedAt, lists };
  }

  /** The three published references endpoints, one request each, first page only. */
  private async fromEndpoints(id: string): Promise<GateReferences> {
    const [gates, experiments, dynamicConfigs] = await Promise.all(
      ["gate_references", "experiment_references", "dynamic_config_references"].map((sub) =>
        this.client.page<Listed>(entityPath(COLLECTIONS.gates, id, sub), 1),
      ),
    );
    const total = [gates, experiments, dynamicConfigs].reduce((n, p) => n + (p.total ?? p.items.length), 0);
    const brief = (l: Listed[]) => l.map((e) => ({ id: e.id, name: e.name }));
    return {
      gates: brief(gates.items),
      experiments: brief(experiments.items),
      dynamicConfigs: brief(dynamicConfigs.items),
      total,
    };
  }
}
