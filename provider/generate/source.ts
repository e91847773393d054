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
 * - the overrides of each kind whose resource declares `overrides` (gates, experiments, layers,
 *   holdouts: `OVERRIDES_KINDS`, from the definitions' `fields`), at `GET /<collection>/{id}/overrides`:
 *   nothing in a list says whether an entity has any (the published `ExternalGateDto`,
 *   `ExternalExperimentDto`, `LayerDto`, `HoldoutDto` and the seed's shapes have no such field), so
 *   they are read only with `--overrides` (`ReadOptions.overrides`), one request per entity of those
 *   kinds. Without it, the program leaves them unmanaged (a resource reads its overrides only when
 *   the program sets them), and the generated file says so for gates. A service without a kind's
 *   endpoint (the seed spec has only the gates'): the resource's read would fail there, so that
 *   kind's overrides stay unmanaged, as without `--overrides`, with a note in the file, after one
 *   request (`readOverrides`).
 *
 * The client paces requests under the published budget like the provider does.
 */
import type { ConsoleClient } from "../client";
import { MissingEndpointError, NotFoundError } from "../client/errors";
import { seedParameters } from "../client/layers";
import { statsig } from "../client/statsig";
import { kindOfModule, type KindModule } from "../kinds";
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

/**
 * The kinds that have overrides: those whose definition has an `overrides` field (gates, layers,
 * experiments, holdouts), in registry order.
 */
export const OVERRIDES_KINDS: readonly Kind[] = REGISTRY.filter((k) => "overrides" in k.definition.fields).map(
  (k) => k.module,
);

/** The nouns of `OVERRIDES_KINDS` as a phrase: `gate, layer, experiment and holdout`. */
export const OVERRIDES_NOUNS = phrase(
  REGISTRY.filter((k) => OVERRIDES_KINDS.includes(k.module)).map((k) => k.definition.kind),
);

/** `a, b and c`. */
export function phrase(words: readonly string[]): string {
  return words.length < 2 ? words.join("") : `${words.slice(0, -1).join(", ")} and ${words[words.length - 1]}`;
}

/** What `readProject` reads beyond the lists. */
export interface ReadOptions {
  /**
   * Read the overrides of every entity of `OVERRIDES_KINDS` (`--overrides`): one request each.
   * Default: not read, left unmanaged.
   */
  overrides?: boolean;
}

/** Why gate overrides are not in the program (`ProjectSnapshot.unread`). */
export const OVERRIDES_UNREAD =
  "Gate overrides were not read (no list says which gates have any; reading them costs one request " +
  "per gate), so no gate here manages its overrides and whatever Statsig holds is kept. Run " +
  "`pulumi-statsig generate --overrides` to read and declare them.";

/** Whether an id-list segment's list must be read: its list item gives no count, or a count above 0. */
function hasIds(segment: ApiEntity): boolean {
  return typeof segment.count !== "number" || segment.count > 0;
}

/** Reads the whole project: each kind's list, then id lists and overrides where they exist or are asked for. */
export async function readProject(client: ConsoleClient, options: ReadOptions = {}): Promise<ProjectSnapshot> {
  const api = statsig(client);
  const snapshot = {} as ProjectSnapshot;
  for (const kind of KINDS) snapshot[kind] = (await api[kind].list()) as unknown as ApiEntity[];
  for (const s of snapshot.segments)
    if (s.type === "id_list") s.ids = hasIds(s) ? ((await api.segments.ids.get(s.id)).ids ?? []) : [];
  if (options.overrides) {
    const unread: string[] = [];
    for (const kind of OVERRIDES_KINDS) await readOverrides(client, kind, snapshot[kind], unread);
    if (unread.length) snapshot.unread = unread;
  } else if (snapshot.gates.length) snapshot.unread = [OVERRIDES_UNREAD];
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

/** The overrides endpoint of a kind of `OVERRIDES_KINDS` (`statsig(c).experiments.overrides`). */
function overridesOf(client: ConsoleClient, kind: Kind): { get(id: string): Promise<unknown> } {
  // Every kind of OVERRIDES_KINDS declares `overrides`, read by its provider from this module.
  return (statsig(client)[kind] as unknown as { overrides: { get(id: string): Promise<unknown> } }).overrides;
}

/**
 * Sets `overrides` on each entity of `kind` (one GET each), as the resource's read would record
 * them. An entity deleted meanwhile (Statsig's 404 for it) keeps none, as the read finds it gone.
 * A service without the endpoint (a 404 that is not an entity's) leaves the kind's overrides
 * unread, with a note, and is not asked again for that kind.
 */
async function readOverrides(client: ConsoleClient, kind: Kind, entities: ApiEntity[], unread: string[]) {
  const api = overridesOf(client, kind);
  for (const e of entities) {
    try {
      e.overrides = await api.get(e.id);
    } catch (err) {
      if (err instanceof NotFoundError) continue;
      if (!(err instanceof MissingEndpointError)) throw err;
      const noun = kindOfModule(kind).definition.kind;
      unread.push(
        `${noun[0].toUpperCase()}${noun.slice(1)} overrides were not read: the service answered \`GET ${err.path}\` ` +
          `with 404 (no such endpoint), so no ${noun} here manages its overrides and whatever Statsig holds is kept.`,
      );
      return;
    }
  }
}
