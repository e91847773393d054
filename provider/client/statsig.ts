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

/** Every module of the Console API, bound to one client. */
export class StatsigApi {
  /** Feature gates. */
  readonly gates: Gates;
  /** Dynamic configs. */
  readonly dynamicConfigs: DynamicConfigs;
  /** Experiments. */
  readonly experiments: Experiments;
  /** Segments. */
  readonly segments: Segments;
  /** Layers. */
  readonly layers: Layers;
  /** Holdouts. */
  readonly holdouts: Holdouts;
  /** Tags. */
  readonly tags: Tags;
  /** Autotunes. */
  readonly autotunes: Autotunes;
  /** Metric definitions (read-only). */
  readonly metrics: Metrics;
  /** Target apps (read-only). */
  readonly targetApps: TargetApps;
  /** API keys (read-only). */
  readonly keys: Keys;
  /** Users (read-only). */
  readonly users: Users;
  /** Audit logs (read-only). */
  readonly auditLogs: AuditLogs;

  /** Binds every module to `client`. */
  constructor(client: ConsoleClient) {
    this.gates = new Gates(client);
    this.dynamicConfigs = new DynamicConfigs(client);
    this.experiments = new Experiments(client);
    this.segments = new Segments(client);
    this.layers = new Layers(client);
    this.holdouts = new Holdouts(client);
    this.tags = new Tags(client);
    this.autotunes = new Autotunes(client);
    this.metrics = new Metrics(client, "/metrics");
    this.targetApps = new TargetApps(client, "/target_apps");
    this.keys = new Keys(client, "/keys");
    this.users = new Users(client, "/users");
    this.auditLogs = new AuditLogs(client, "/audit_logs");
  }
}

const bound = new WeakMap<ConsoleClient, StatsigApi>();

/** The typed API over `client` (one set of modules per client). */
export function statsig(client: ConsoleClient): StatsigApi {
  let api = bound.get(client);
  if (!api) bound.set(client, (api = new StatsigApi(client)));
  return api;
}
