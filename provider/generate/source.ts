/**
 * What `generate` reads: every entity of a Statsig project, through the Console API, all pages.
 *
 * Each kind has its own list endpoint on the real service; the list items are whole entities, so
 * the only per-entity requests are a segment's id list (`GET /segments/{id}/id_list`, id-list
 * segments only) and a gate's overrides (`GET /gates/{id}/overrides`), which no list returns.
 * The client paces requests under the published budget like the provider does.
 */
import { ConsoleClient } from "../client";
import { seedParameters } from "../client/layers";
import { statsig } from "../client/statsig";

/** One entity as the API returns it (plain JSON). */
export type ApiEntity = Record<string, unknown> & { id: string };

/** The entity kinds `generate` declares, in the order the program declares them when nothing else decides. */
export const KINDS = [
  "tags",
  "segments",
  "gates",
  "dynamicConfigs",
  "layers",
  "experiments",
  "holdouts",
  "autotunes",
] as const;

/** One of `KINDS` (also the name of its module in `statsig(client)`). */
export type Kind = (typeof KINDS)[number];

/** Every entity of a project, per kind. */
export type ProjectSnapshot = Record<Kind, ApiEntity[]>;

/** Reads the whole project: each kind's list, then id lists and overrides where they exist. */
export async function readProject(client: ConsoleClient): Promise<ProjectSnapshot> {
  const api = statsig(client);
  const snapshot = {} as ProjectSnapshot;
  for (const kind of KINDS) snapshot[kind] = (await api[kind].list()) as unknown as ApiEntity[];
  for (const s of snapshot.segments) if (s.type === "id_list") s.ids = (await api.segments.ids.get(s.id)).ids ?? [];
  for (const g of snapshot.gates) g.overrides = await api.gates.overrides.get(g.id);
  // The published API lists a layer's parameters as `{ name, type, defaultValue }`; programs declare the seed's object.
  snapshot.layers = snapshot.layers.map((l) => seedParameters(l as ApiEntity & { parameters?: unknown }));
  // The program names a decided experiment's launched group by its name (ids are the service's).
  for (const e of snapshot.experiments) {
    const groups = Array.isArray(e.groups) ? (e.groups as { id?: unknown; name?: unknown }[]) : [];
    const launched = e.launchedGroupID ? groups.find((g) => g.id === e.launchedGroupID)?.name : undefined;
    if (typeof launched === "string") e.launchedGroup = launched;
  }
  return snapshot;
}
