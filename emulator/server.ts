/**
 * The Console API emulator's HTTP server: puts the parts together. The API under `/console/v1`
 * goes through the request pipeline (`pipeline.ts`: route table, auth, rate limit, faults, body
 * checks, handler, audit, persistence, response shape); `/__emulator/...` is the admin surface
 * (`admin.ts`); `http.ts` holds the HTTP utilities both use.
 */
import * as http from "http";
import { AddressInfo } from "net";
import { adminHandler } from "./admin";
import { FaultInjector, FaultRule } from "./faults";
import { parseTarget, send } from "./http";
import { loadSnapshot, saveSnapshot } from "./persistence";
import { PipelineContext, RequestLogEntry, answer } from "./pipeline";
import { RateLimiter } from "./ratelimit";
import { compileRoutes } from "./router";
import { routeTable } from "./routes";
import { SdkKeys, sdkEndpoints } from "./sdk/serve";
import { Store } from "./store";
import { Shape } from "./types";

export { HttpError } from "./types";
export type { RequestLogEntry } from "./pipeline";

/** Options of `startEmulator`. */
export interface EmulatorOptions {
  /** Port to listen on; 0 (default) picks a free one. */
  port?: number;
  /** Interface to bind; default 127.0.0.1. */
  host?: string;
  /** The Console API key requests must carry. Default `console-emulator`. */
  apiKey?: string;
  /** Response shape: the seed's (default) or the published service's envelope. */
  shape?: Shape;
  /** Maximum request-log entries kept (oldest dropped first). Default 10 000. */
  logLimit?: number;
  /** Maximum audit-log entries kept (oldest dropped first). Default 10 000. */
  auditLimit?: number;
  /** Keep state in this file across restarts (atomic snapshots); default: memory only. */
  dataFile?: string;
  /** Server-side rate limit: `off` (default), `published`, or e.g. `5/1s,50/1m`. */
  rateLimit?: string;
  /** Initial fault rules (see faults.ts). */
  faults?: FaultRule[];
  /** The label audit entries show for the acting key (never the key). */
  apiKeyLabel?: string;
  /** Server SDK keys the SDK endpoints accept (see sdk/serve.ts): `open` or a list; default the catalogue's. */
  sdkKeys?: SdkKeys;
}

/** A running emulator. */
export interface RunningEmulator {
  /** `http://127.0.0.1:<port>`. */
  url: string;
  /** The API base URL to give the provider: `<url>/console/v1`. */
  apiUrl: string;
  /** The bound port. */
  port: number;
  /** The key requests must carry. */
  apiKey: string;
  /** The state (tests may inspect it; every read is a copy, changes go through `put`/`mutate`). */
  store: Store;
  /** The request log (newest last). */
  requests(): RequestLogEntry[];
  /** Empties state and log. */
  reset(): void;
  /** The fault injector (tests may set rules directly). */
  faults: FaultInjector;
  /** Stops listening and closes idle keep-alive connections. */
  close(): Promise<void>;
}

/** The default key of the emulator. */
export const DEFAULT_EMULATOR_KEY = "console-emulator";
/** Where the API lives under the emulator's root, as on the real service. */
export const API_PREFIX = "/console/v1";

/** Starts an emulator. Tests call this in-process with port 0. */
export async function startEmulator(opts: EmulatorOptions = {}): Promise<RunningEmulator> {
  const store = new Store(opts.dataFile ? loadSnapshot(opts.dataFile) : undefined);
  const ctx: PipelineContext = {
    routes: compileRoutes(routeTable(opts.apiKey ?? DEFAULT_EMULATOR_KEY), opts.shape ?? "seed"),
    apiKey: opts.apiKey ?? DEFAULT_EMULATOR_KEY,
    shape: opts.shape ?? "seed",
    store,
    limiter: new RateLimiter(opts.rateLimit ?? "off"),
    faults: new FaultInjector(opts.faults ?? []),
    actor: { name: opts.apiKeyLabel ?? "Console API key (emulator)", email: "console-api@emulator.local" },
    auditLimit: opts.auditLimit ?? 10_000,
    persist: () => {
      if (opts.dataFile) saveSnapshot(opts.dataFile, store.snapshot());
    },
  };
  const log = new RequestLog(opts.logLimit ?? 10_000);
  const sdk = sdkEndpoints(store, opts.sdkKeys);
  const reset = () => {
    store.reset();
    sdk.reset();
    log.clear();
    ctx.persist();
  };
  const admin = adminHandler({
    log: () => log.entries(),
    reset,
    health: () => ({ shape: ctx.shape, persistent: !!opts.dataFile, rateLimit: ctx.limiter.windows }),
    routes: ctx.routes,
    faults: ctx.faults,
  });

  const handle = async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    const method = (req.method ?? "GET").toUpperCase();
    const { pathname, search, query } = parseTarget(req.url ?? "/");
    // Statsig's server SDK endpoints (download_config_specs, id lists, log_event): sdk/serve.ts.
    if (await sdk.handle(req, res, method, pathname)) return;
    if (pathname.startsWith("/__emulator/")) return admin(req, res, method, pathname.slice("/__emulator".length));
    const inApi = pathname.startsWith(API_PREFIX + "/");
    const apiPath = inApi ? pathname.slice(API_PREFIX.length) : undefined;
    const entry = log.add(method, (apiPath ?? pathname) + search);
    const a = await answer(ctx, { req, method, pathname, apiPath, query, entry });
    if (a === "reset") {
      entry.status = -1;
      req.socket.destroy();
      return;
    }
    entry.status = a.status;
    send(res, a.status, a.body, a.headers);
  };
  return listen(opts, handle, { apiKey: ctx.apiKey, store, faults: ctx.faults, requests: () => log.entries(), reset });
}

/** The request log, capped (oldest dropped first). */
class RequestLog {
  private log: RequestLogEntry[] = [];
  constructor(private readonly limit: number) {}
  add(method: string, path: string): RequestLogEntry {
    const entry: RequestLogEntry = { method, path, status: 0, time: Date.now() };
    this.log.push(entry);
    if (this.log.length > this.limit) this.log.splice(0, this.log.length - this.limit);
    return entry;
  }
  entries(): RequestLogEntry[] {
    return [...this.log];
  }
  clear(): void {
    this.log = [];
  }
}

/** Listens on the configured interface and port; resolves to the running emulator. */
async function listen(
  opts: EmulatorOptions,
  handle: (req: http.IncomingMessage, res: http.ServerResponse) => Promise<void>,
  parts: Pick<RunningEmulator, "apiKey" | "store" | "faults" | "requests" | "reset">,
): Promise<RunningEmulator> {
  const server = http.createServer((req, res) => {
    handle(req, res).catch((err) => {
      if (!res.headersSent) send(res, 500, { status: 500, message: String(err) });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 0, opts.host ?? "127.0.0.1", () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://${opts.host ?? "127.0.0.1"}:${port}`;
  return {
    url,
    apiUrl: url + API_PREFIX,
    port,
    ...parts,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Keep-alive clients would otherwise hold the server open until they time out.
        server.closeAllConnections();
      }),
  };
}
