/**
 * What `generate` reads: every entity of a Statsig project, through the Console API, in pages.
 *
 * Each kind has its own list endpoint on the real service, and the list items are whole entities
 * (the published spec's list answers carry the same DTOs as the single reads), so a project of N
 * entities of a kind costs ⌈N/100⌉ requests. Only two things no list returns need a request per
 * entity, and both are read only where they exist or where the user asks (issue 19):
 *
 * - a segment's id list (`GET /segments/{id}/id_list`): the published `SegmentDto` in the list
 *   answer carries `count`, "for id_list segments: the length of the ID list", so an id-list
 *   segment whose count is 0 is declared with no ids and no request. Without a count (the seed's
 *   shape), the list is read.
 * - a gate's overrides (`GET /gates/{id}/overrides`): nothing in the gate list says whether a gate
 *   has any (the published `ExternalGateDto` and the seed's `Gate` have no such field), so they are
 *   read only with `--overrides` (`ReadOptions.overrides`). Without it, the program leaves every
 *   gate's overrides unmanaged (the gate resource reads them only when the program sets them), and
 *   the generated file says so.
 *
 * The client paces requests under the published budget like the provider does.
 */
import { ConsoleClient } from "../client";
import { seedParameters } from "../client/layers";
import { statsig } from "../client/statsig";
import type { KindModule } from "../kinds";
import { REGISTRY } from "../registry";

/** One entity as the API returns it (plain JSON). */
export type ApiEntity = Record<string, unknown> & { id: string };

/**
 * The entity kinds `generate` declares (the registry's modules), in the order the program declares
 * them when nothing else decides.
 */
export const KINDS: readonly Kind[] = REGISTRY.map((k) => k.module);

/** One of `KINDS` (also the name of its module in `statsig(client)`). */
export type Kind = KindModule;

/**
 * Every entity of a project, per kind, and what was not read (said in the generated file).
 *
 * @interface
 */
export type ProjectSnapshot = Record<Kind, ApiEntity[]> & {
  /** Sentences saying what the program leaves unmanaged because it was not read. */
  unread?: string[];
};

/** What `readProject` reads beyond the lists. */
export interface ReadOptions {
  /** Read every gate's overrides (`--overrides`): one request per gate. Default: not read, left unmanaged. */
  overrides?: boolean;
}

/** Why gate overrides are not in the program (`ProjectSnapshot.unread`). */
export const OVERRIDES_UNREAD =
  "Gate overrides were not read (no list says which gates have any; reading them costs one request " +
  "per gate), so no gate here manages its overrides and whatever Statsig holds is kept. Run " +
  "`pulumi-statsig generate --overrides` to read and declare them.";

/** Whether an id-list segment's list must be read: its list item gives no count, or a count above 0. */
export function hasIds(segment: ApiEntity): boolean {
  return typeof segment.count !== "number" || segment.count > 0;
}

/** Reads the whole project: each kind's list, then id lists and overrides where they exist or are asked for. */
export async function readProject(client: ConsoleClient, options: ReadOptions = {}): Promise<ProjectSnapshot> {
  const api = statsig(client);
  const snapshot = {} as ProjectSnapshot;
  for (const kind of KINDS) snapshot[kind] = (await api[kind].list()) as unknown as ApiEntity[];
  for (const s of snapshot.segments)
    if (s.type === "id_list") s.ids = hasIds(s) ? ((await api.segments.ids.get(s.id)).ids ?? []) : [];
  if (options.overrides) for (const g of snapshot.gates) g.overrides = await api.gates.overrides.get(g.id);
  else if (snapshot.gates.length) snapshot.unread = [OVERRIDES_UNREAD];
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
