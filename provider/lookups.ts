/**
 * Lookups for programs, Pulumi style: `getX(args, opts?)` resolves to a plain object,
 * `getXOutput(args, opts?)` is the same as an `Output` (its arguments may be outputs).
 *
 * ```ts
 * import * as statsig from "pulumi-statsig";
 * const checkout = statsig.getGateOutput({ id: "new_checkout" });
 * export const checkoutRules = checkout.rules;
 * export const metrics = statsig.listMetrics().then((ms) => ms.map((m) => m.id));
 * ```
 *
 * They run in the program's process, read the same settings as the resources (stack config
 * `statsig:*`, else the `STATSIG_*` environment variables) at call time, and return only what the
 * Console API answers, so the key is never part of a result (and so never of state or outputs).
 * `listKeys` returns keys masked as the API returns them. A missing entity is an error naming it.
 * Every lookup takes `project` to read another project of `statsig:projects`.
 * Lookups call the API during `pulumi preview` too, like any Pulumi invoke.
 */
import * as pulumi from "@pulumi/pulumi";
import { ConsoleClient, StatsigApiError } from "./client";
import { NotFoundError } from "./client/errors";
import type {
  ApiKey,
  AuditLogEntry,
  Autotune,
  DynamicConfig,
  Experiment,
  Gate,
  Holdout,
  Layer,
  Metric as MetricDefinition,
  Segment,
  Tag,
  TargetApp,
  User,
} from "./client/extras";
import { seedParameters } from "./client/layers";
import { StatsigApi, statsig } from "./client/statsig";
import { CONFIG_KEYS, configure, getClient, inProject } from "./settings";

export type {
  ApiKey,
  AuditLogEntry,
  Autotune as AutotuneResult,
  DynamicConfig as DynamicConfigResult,
  Experiment as ExperimentResult,
  Gate as GateResult,
  Holdout as HoldoutResult,
  Layer as LayerResult,
  Metric as MetricDefinition,
  Segment as SegmentResult,
  Tag as TagResult,
  TargetApp,
  User,
} from "./client/extras";

/** Arguments of the list lookups. */
export interface ListArgs {
  /** The Statsig project to read: a name defined in `statsig:projects`. Default: `statsig:consoleApiKey`'s. */
  project?: string;
}

/** Arguments of the lookups by id. */
export interface LookupByIdArgs extends ListArgs {
  /** The entity's id (for entities named in the console: the name lowercased, spaces as `_`). */
  id: string;
}

/** `LookupByIdArgs` whose values may be outputs (for example another resource's `id`). */
export interface LookupByIdOutputArgs {
  /** The entity's id. */
  id: pulumi.Input<string>;
  /** The Statsig project to read (see `ListArgs.project`). */
  project?: pulumi.Input<string>;
}

/**
 * The client for lookups: the program's stack config (when running under Pulumi) layered over the
 * environment, exactly as the provider's `configure` does in the provider process.
 */
async function client(project: string | undefined): Promise<ConsoleClient> {
  const values: Record<string, string | undefined> = {};
  for (const key of Object.values(CONFIG_KEYS)) values[key] = pulumi.runtime.getConfig(key);
  await configure({ config: { get: (k: string) => values[k] } } as unknown as pulumi.dynamic.ConfigureRequest);
  return inProject(project, getClient);
}

/** Reads one entity; a 404 becomes an error that names the entity and where it was looked for. */
async function byId<R>(
  kind: string,
  fn: string,
  args: LookupByIdArgs,
  get: (api: StatsigApi, id: string) => Promise<R>,
): Promise<R> {
  const id = args?.id;
  if (typeof id !== "string" || id === "") throw new Error(`${fn}: id is required (the ${kind}'s id)`);
  const c = await client(args.project);
  try {
    return await get(statsig(c), id);
  } catch (err) {
    if (err instanceof NotFoundError)
      throw new Error(`${fn}: ${kind} "${id}" does not exist in the Statsig project at ${c.baseUrl} (${err.message})`);
    throw err instanceof StatsigApiError ? err.withOperation(`look up ${kind} "${id}"`) : err;
  }
}

/** Reads every page of a list. */
async function all<R>(what: string, args: ListArgs, list: (api: StatsigApi) => Promise<R[]>): Promise<R[]> {
  const c = await client(args?.project);
  try {
    return await list(statsig(c));
  } catch (err) {
    throw err instanceof StatsigApiError ? err.withOperation(`list ${what}`) : err;
  }
}

/** A lookup by id, as `getGate` is. `opts` is accepted for parity with Pulumi invokes. */
export type ByIdLookup<R> = (args: LookupByIdArgs, opts?: pulumi.InvokeOptions) => Promise<R>;
/** A lookup by id as an Output, as `getGateOutput` is: its arguments may be outputs. */
export type ByIdOutputLookup<R> = (args: LookupByIdOutputArgs, opts?: pulumi.InvokeOptions) => pulumi.Output<R>;
/** A list lookup, as `listUsers` is. */
export type ListLookup<R> = (args?: ListArgs, opts?: pulumi.InvokeOptions) => Promise<R[]>;
/** A list lookup as an Output, as `listUsersOutput` is: its arguments may be outputs. */
export type ListOutputLookup<R> = (args?: pulumi.Input<ListArgs>, opts?: pulumi.InvokeOptions) => pulumi.Output<R[]>;

/** Lifts a lookup to an `Output`: its arguments may be outputs. */
function output<A, R>(lookup: (args: A, opts?: pulumi.InvokeOptions) => Promise<R>) {
  return (args: unknown, opts?: pulumi.InvokeOptions): pulumi.Output<R> =>
    pulumi.output(args as pulumi.Input<A>).apply((a) => lookup(a as A, opts)) as unknown as pulumi.Output<R>;
}

/** The lookup by id named `fn` (`getGate`) and its Output form (`getGateOutput`). */
function byIdLookups<F extends string, R>(
  fn: F,
  kind: string,
  get: (api: StatsigApi, id: string) => Promise<R>,
): { [K in F]: ByIdLookup<R> } & { [K in `${F}Output`]: ByIdOutputLookup<R> } {
  const lookup: ByIdLookup<R> = (args) => byId(kind, fn, args, get);
  // Two keys, exactly as the type states.
  return { [fn]: lookup, [`${fn}Output`]: output(lookup) } as never;
}

/** The list lookup named `fn` (`listUsers`) and its Output form (`listUsersOutput`). */
function listLookups<F extends string, R>(
  fn: F,
  what: string,
  list: (api: StatsigApi) => Promise<R[]>,
): { [K in F]: ListLookup<R> } & { [K in `${F}Output`]: ListOutputLookup<R> } {
  const lookup: ListLookup<R> = (args = {}) => all(what, args, list);
  // Two keys, exactly as the type states.
  return { [fn]: lookup, [`${fn}Output`]: output(lookup) } as never;
}

/** Every lookup, built from what each one reads. */
const LOOKUPS = {
  ...byIdLookups("getGate", "gate", (api, id): Promise<Gate> => api.gates.get(id)),
  ...byIdLookups("getDynamicConfig", "dynamic config", (api, id): Promise<DynamicConfig> => api.dynamicConfigs.get(id)),
  ...byIdLookups("getExperiment", "experiment", (api, id): Promise<Experiment> => api.experiments.get(id)),
  ...byIdLookups("getSegment", "segment", (api, id): Promise<Segment> => api.segments.get(id)),
  ...byIdLookups("getLayer", "layer", async (api, id): Promise<Layer> => seedParameters(await api.layers.get(id))),
  ...byIdLookups("getHoldout", "holdout", (api, id): Promise<Holdout> => api.holdouts.get(id)),
  ...byIdLookups("getTag", "tag", (api, id): Promise<Tag> => api.tags.get(id)),
  ...byIdLookups("getAutotune", "autotune", (api, id): Promise<Autotune> => api.autotunes.get(id)),
  ...byIdLookups("getMetric", "metric", (api, id): Promise<MetricDefinition> => api.metrics.get(id)),
  ...listLookups("listMetrics", "metrics", (api): Promise<MetricDefinition[]> => api.metrics.list()),
  ...listLookups("listTargetApps", "target apps", (api): Promise<TargetApp[]> => api.targetApps.list()),
  ...listLookups("listKeys", "keys", (api): Promise<ApiKey[]> => api.keys.list()),
  ...listLookups("listUsers", "users", (api): Promise<User[]> => api.users.list()),
  ...listLookups("listAuditLogs", "audit logs", (api): Promise<AuditLogEntry[]> => api.auditLogs.list()),
};

// Each is documented as the function it is (`@function`): a lookup by id, a list, or its Output form.
export const {
  /**
   * Looks up a feature gate by id (`GET /gates/{id}`). `opts` is accepted for parity with Pulumi invokes.
   *
   * @function
   */
  getGate,
  /**
   * `getGate` as an Output.
   *
   * @function
   */
  getGateOutput,
  /**
   * Looks up a dynamic config by id (`GET /dynamic_configs/{id}`).
   *
   * @function
   */
  getDynamicConfig,
  /**
   * `getDynamicConfig` as an Output.
   *
   * @function
   */
  getDynamicConfigOutput,
  /**
   * Looks up an experiment by id (`GET /experiments/{id}`).
   *
   * @function
   */
  getExperiment,
  /**
   * `getExperiment` as an Output.
   *
   * @function
   */
  getExperimentOutput,
  /**
   * Looks up a segment by id (`GET /segments/{id}`; an id list's ids are not included).
   *
   * @function
   */
  getSegment,
  /**
   * `getSegment` as an Output.
   *
   * @function
   */
  getSegmentOutput,
  /**
   * Looks up a layer by id (`GET /layers/{id}`); `parameters` in the seed's name → value form whatever the service's shape.
   *
   * @function
   */
  getLayer,
  /**
   * `getLayer` as an Output.
   *
   * @function
   */
  getLayerOutput,
  /**
   * Looks up a holdout by id (`GET /holdouts/{id}`).
   *
   * @function
   */
  getHoldout,
  /**
   * `getHoldout` as an Output.
   *
   * @function
   */
  getHoldoutOutput,
  /**
   * Looks up a tag by id (`GET /tags/{id}`).
   *
   * @function
   */
  getTag,
  /**
   * `getTag` as an Output.
   *
   * @function
   */
  getTagOutput,
  /**
   * Looks up an autotune by id (`GET /autotunes/{id}`).
   *
   * @function
   */
  getAutotune,
  /**
   * `getAutotune` as an Output.
   *
   * @function
   */
  getAutotuneOutput,
  /**
   * Looks up a metric's definition by id (`GET /metrics/{id}`).
   *
   * @function
   */
  getMetric,
  /**
   * `getMetric` as an Output.
   *
   * @function
   */
  getMetricOutput,
  /**
   * Every metric definition of the project (all pages of `GET /metrics`).
   *
   * @function
   */
  listMetrics,
  /**
   * `listMetrics` as an Output.
   *
   * @function
   */
  listMetricsOutput,
  /**
   * Every target app of the project (`GET /target_apps`).
   *
   * @function
   */
  listTargetApps,
  /**
   * `listTargetApps` as an Output.
   *
   * @function
   */
  listTargetAppsOutput,
  /**
   * The project's API keys, masked as the API returns them (`GET /keys`): never a usable key.
   *
   * @function
   */
  listKeys,
  /**
   * `listKeys` as an Output.
   *
   * @function
   */
  listKeysOutput,
  /**
   * Every user of the project (all pages of `GET /users`).
   *
   * @function
   */
  listUsers,
  /**
   * `listUsers` as an Output.
   *
   * @function
   */
  listUsersOutput,
  /**
   * The project's audit log (all pages of `GET /audit_logs`).
   *
   * @function
   */
  listAuditLogs,
  /**
   * `listAuditLogs` as an Output.
   *
   * @function
   */
  listAuditLogsOutput,
} = LOOKUPS;
