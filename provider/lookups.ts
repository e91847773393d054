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
 * Lookups call the API during `pulumi preview` too, like any Pulumi invoke.
 */
import * as pulumi from "@pulumi/pulumi";
import { ConsoleClient, StatsigApiError } from "./client";
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
import { StatsigApi, statsig } from "./client/statsig";
import { CONFIG_KEYS, configure, getClient } from "./settings";

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

/** Arguments of the lookups by id. */
export interface LookupByIdArgs {
  /** The entity's id (for entities named in the console: the name lowercased, spaces as `_`). */
  id: string;
}

/** `LookupByIdArgs` whose id may be an output (for example another resource's `id`). */
export interface LookupByIdOutputArgs {
  /** The entity's id. */
  id: pulumi.Input<string>;
}

/**
 * The client for lookups: the program's stack config (when running under Pulumi) layered over the
 * environment, exactly as the provider's `configure` does in the provider process.
 */
async function client(): Promise<ConsoleClient> {
  const values: Record<string, string | undefined> = {};
  for (const key of Object.values(CONFIG_KEYS)) values[key] = pulumi.runtime.getConfig(key);
  await configure({ config: { get: (k: string) => values[k] } } as unknown as pulumi.dynamic.ConfigureRequest);
  return getClient();
}

/** Reads one entity; a 404 becomes an error that names the entity and where it was looked for. */
async function byId<R>(kind: string, fn: string, id: string, get: (api: StatsigApi) => Promise<R>): Promise<R> {
  if (typeof id !== "string" || id === "") throw new Error(`${fn}: id is required (the ${kind}'s id)`);
  const c = await client();
  try {
    return await get(statsig(c));
  } catch (err) {
    if (err instanceof StatsigApiError && err.isNotFound())
      throw new Error(`${fn}: ${kind} "${id}" does not exist in the Statsig project at ${c.baseUrl} (${err.message})`);
    throw err instanceof StatsigApiError ? err.withOperation(`look up ${kind} "${id}"`) : err;
  }
}

/** Reads every page of a list. */
async function all<R>(what: string, list: (api: StatsigApi) => Promise<R[]>): Promise<R[]> {
  const c = await client();
  try {
    return await list(statsig(c));
  } catch (err) {
    throw err instanceof StatsigApiError ? err.withOperation(`list ${what}`) : err;
  }
}

/** Lifts a lookup by id to an `Output` (the id may be an output). */
function output<R>(
  lookup: (args: LookupByIdArgs, opts?: pulumi.InvokeOptions) => Promise<R>,
  args: LookupByIdOutputArgs,
  opts?: pulumi.InvokeOptions,
): pulumi.Output<R> {
  return pulumi.output(args).apply((a) => lookup(a, opts)) as unknown as pulumi.Output<R>;
}

/** Looks up a feature gate by id (`GET /gates/{id}`). `opts` is accepted for parity with Pulumi invokes. */
export function getGate(args: LookupByIdArgs, _opts?: pulumi.InvokeOptions): Promise<Gate> {
  return byId("gate", "getGate", args.id, (api) => api.gates.get(args.id));
}
/** `getGate` as an Output. */
export function getGateOutput(args: LookupByIdOutputArgs, opts?: pulumi.InvokeOptions): pulumi.Output<Gate> {
  return output(getGate, args, opts);
}

/** Looks up a dynamic config by id (`GET /dynamic_configs/{id}`). */
export function getDynamicConfig(args: LookupByIdArgs, _opts?: pulumi.InvokeOptions): Promise<DynamicConfig> {
  return byId("dynamic config", "getDynamicConfig", args.id, (api) => api.dynamicConfigs.get(args.id));
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
  return byId("experiment", "getExperiment", args.id, (api) => api.experiments.get(args.id));
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
  return byId("segment", "getSegment", args.id, (api) => api.segments.get(args.id));
}
/** `getSegment` as an Output. */
export function getSegmentOutput(args: LookupByIdOutputArgs, opts?: pulumi.InvokeOptions): pulumi.Output<Segment> {
  return output(getSegment, args, opts);
}

/** Looks up a layer by id (`GET /layers/{id}`). */
export function getLayer(args: LookupByIdArgs, _opts?: pulumi.InvokeOptions): Promise<Layer> {
  return byId("layer", "getLayer", args.id, (api) => api.layers.get(args.id));
}
/** `getLayer` as an Output. */
export function getLayerOutput(args: LookupByIdOutputArgs, opts?: pulumi.InvokeOptions): pulumi.Output<Layer> {
  return output(getLayer, args, opts);
}

/** Looks up a holdout by id (`GET /holdouts/{id}`). */
export function getHoldout(args: LookupByIdArgs, _opts?: pulumi.InvokeOptions): Promise<Holdout> {
  return byId("holdout", "getHoldout", args.id, (api) => api.holdouts.get(args.id));
}
/** `getHoldout` as an Output. */
export function getHoldoutOutput(args: LookupByIdOutputArgs, opts?: pulumi.InvokeOptions): pulumi.Output<Holdout> {
  return output(getHoldout, args, opts);
}

/** Looks up a tag by id (`GET /tags/{id}`). */
export function getTag(args: LookupByIdArgs, _opts?: pulumi.InvokeOptions): Promise<Tag> {
  return byId("tag", "getTag", args.id, (api) => api.tags.get(args.id));
}
/** `getTag` as an Output. */
export function getTagOutput(args: LookupByIdOutputArgs, opts?: pulumi.InvokeOptions): pulumi.Output<Tag> {
  return output(getTag, args, opts);
}

/** Looks up an autotune by id (`GET /autotunes/{id}`). */
export function getAutotune(args: LookupByIdArgs, _opts?: pulumi.InvokeOptions): Promise<Autotune> {
  return byId("autotune", "getAutotune", args.id, (api) => api.autotunes.get(args.id));
}
/** `getAutotune` as an Output. */
export function getAutotuneOutput(args: LookupByIdOutputArgs, opts?: pulumi.InvokeOptions): pulumi.Output<Autotune> {
  return output(getAutotune, args, opts);
}

/** Looks up a metric by id (`GET /metrics/{id}`). */
export function getMetric(args: LookupByIdArgs, _opts?: pulumi.InvokeOptions): Promise<Metric> {
  return byId("metric", "getMetric", args.id, (api) => api.metrics.get(args.id));
}
/** `getMetric` as an Output. */
export function getMetricOutput(args: LookupByIdOutputArgs, opts?: pulumi.InvokeOptions): pulumi.Output<Metric> {
  return output(getMetric, args, opts);
}

/** Every metric of the project (all pages of `GET /metrics`). */
export function listMetrics(_opts?: pulumi.InvokeOptions): Promise<Metric[]> {
  return all("metrics", (api) => api.metrics.list());
}
/** `listMetrics` as an Output. */
export function listMetricsOutput(opts?: pulumi.InvokeOptions): pulumi.Output<Metric[]> {
  return pulumi.output(listMetrics(opts));
}

/** Every target app of the project (`GET /target_apps`). */
export function listTargetApps(_opts?: pulumi.InvokeOptions): Promise<TargetApp[]> {
  return all("target apps", (api) => api.targetApps.list());
}
/** `listTargetApps` as an Output. */
export function listTargetAppsOutput(opts?: pulumi.InvokeOptions): pulumi.Output<TargetApp[]> {
  return pulumi.output(listTargetApps(opts));
}

/** The project's API keys, masked as the API returns them (`GET /keys`): never a usable key. */
export function listKeys(_opts?: pulumi.InvokeOptions): Promise<ApiKey[]> {
  return all("keys", (api) => api.keys.list());
}
/** `listKeys` as an Output. */
export function listKeysOutput(opts?: pulumi.InvokeOptions): pulumi.Output<ApiKey[]> {
  return pulumi.output(listKeys(opts));
}

/** Every user of the project (all pages of `GET /users`). */
export function listUsers(_opts?: pulumi.InvokeOptions): Promise<User[]> {
  return all("users", (api) => api.users.list());
}
/** `listUsers` as an Output. */
export function listUsersOutput(opts?: pulumi.InvokeOptions): pulumi.Output<User[]> {
  return pulumi.output(listUsers(opts));
}

/** The project's audit log (all pages of `GET /audit_logs`). */
export function listAuditLogs(_opts?: pulumi.InvokeOptions): Promise<AuditLogEntry[]> {
  return all("audit logs", (api) => api.auditLogs.list());
}
/** `listAuditLogs` as an Output. */
export function listAuditLogsOutput(opts?: pulumi.InvokeOptions): pulumi.Output<AuditLogEntry[]> {
  return pulumi.output(listAuditLogs(opts));
}
