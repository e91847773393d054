/**
 * Process-wide settings of the provider: stack config captured by `configure`, falling back to the
 * environment, always read at call time so nothing (least of all the API key) is captured into the
 * serialized provider. Also the one client shared by every resource of a provider process, so the
 * rate budget is shared too.
 */
import type * as pulumi from "@pulumi/pulumi";
import { ConsoleClient, DEFAULT_API_URL, Pacer, parseBudget } from "./client";

/** Stack configuration keys the provider reads (namespace `statsig`). */
export const CONFIG_KEYS = {
  apiKey: "statsig:consoleApiKey",
  apiUrl: "statsig:apiUrl",
  rateLimit: "statsig:rateLimit",
  maxRetries: "statsig:maxRetries",
  timeoutMs: "statsig:timeoutMs",
} as const;

/** Environment variables read when the stack config does not set a value. */
export const ENV_KEYS = {
  apiKey: "STATSIG_CONSOLE_API_KEY",
  apiUrl: "STATSIG_API_URL",
  rateLimit: "STATSIG_RATE_LIMIT",
  maxRetries: "STATSIG_MAX_RETRIES",
  timeoutMs: "STATSIG_TIMEOUT_MS",
} as const;

/** Config values captured by `configure` (held in memory only, never serialized). */
const configured: Partial<Record<keyof typeof CONFIG_KEYS, string>> = {};

/** Returns a setting: stack config first, then the environment, read now (not at load time). */
export function setting(name: keyof typeof CONFIG_KEYS): string | undefined {
  const v = configured[name] ?? process.env[ENV_KEYS[name]];
  return v === "" ? undefined : v;
}

/** The dynamic provider `configure` hook: receives the whole stack config, secrets decrypted. */
export async function configure(req: pulumi.dynamic.ConfigureRequest): Promise<void> {
  for (const [name, key] of Object.entries(CONFIG_KEYS) as [keyof typeof CONFIG_KEYS, string][]) {
    const v = req.config.get(key);
    if (v !== undefined) configured[name] = v;
  }
}

/** Forgets configured values (tests use it between cases). */
export function resetConfiguration(): void {
  for (const k of Object.keys(configured)) delete configured[k as keyof typeof CONFIG_KEYS];
  cached = undefined;
}

let cached: { key: string; client: ConsoleClient } | undefined;

/**
 * The process-wide client. Rebuilt only when the base URL or the budget changes; the key is
 * fetched by the client on every request, so it never sits in a field of a long-lived object.
 */
export function getClient(): ConsoleClient {
  const baseUrl = setting("apiUrl") ?? DEFAULT_API_URL;
  const budget = setting("rateLimit") ?? "published";
  const maxRetries = Number(setting("maxRetries") ?? 5);
  const timeoutMs = Number(setting("timeoutMs") ?? 30_000);
  const key = JSON.stringify([baseUrl, budget, maxRetries, timeoutMs]);
  if (!cached || cached.key !== key) {
    cached = {
      key,
      client: new ConsoleClient({
        baseUrl,
        apiKey: () => setting("apiKey"),
        // 250 ms of margin per window absorbs the delay between sending and the server's count.
        pacer: new Pacer(parseBudget(budget), undefined, 250),
        maxRetries,
        timeoutMs,
      }),
    };
  }
  return cached.client;
}
