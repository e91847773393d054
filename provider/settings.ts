/**
 * Process-wide settings of the provider: stack config captured by `configure`, falling back to the
 * environment, always read at call time so nothing (least of all the API key) is captured into the
 * serialized provider. Also the one client shared by every resource of a provider process, so the
 * rate budget is shared too.
 *
 * Every setting is validated when the client is built: `Number("abc")` is NaN (retries forever)
 * and a non-numeric timeout used to time every request out at once, so a bad value fails with an
 * error naming the value, the rule, and both ways to set it.
 */
import { AsyncLocalStorage } from "async_hooks";
import type * as pulumi from "@pulumi/pulumi";
import { ConsoleClient, DEFAULT_API_URL, Pacer, parseBudget } from "./client";
import { FileStore, MemoryStore, pacerFile, sweepPacerDirectory } from "./client/pacerStore";
import { attachCommandCache } from "./client/commandCache";
import { logLine } from "./client/log";
import { currentStackConfigFile, staleSettingWarnings } from "./staleSettings";

/** Stack configuration keys the provider reads (namespace `statsig`). */
export const CONFIG_KEYS = {
  /** The Console API key (set it as a secret). No default: a missing key fails the first API call, naming both ways to set it. */
  apiKey: "statsig:consoleApiKey",
  /** The API base URL. Default `https://statsigapi.net/console/v1`; point it at the emulator's `/console/v1`. */
  apiUrl: "statsig:apiUrl",
  /** The client-side rate budget: `published` (default: 100 per 10 s and 900 per 15 min), `off`, or e.g. `50/10s,500/15m`. */
  rateLimit: "statsig:rateLimit",
  /** Retries of 408, 5xx and network errors per request (0–100, default 5); 429s are governed by `maxThrottleWaitMs`. */
  maxRetries: "statsig:maxRetries",
  /** Per-attempt request timeout in milliseconds (1–3,600,000, default 30,000). */
  timeoutMs: "statsig:timeoutMs",
  /** Total time in milliseconds one request may wait on 429s and `Retry-After` (0–86,400,000, default 600,000). */
  maxThrottleWaitMs: "statsig:maxThrottleWaitMs",
  /**
   * Several Statsig projects in one stack (set it as a secret): a JSON object
   * `{"<name>": {"consoleApiKey": "...", "apiUrl": "..."}}`; a resource or lookup with `project: "<name>"`
   * uses that entry's key and URL (the URL defaults to `apiUrl`). Without `project`, `consoleApiKey` is used.
   */
  projects: "statsig:projects",
} as const;

/** Environment variables read when the stack config does not set a value (same meanings as `CONFIG_KEYS`). */
export const ENV_KEYS = {
  /** See `CONFIG_KEYS.apiKey`. */
  apiKey: "STATSIG_CONSOLE_API_KEY",
  /** See `CONFIG_KEYS.apiUrl`. */
  apiUrl: "STATSIG_API_URL",
  /** See `CONFIG_KEYS.rateLimit`. */
  rateLimit: "STATSIG_RATE_LIMIT",
  /** See `CONFIG_KEYS.maxRetries`. */
  maxRetries: "STATSIG_MAX_RETRIES",
  /** See `CONFIG_KEYS.timeoutMs`. */
  timeoutMs: "STATSIG_TIMEOUT_MS",
  /** See `CONFIG_KEYS.maxThrottleWaitMs`. */
  maxThrottleWaitMs: "STATSIG_MAX_THROTTLE_WAIT_MS",
  /** See `CONFIG_KEYS.projects`. */
  projects: "STATSIG_PROJECTS",
} as const;

/** The name of one setting (a key of `CONFIG_KEYS`). */
export type SettingName = keyof typeof CONFIG_KEYS;

/** Config values captured by `configure` (held in memory only, never serialized). */
const configured: Partial<Record<SettingName, string>> = {};

/** Returns a setting: stack config first, then the environment, read now (not at load time). */
export function setting(name: SettingName): string | undefined {
  const v = configured[name] ?? process.env[ENV_KEYS[name]];
  return v === "" ? undefined : v;
}

/** Raised for a setting whose value breaks its rule; names the value, the rule and both ways to set it. */
export class InvalidSettingError extends Error {
  /** Builds the message from the setting's name, its raw value and the rule it breaks. */
  constructor(
    readonly setting: SettingName,
    value: string,
    rule: string,
  ) {
    const from = configured[setting] !== undefined ? `stack config ${CONFIG_KEYS[setting]}` : ENV_KEYS[setting];
    super(
      `invalid ${CONFIG_KEYS[setting]} ${JSON.stringify(value)} (from ${from}): ${rule}. Set it with ` +
        `\`pulumi config set ${CONFIG_KEYS[setting]} <value>\` or the ${ENV_KEYS[setting]} environment variable`,
    );
    this.name = "InvalidSettingError";
  }
}

/** A whole number within [min, max], or the default when unset. */
function wholeNumber(name: SettingName, fallback: number, min: number, max: number): number {
  const raw = setting(name);
  if (raw === undefined) return fallback;
  const v = raw.trim();
  if (!/^\d+$/.test(v) || Number(v) < min || Number(v) > max) {
    throw new InvalidSettingError(name, raw, `must be a whole number from ${min} to ${max}`);
  }
  return Number(v);
}

/** The validated settings the client is built from. */
export interface Settings {
  /** API base URL, without a trailing slash. */
  apiUrl: string;
  /** The rate budget as written (`published`, `off`, `50/10s,500/15m`). */
  rateLimit: string;
  /** Retries for errors (not 429s). */
  maxRetries: number;
  /** Per-attempt timeout in milliseconds. */
  timeoutMs: number;
  /** Total 429 wait per request in milliseconds. */
  maxThrottleWaitMs: number;
}

/** Reads and validates every setting except the key (checked by the client when it sends). */
export function readSettings(projectApiUrl?: string): Settings {
  const apiUrl = projectApiUrl ?? setting("apiUrl") ?? DEFAULT_API_URL;
  let url: URL | undefined;
  try {
    url = new URL(apiUrl);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== "http:" && url.protocol !== "https:") || url.search || url.hash) {
    throw new InvalidSettingError("apiUrl", apiUrl, `must be an http(s) URL such as ${DEFAULT_API_URL}`);
  }
  const rateLimit = setting("rateLimit") ?? "published";
  try {
    parseBudget(rateLimit);
  } catch (err) {
    throw new InvalidSettingError(
      "rateLimit",
      rateLimit,
      `${(err as Error).message.replace(/^invalid rate budget "[^"]*": /, "")} (or "published", or "off")`,
    );
  }
  return {
    apiUrl,
    rateLimit,
    maxRetries: wholeNumber("maxRetries", 5, 0, 100),
    timeoutMs: wholeNumber("timeoutMs", 30_000, 1, 3_600_000),
    maxThrottleWaitMs: wholeNumber("maxThrottleWaitMs", 600_000, 0, 86_400_000),
  };
}

/** The dynamic provider `configure` hook: receives the whole stack config, secrets decrypted. */
export async function configure(req: pulumi.dynamic.ConfigureRequest): Promise<void> {
  for (const [name, key] of Object.entries(CONFIG_KEYS) as [SettingName, string][]) {
    const v = req.config.get(key);
    if (v !== undefined) configured[name] = v;
  }
  warnStaleSettings();
}

/** Plain settings compared with the stack's config file (secrets are encrypted there). */
const COMPARED: readonly SettingName[] = ["apiUrl", "rateLimit", "maxRetries", "timeoutMs", "maxThrottleWaitMs"];
let staleChecked = false;

/**
 * Once per process: warns about each plain setting whose configured value (from the state, in
 * `refresh` and `destroy`) differs from the stack's config file now (see staleSettings.ts).
 */
function warnStaleSettings(): void {
  if (staleChecked) return;
  staleChecked = true;
  try {
    const file = currentStackConfigFile();
    if (!file) return;
    const received = new Map<string, string>();
    for (const name of COMPARED) if (configured[name] !== undefined) received.set(CONFIG_KEYS[name], configured[name]!);
    const keys = COMPARED.map((n) => CONFIG_KEYS[n]);
    for (const w of staleSettingWarnings(received, file, keys)) logLine(`warning: ${w}`);
  } catch {
    // A best-effort warning: never a reason to fail a command.
  }
}

/** Forgets configured values (tests use it between cases). */
export function resetConfiguration(): void {
  for (const k of Object.keys(configured)) delete configured[k as SettingName];
  cached.clear();
}

/** The Statsig project whose credentials `getClient` uses in the current call (see `inProject`). */
const projectScope = new AsyncLocalStorage<string | undefined>();

/**
 * Runs `fn` with the named entry of `statsig:projects` selected: every `getClient()` inside it (across
 * awaits) returns that project's client. `undefined` selects the default `statsig:consoleApiKey`.
 */
export function inProject<T>(project: string | undefined, fn: () => T): T {
  return projectScope.run(project, fn);
}

/** Raised for a `project` that `statsig:projects` does not define, or a malformed entry; never shows a key. */
export class ProjectSettingError extends Error {
  /** Builds the message; `rule` says what is wrong, never with the configured value. */
  constructor(project: string, rule: string) {
    super(
      `Statsig project "${project}": ${rule}. Set ${CONFIG_KEYS.projects} as a secret JSON object, e.g. ` +
        `\`pulumi config set --secret ${CONFIG_KEYS.projects} '{"${project}": {"consoleApiKey": "...", "apiUrl": "..."}}'\`` +
        ` (or the ${ENV_KEYS.projects} environment variable)`,
    );
    this.name = "ProjectSettingError";
  }
}

/** One entry of `statsig:projects`, validated. */
function projectEntry(project: string): { consoleApiKey: string; apiUrl?: string } {
  const raw = setting("projects");
  if (raw === undefined) throw new ProjectSettingError(project, `${CONFIG_KEYS.projects} is not set`);
  let all: unknown;
  try {
    all = JSON.parse(raw);
  } catch {
    // The parser's message may quote the text, which holds keys: say only where the problem is.
    throw new ProjectSettingError(project, `${CONFIG_KEYS.projects} is not valid JSON`);
  }
  if (!all || typeof all !== "object" || Array.isArray(all))
    throw new ProjectSettingError(project, `${CONFIG_KEYS.projects} must be a JSON object of projects by name`);
  const entry = (all as Record<string, unknown>)[project];
  if (entry === undefined) {
    const known = Object.keys(all).sort();
    throw new ProjectSettingError(
      project,
      `not defined in ${CONFIG_KEYS.projects} (defined: ${known.length ? known.join(", ") : "none"})`,
    );
  }
  const e = (entry ?? {}) as { consoleApiKey?: unknown; apiUrl?: unknown };
  if (typeof e.consoleApiKey !== "string" || e.consoleApiKey === "")
    throw new ProjectSettingError(project, "its consoleApiKey must be a non-empty string");
  if (e.apiUrl !== undefined && typeof e.apiUrl !== "string")
    throw new ProjectSettingError(project, "its apiUrl must be a string");
  if (typeof e.apiUrl === "string") {
    let ok = false;
    try {
      const u = new URL(e.apiUrl);
      ok = (u.protocol === "http:" || u.protocol === "https:") && !u.search && !u.hash;
    } catch {
      ok = false;
    }
    if (!ok) throw new ProjectSettingError(project, `its apiUrl must be an http(s) URL such as ${DEFAULT_API_URL}`);
  }
  return { consoleApiKey: e.consoleApiKey, apiUrl: e.apiUrl as string | undefined };
}

/** Clients by project name (`""`: the default credentials). */
const cached = new Map<string, { key: string; client: ConsoleClient }>();

/**
 * The client of the selected project (see `inProject`; default: `statsig:consoleApiKey`), shared by
 * every resource of a provider process that uses the project, so its rate budget is shared too.
 * Rebuilt only when a setting other than the key changes; the key is fetched by the client on every
 * request, so it never sits in a field of a long-lived object.
 */
export function getClient(): ConsoleClient {
  const project = projectScope.getStore();
  const entry = project === undefined ? undefined : projectEntry(project);
  const s = readSettings(entry?.apiUrl);
  const windows = parseBudget(s.rateLimit);
  const keyOf = project === undefined ? () => setting("apiKey") : () => projectEntry(project).consoleApiKey;
  const apiKey = keyOf();
  // The budget is Statsig's per project, so every process using this key and URL shares one record
  // (named by a hash: the key itself is never written anywhere).
  const shared = windows.length && apiKey ? pacerFile(apiKey, s.apiUrl.replace(/\/+$/, "")) : undefined;
  const key = JSON.stringify([s, shared]);
  const hit = cached.get(project ?? "");
  if (hit && hit.key === key) return hit.client;
  if (shared) sweepPacerDirectory();
  const client = new ConsoleClient({
    baseUrl: s.apiUrl,
    apiKey: keyOf,
    // 250 ms of margin per window, for a server whose counting differs a little from ours.
    pacer: new Pacer(windows, undefined, 250, shared ? new FileStore(shared) : new MemoryStore()),
    maxRetries: s.maxRetries,
    timeoutMs: s.timeoutMs,
    maxThrottleWaitMs: s.maxThrottleWaitMs,
  });
  // Reads shared by this command's provider processes (refresh's two passes), see commandCache.ts.
  if (apiKey) attachCommandCache(client, apiKey, s.apiUrl.replace(/\/+$/, ""));
  cached.set(project ?? "", { key, client });
  return client;
}
