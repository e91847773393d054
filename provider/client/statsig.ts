/**
 * The typed Console API: `statsig(client).gates.list()` (every page), `.get(id)`,
 * `.create(body)`, `.update(id, body)`, `.delete(id)`, plus each entity's sub-resources
 * (`gates.rules`, `gates.overrides`, `gates.lifecycle`, `experiments.start`, `segments.ids`, ...).
 * Request and response types come from the seed spec, with the published API's extras
 * (`extras.ts`). Resources, generate and lookups call these modules, never raw paths.
 */
import type { ConsoleClient } from "./consoleClient";
import { Autotunes } from "./autotunes";
import { DynamicConfigs } from "./dynamicConfigs";
import { Experiments } from "./experiments";
import { Gates } from "./gates";
import { Holdouts } from "./holdouts";
import { Layers } from "./layers";
import { AuditLogs, Keys, Metrics, TargetApps, Users } from "./lists";
import { Segments } from "./segments";
import { Tags } from "./tags";

/**
 * Every module of the Console API, by its name in `statsig(client)`, and how it binds to a client:
 * the one list of modules (a managed kind names its module in the entity registry,
 * `provider/registry.ts`).
 */
const MODULES = {
  /** Feature gates. */
  gates: (c: ConsoleClient) => new Gates(c),
  /** Dynamic configs. */
  dynamicConfigs: (c: ConsoleClient) => new DynamicConfigs(c),
  /** Experiments. */
  experiments: (c: ConsoleClient) => new Experiments(c),
  /** Segments. */
  segments: (c: ConsoleClient) => new Segments(c),
  /** Layers. */
  layers: (c: ConsoleClient) => new Layers(c),
  /** Holdouts. */
  holdouts: (c: ConsoleClient) => new Holdouts(c),
  /** Tags. */
  tags: (c: ConsoleClient) => new Tags(c),
  /** Autotunes. */
  autotunes: (c: ConsoleClient) => new Autotunes(c),
  /** Metric definitions (read-only). */
  metrics: (c: ConsoleClient) => new Metrics(c, "/metrics"),
  /** Target apps (read-only). */
  targetApps: (c: ConsoleClient) => new TargetApps(c, "/target_apps"),
  /** API keys (read-only). */
  keys: (c: ConsoleClient) => new Keys(c, "/keys"),
  /** Users (read-only). */
  users: (c: ConsoleClient) => new Users(c, "/users"),
  /** Audit logs (read-only). */
  auditLogs: (c: ConsoleClient) => new AuditLogs(c, "/audit_logs"),
};

/**
 * Every module of the Console API, bound to one client (`MODULES`, each bound).
 *
 * @interface
 */
export type StatsigApi = { readonly [K in keyof typeof MODULES]: ReturnType<(typeof MODULES)[K]> };

/** Binds every module to `client`. */
function bind(client: ConsoleClient): StatsigApi {
  // Built key by key from MODULES, exactly as the type states.
  return Object.fromEntries(Object.entries(MODULES).map(([name, make]) => [name, make(client)])) as StatsigApi;
}

const bound = new WeakMap<ConsoleClient, StatsigApi>();

/** The typed API over `client` (one set of modules per client). */
export function statsig(client: ConsoleClient): StatsigApi {
  let api = bound.get(client);
  if (!api) bound.set(client, (api = bind(client)));
  return api;
}
