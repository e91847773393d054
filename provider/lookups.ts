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
  Metric,
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
  Metric,
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

/** Lifts a lookup (by id, or a list) to an `Output`: its arguments may be outputs. */
function output<A, R>(
  lookup: (args: A, opts?: pulumi.InvokeOptions) => Promise<R>,
  args: pulumi.Input<A> | { [K in keyof A]: pulumi.Input<A[K]> },
  opts?: pulumi.InvokeOptions,
): pulumi.Output<R> {
  return pulumi.output(args).apply((a) => lookup(a as A, opts)) as unknown as pulumi.Output<R>;
}

/** Looks up a feature gate by id (`GET /gates/{id}`). `opts` is accepted for parity with Pulumi invokes. */
export function getGate(args: LookupByIdArgs, _opts?: pulumi.InvokeOptions): Promise<Gate> {
  return byId("gate", "getGate", args, (api, id) => api.gates.get(id));
}
/** `getGate` as an Output. */
export function getGateOutput(args: LookupByIdOutputArgs, opts?: pulumi.InvokeOptions): pulumi.Output<Gate> {
  return output(getGate, args, opts);
}

/** Looks up a dynamic config by id (`GET /dynamic_configs/{id}`). */
export function getDynamicConfig(args: LookupByIdArgs, _opts?: pulumi.InvokeOptions): Promise<DynamicConfig> {
  return byId("dynamic config", "getDynamicConfig", args, (api, id) => api.dynamicConfigs.get(id));
}
/** `getDynamicConfig` as an Output. */
export function getDynamicConfigOutput(
  args: LookupByIdOutputArgs,
  opts?: pulumi.InvokeOptions,
): pulumi.Output<DynamicConfig> {
  return output(getDynamicConfig, args, opts);
}

/** Looks up an experiment by id (`GET /experiments/{id}`). */
export function getExperiment(args: LookupByIdArgs, _opts?: pulumi.InvokeOptions): Promise<Experiment> {
  return byId("experiment", "getExperiment", args, (api, id) => api.experiments.get(id));
}
/** `getExperiment` as an Output. */
export function getExperimentOutput(
  args: LookupByIdOutputArgs,
  opts?: pulumi.InvokeOptions,
): pulumi.Output<Experiment> {
  return output(getExperiment, args, opts);
}

/** Looks up a segment by id (`GET /segments/{id}`; an id list's ids are not included). */
export function getSegment(args: LookupByIdArgs, _opts?: pulumi.InvokeOptions): Promise<Segment> {
  return byId("segment", "getSegment", args, (api, id) => api.segments.get(id));
}
/** `getSegment` as an Output. */
export function getSegmentOutput(args: LookupByIdOutputArgs, opts?: pulumi.InvokeOptions): pulumi.Output<Segment> {
  return output(getSegment, args, opts);
}

/** Looks up a layer by id (`GET /layers/{id}`); `parameters` in the seed's name → value form whatever the service's shape. */
export function getLayer(args: LookupByIdArgs, _opts?: pulumi.InvokeOptions): Promise<Layer> {
  return byId("layer", "getLayer", args, async (api, id) => seedParameters(await api.layers.get(id)));
}
/** `getLayer` as an Output. */
export function getLayerOutput(args: LookupByIdOutputArgs, opts?: pulumi.InvokeOptions): pulumi.Output<Layer> {
  return output(getLayer, args, opts);
}

/** Looks up a holdout by id (`GET /holdouts/{id}`). */
export function getHoldout(args: LookupByIdArgs, _opts?: pulumi.InvokeOptions): Promise<Holdout> {
  return byId("holdout", "getHoldout", args, (api, id) => api.holdouts.get(id));
}
/** `getHoldout` as an Output. */
export function getHoldoutOutput(args: LookupByIdOutputArgs, opts?: pulumi.InvokeOptions): pulumi.Output<Holdout> {
  return output(getHoldout, args, opts);
}

/** Looks up a tag by id (`GET /tags/{id}`). */
export function getTag(args: LookupByIdArgs, _opts?: pulumi.InvokeOptions): Promise<Tag> {
  return byId("tag", "getTag", args, (api, id) => api.tags.get(id));
}
/** `getTag` as an Output. */
export function getTagOutput(args: LookupByIdOutputArgs, opts?: pulumi.InvokeOptions): pulumi.Output<Tag> {
  return output(getTag, args, opts);
}

/** Looks up an autotune by id (`GET /autotunes/{id}`). */
export function getAutotune(args: LookupByIdArgs, _opts?: pulumi.InvokeOptions): Promise<Autotune> {
  return byId("autotune", "getAutotune", args, (api, id) => api.autotunes.get(id));
}
/** `getAutotune` as an Output. */
export function getAutotuneOutput(args: LookupByIdOutputArgs, opts?: pulumi.InvokeOptions): pulumi.Output<Autotune> {
  return output(getAutotune, args, opts);
}

/** Looks up a metric by id (`GET /metrics/{id}`). */
export function getMetric(args: LookupByIdArgs, _opts?: pulumi.InvokeOptions): Promise<Metric> {
  return byId("metric", "getMetric", args, (api, id) => api.metrics.get(id));
}
/** `getMetric` as an Output. */
export function getMetricOutput(args: LookupByIdOutputArgs, opts?: pulumi.InvokeOptions): pulumi.Output<Metric> {
  return output(getMetric, args, opts);
}

/** Every metric of the project (all pages of `GET /metrics`). */
export function listMetrics(args: ListArgs = {}, _opts?: pulumi.InvokeOptions): Promise<Metric[]> {
  return all("metrics", args, (api) => api.metrics.list());
}
/** `listMetrics` as an Output. */
export function listMetricsOutput(
  args: pulumi.Input<ListArgs> = {},
  opts?: pulumi.InvokeOptions,
): pulumi.Output<Metric[]> {
  return output(listMetrics, args, opts);
}

/** Every target app of the project (`GET /target_apps`). */
export function listTargetApps(args: ListArgs = {}, _opts?: pulumi.InvokeOptions): Promise<TargetApp[]> {
  return all("target apps", args, (api) => api.targetApps.list());
}
/** `listTargetApps` as an Output. */
export function listTargetAppsOutput(
  args: pulumi.Input<ListArgs> = {},
  opts?: pulumi.InvokeOptions,
): pulumi.Output<TargetApp[]> {
  return output(listTargetApps, args, opts);
}

/** The project's API keys, masked as the API returns them (`GET /keys`): never a usable key. */
export function listKeys(args: ListArgs = {}, _opts?: pulumi.InvokeOptions): Promise<ApiKey[]> {
  return all("keys", args, (api) => api.keys.list());
}
/** `listKeys` as an Output. */
export function listKeysOutput(
  args: pulumi.Input<ListArgs> = {},
  opts?: pulumi.InvokeOptions,
): pulumi.Output<ApiKey[]> {
  return output(listKeys, args, opts);
}

/** Every user of the project (all pages of `GET /users`). */
export function listUsers(args: ListArgs = {}, _opts?: pulumi.InvokeOptions): Promise<User[]> {
  return all("users", args, (api) => api.users.list());
}
/** `listUsers` as an Output. */
export function listUsersOutput(args: pulumi.Input<ListArgs> = {}, opts?: pulumi.InvokeOptions): pulumi.Output<User[]> {
  return output(listUsers, args, opts);
}

/** The project's audit log (all pages of `GET /audit_logs`). */
export function listAuditLogs(args: ListArgs = {}, _opts?: pulumi.InvokeOptions): Promise<AuditLogEntry[]> {
  return all("audit logs", args, (api) => api.auditLogs.list());
}
/** `listAuditLogs` as an Output. */
export function listAuditLogsOutput(
  args: pulumi.Input<ListArgs> = {},
  opts?: pulumi.InvokeOptions,
): pulumi.Output<AuditLogEntry[]> {
  return output(listAuditLogs, args, opts);
}
