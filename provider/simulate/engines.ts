/**
 * Statsig's own server SDKs as evaluation engines over a translated project: `statsig-node`
 * offline (`localMode`, the document as `bootstrapValues`, id lists through a data adapter, since
 * bootstrap values carry none), or either SDK against an emulator over HTTP. Every engine answers
 * the same `Outcome`, so callers (simulate, `pulumi-statsig/testing`, the corpus) can compare them.
 *
 * The SDKs are loaded when first used: they are optional peer dependencies of this package,
 * needed only by `simulate` and the testing helper.
 */
import type { Translation } from "../../emulator/sdk/translate";

/** A Statsig user, as the SDKs take it. */
export interface SimUser {
  /** The user's id (the unit of `userID` rules and percentages). */
  userID?: string;
  /** Email address (`email` conditions). */
  email?: string;
  /** IP address (`ip_address` conditions). */
  ip?: string;
  /** User agent, parsed for `browser_*` and `os_*` conditions when those fields are not given. */
  userAgent?: string;
  /** Two-letter country code (`country` conditions). */
  country?: string;
  /** Locale, e.g. `en_US` (`locale` conditions). */
  locale?: string;
  /** App version (`app_version` conditions). */
  appVersion?: string;
  /** Custom fields (`custom_field` conditions). */
  custom?: Record<string, unknown>;
  /** Fields evaluated like `custom` but never logged. */
  privateAttributes?: Record<string, unknown>;
  /** Other unit ids by id type (`unit_id` conditions, entities of another id type). */
  customIDs?: Record<string, string>;
  /** The environment, when the SDK is given none (`{ tier }`). */
  statsigEnvironment?: Record<string, string>;
}

/** What an evaluation decided. */
export interface Outcome {
  /** A gate's boolean, or a config's / experiment's / layer's value object. */
  value: unknown;
  /** The id of the rule that decided (`default` when none matched, `disabled` for a disabled entity). */
  ruleID: string;
  /** An experiment's (or layer's) group, when the user is in one. */
  groupName?: string | null;
}

/** The kinds of entity an engine evaluates. */
export type EntityKind = "gate" | "config" | "experiment" | "layer";

/** An initialised SDK instance. */
export interface Engine {
  /** Evaluates one entity for one user. */
  evaluate(kind: EntityKind, name: string, user: SimUser): Outcome;
  /** Stops the SDK (timers, pending logs). */
  close(): Promise<void>;
}

/** Options common to every engine. */
export interface EngineOptions {
  /** The environment tier the SDK runs in (`statsigEnvironment.tier`). */
  environment?: string;
}

const requireSdk = <T>(name: string): T => {
  try {
    return require(name) as T;
  } catch {
    throw new Error(`${name} is not installed: \`npm install --save-dev ${name}\` (needed to evaluate rules locally)`);
  }
};

type NodeSdk = typeof import("statsig-node");
type CoreSdk = typeof import("@statsig/statsig-node-core");

/** Normalises an empty group name to null, as both SDKs mean "no group". */
const group = (g: string | null | undefined) => (g ? g : null);

/**
 * statsig-node's answers as `Outcome`s. With `logExposures` false the SDK's
 * `…WithExposureLoggingDisabledSync` calls are used: the same evaluation, without the exposure
 * bookkeeping that costs most of an evaluation's time (measured: ~23 µs → a few µs per call).
 */
function nodeEngine(server: InstanceType<NodeSdk["StatsigServer"]>, logExposures: boolean): Engine {
  const gate = (logExposures ? server.getFeatureGateSync : server.getFeatureGateWithExposureLoggingDisabledSync).bind(
    server,
  );
  const config = (logExposures ? server.getConfigSync : server.getConfigWithExposureLoggingDisabledSync).bind(server);
  const experiment = (
    logExposures ? server.getExperimentSync : server.getExperimentWithExposureLoggingDisabledSync
  ).bind(server);
  const layer = (logExposures ? server.getLayerSync : server.getLayerWithExposureLoggingDisabledSync).bind(server);
  return {
    evaluate(kind, name, user) {
      const u = user as Parameters<typeof server.checkGateSync>[0];
      if (kind === "gate") {
        const g = gate(u, name);
        return { value: g.value, ruleID: g.ruleID };
      }
      if (kind === "layer") {
        const l = layer(u, name);
        const raw = l as unknown as { _value: Record<string, unknown> };
        return { value: raw._value, ruleID: l.getRuleID(), groupName: group(l.getGroupName?.()) };
      }
      const c = kind === "config" ? config(u, name) : experiment(u, name);
      return { value: c.value, ruleID: c.getRuleID(), groupName: group(c.getGroupName()) };
    },
    close: () => server.shutdownAsync(),
  };
}

/** `statsig-node` offline: the translation as bootstrap values, its id lists through a data adapter. */
export async function offlineEngine(t: Translation, opts: EngineOptions = {}): Promise<Engine> {
  const sdk = requireSdk<NodeSdk>("statsig-node");
  const lists = Object.keys(t.idLists);
  const { idListFile } = await import("../../emulator/sdk/translate");
  // Only id lists go through the adapter; the document comes from bootstrapValues (the adapter
  // answers nothing for it, so the SDK falls back to bootstrap).
  const dataAdapter = {
    initialize: async () => {},
    shutdown: async () => {},
    set: async () => {},
    get: async (key: string) => {
      if (key.includes("/v1/get_id_lists")) return { result: JSON.stringify(lists) };
      const m = /id_list::(.*)\|plain_text\|/.exec(key);
      if (m && t.idLists[m[1]]) return { result: idListFile(t.idLists[m[1]]) || "+\n" };
      return {};
    },
    supportsPollingUpdatesFor: () => false,
  };
  const server = new sdk.StatsigServer("secret-offline", {
    localMode: true,
    bootstrapValues: JSON.stringify(t.specs),
    dataAdapter: dataAdapter as never,
    environment: opts.environment ? { tier: opts.environment } : undefined,
    disableAllLogging: true,
    initStrategyForIP3Country: "none",
    logger: { debug() {}, info() {}, warn() {}, error() {}, logLevel: "none" } as never,
  });
  await server.initializeAsync();
  return nodeEngine(server, false);
}

/** `statsig-node` against an emulator (or any Statsig-compatible server) at `url`. */
export async function nodeHttpEngine(url: string, key: string, opts: EngineOptions = {}): Promise<Engine> {
  const sdk = requireSdk<NodeSdk>("statsig-node");
  const server = new sdk.StatsigServer(key, {
    api: `${url}/v1`,
    environment: opts.environment ? { tier: opts.environment } : undefined,
    rulesetsSyncIntervalMs: 60_000,
    idListsSyncIntervalMs: 60_000,
    initStrategyForIP3Country: "none",
    logger: { debug() {}, info() {}, warn() {}, error() {}, logLevel: "none" } as never,
  });
  const init = await server.initializeAsync();
  if (!init.success) throw new Error(`statsig-node could not initialise from ${url}: ${init.error?.message}`);
  return nodeEngine(server, true);
}

/** `@statsig/statsig-node-core` against an emulator at `url`. */
export async function coreHttpEngine(url: string, key: string, opts: EngineOptions = {}): Promise<Engine> {
  const sdk = requireSdk<CoreSdk>("@statsig/statsig-node-core");
  const statsig = new sdk.Statsig(key, {
    specsUrl: `${url}/v2/download_config_specs`,
    idListsUrl: `${url}/v1/get_id_lists`,
    logEventUrl: `${url}/v1/log_event`,
    enableIdLists: true,
    environment: opts.environment,
    disableCountryLookup: true,
    outputLogLevel: "none",
  });
  const init = await statsig.initialize();
  if (!init.isSuccess) throw new Error(`statsig-node-core could not initialise from ${url}: ${init.error}`);
  const toUser = (u: SimUser) => new sdk.StatsigUser({ userID: "", ...(u as object) } as never);
  return {
    evaluate(kind, name, user) {
      const u = toUser(user);
      if (kind === "gate") {
        const g = statsig.getFeatureGate(u, name);
        return { value: g.value, ruleID: g.ruleID };
      }
      if (kind === "layer") {
        const l = statsig.getLayer(u, name);
        return { value: l.__value, ruleID: l.ruleID, groupName: group(l.groupName) };
      }
      if (kind === "config") {
        const c = statsig.getDynamicConfig(u, name);
        return { value: c.value, ruleID: c.ruleID };
      }
      const e = statsig.getExperiment(u, name);
      return { value: e.value, ruleID: e.ruleID, groupName: group(e.groupName) };
    },
    close: async () => void (await statsig.shutdown()),
  };
}
