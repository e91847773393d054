/**
 * The Console API emulator's HTTP server: the plumbing around the route table (`routes.ts`).
 *
 * A request under `/console/v1` is resolved against the table (404 in the service framework's
 * words for an unknown route, 405 with `Allow` for a known path with another method, 400 for a
 * path that does not decode), then authenticated, rate-limited and fault-injected; its body is
 * refused past `MAX_JSON_DEPTH` levels of nesting, parsed and validated (400 naming the field);
 * the handler runs against the store; mutations are audited and persisted before the answer is
 * sent. Responses come in the seed's shape (bare entities) or the published one
 * (`{ message, data }`), chosen by `shape`.
 *
 * Admin surface (outside the Statsig API, no key): see `adminRoutes` below and emulator/README.md.
 */
import * as http from "http";
import { AddressInfo } from "net";
import { recordAudit } from "./audit";
import { FaultInjector, FaultRule, parseRules } from "./faults";
import { loadSnapshot, saveSnapshot } from "./persistence";
import { RateLimiter } from "./ratelimit";
import { compileRoutes, resolve } from "./router";
import { routeTable } from "./routes";
import { MAX_BODY_BYTES, MAX_JSON_DEPTH } from "./rules";
import { SdkKeys, sdkEndpoints } from "./sdk/serve";
import { Store } from "./store";
import { HttpError, Reply, Shape } from "./types";

export { HttpError } from "./types";

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

/** One served API request, as the admin log reports it. */
export interface RequestLogEntry {
  /** HTTP method, e.g. `PATCH`. */
  method: string;
  /** Path below the API prefix, with its query string, e.g. `/gates/my_gate`. */
  path: string;
  /** The HTTP status the emulator answered with. */
  status: number;
  /** The spec's operation id of the route (`updateGate`), when the request matched one. */
  operationId?: string;
  /** When it was served, in milliseconds since the epoch. */
  time: number;
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

/** Shapes a successful reply for the wire. */
function shapeBody(reply: Reply, shape: Shape): unknown {
  if (reply.page) {
    const { items, page, limit, total } = reply.page;
    if (shape === "published") {
      const last = Math.max(1, Math.ceil(total / limit));
      return {
        message: reply.message ?? "Listed successfully",
        data: items,
        pagination: {
          itemsPerPage: limit,
          pageNumber: page,
          totalItems: total,
          nextPage: page < last ? page + 1 : null,
          previousPage: page > 1 ? page - 1 : null,
          all: null,
        },
      };
    }
    return { data: items, pagination: { total, page, limit, hasMore: page * limit < total } };
  }
  if (reply.items) {
    return shape === "published"
      ? { message: reply.message ?? "Listed successfully", data: reply.items }
      : { data: reply.items };
  }
  if (shape === "published" && reply.body !== undefined && !reply.raw) {
    return { message: reply.message ?? "OK", data: reply.body };
  }
  return reply.body;
}

async function readBody(req: http.IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new HttpError(413, `request body too large (limit ${MAX_BODY_BYTES} bytes)`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/**
 * How deep a JSON text nests (`{}` is 1), counted without parsing, so that a hostile body is
 * refused before any recursive code (the parser, the validator, copies, the snapshot) sees it.
 */
function jsonDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \ */) i++;
      else if (c === 34 /* " */) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 /* { */ || c === 91 /* [ */) max = Math.max(max, ++depth);
    else if (c === 125 /* } */ || c === 93 /* ] */) depth--;
  }
  return max;
}

/** Splits a request target into its path (still percent-encoded) and a null-prototype query. */
function parseTarget(target: string): { pathname: string; search: string; query: Record<string, string> } {
  let t = target;
  // Absolute-form targets (`GET http://host/path`), as a proxy sends them.
  if (!t.startsWith("/")) {
    try {
      const u = new URL(t);
      t = u.pathname + u.search;
    } catch {
      t = "/" + t;
    }
  }
  const q = t.indexOf("?");
  const pathname = q < 0 ? t : t.slice(0, q);
  const search = q < 0 ? "" : t.slice(q);
  const query = Object.create(null) as Record<string, string>;
  for (const [k, v] of new URLSearchParams(search)) query[k] = v;
  return { pathname, search, query };
}

/** One admin endpoint. */
interface AdminRoute {
  method: string;
  path: string;
  what: string;
  run(req: http.IncomingMessage): Promise<{ status: number; body: unknown }> | { status: number; body: unknown };
}

/** Starts an emulator. Tests call this in-process with port 0. */
export async function startEmulator(opts: EmulatorOptions = {}): Promise<RunningEmulator> {
  const apiKey = opts.apiKey ?? DEFAULT_EMULATOR_KEY;
  const shape: Shape = opts.shape ?? "seed";
  const logLimit = opts.logLimit ?? 10_000;
  const auditLimit = opts.auditLimit ?? 10_000;
  const store = new Store(opts.dataFile ? loadSnapshot(opts.dataFile) : undefined);
  const persist = () => {
    if (opts.dataFile) saveSnapshot(opts.dataFile, store.snapshot());
  };
  const limiter = new RateLimiter(opts.rateLimit ?? "off");
  const faults = new FaultInjector(opts.faults ?? []);
  const routes = compileRoutes(routeTable(apiKey), shape);
  const actor = { name: opts.apiKeyLabel ?? "Console API key (emulator)", email: "console-api@emulator.local" };
  let log: RequestLogEntry[] = [];
  const sdk = sdkEndpoints(store, opts.sdkKeys);
  const reset = () => {
    store.reset();
    sdk.reset();
    log = [];
    persist();
  };

  const send = (res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    const text = body === undefined ? "" : JSON.stringify(body);
    res.writeHead(status, {
      "content-type": "application/json",
      "content-length": Buffer.byteLength(text),
      ...headers,
    });
    // Node sends no body for HEAD requests, but keeps the GET's content-length.
    res.end(text);
  };

  const adminRoutes: AdminRoute[] = [
    {
      method: "GET",
      path: "/requests",
      what: "the API requests served (capped), oldest first",
      run: () => ({ status: 200, body: { data: log } }),
    },
    {
      method: "POST",
      path: "/reset",
      what: "empties state, audit log and request log",
      run: () => {
        reset();
        return { status: 200, body: { message: "reset" } };
      },
    },
    {
      method: "GET",
      path: "/health",
      what: "status, shape, persistence and rate limit",
      run: () => ({
        status: 200,
        body: { status: "ok", shape, persistent: !!opts.dataFile, rateLimit: limiter.windows },
      }),
    },
    {
      method: "GET",
      path: "/routes",
      what: "this route table and the API's",
      run: () => ({
        status: 200,
        body: {
          data: routes
            .map(({ method, path, operationId, source }) => ({ method, path, operationId, source }))
            .sort((a, b) => a.path.localeCompare(b.path) || a.method.localeCompare(b.method)),
          admin: adminRoutes.map(({ method, path, what }) => ({ method, path: `/__emulator${path}`, what })),
        },
      }),
    },
    {
      method: "GET",
      path: "/faults",
      what: "the active fault rules",
      run: () => ({ status: 200, body: { rules: faults.list() } }),
    },
    {
      method: "POST",
      path: "/faults",
      what: "replaces the fault rules",
      run: async (req) => {
        try {
          faults.set(parseRules(JSON.parse((await readBody(req)) || "null")));
        } catch (err) {
          return { status: 400, body: { status: 400, message: (err as Error).message } };
        }
        return { status: 200, body: { rules: faults.list() } };
      },
    },
    {
      method: "DELETE",
      path: "/faults",
      what: "clears the fault rules",
      run: () => {
        faults.set([]);
        return { status: 200, body: { rules: [] } };
      },
    },
  ];

  const admin = async (req: http.IncomingMessage, res: http.ServerResponse, method: string, path: string) => {
    const wanted = method === "HEAD" ? "GET" : method;
    const route = adminRoutes.find((r) => r.path === path && r.method === wanted);
    if (route) {
      const { status, body } = await route.run(req);
      return send(res, status, body);
    }
    const allow = [...new Set(adminRoutes.filter((r) => r.path === path).map((r) => r.method))];
    if (allow.includes("GET")) allow.push("HEAD");
    if (allow.length)
      return send(
        res,
        405,
        { status: 405, message: `method ${method} not allowed on /__emulator${path}` },
        {
          allow: allow.sort().join(", "),
        },
      );
    return send(res, 404, { status: 404, message: `unknown admin endpoint ${method} /__emulator${path}` });
  };

  const handle = async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    const method = (req.method ?? "GET").toUpperCase();
    const { pathname, search, query } = parseTarget(req.url ?? "/");
    // Statsig's server SDK endpoints (download_config_specs, id lists, log_event): sdk/serve.ts.
    if (await sdk.handle(req, res, method, pathname)) return;
    if (pathname.startsWith("/__emulator/")) return admin(req, res, method, pathname.slice("/__emulator".length));

    const inApi = pathname.startsWith(API_PREFIX + "/");
    const p = inApi ? pathname.slice(API_PREFIX.length) : pathname;
    const entry: RequestLogEntry = { method, path: p + search, status: 0, time: Date.now() };
    log.push(entry);
    if (log.length > logLimit) log.splice(0, log.length - logLimit);

    const reply = (status: number, body: unknown, headers?: Record<string, string>) => {
      entry.status = status;
      send(res, status, body, headers);
    };
    const fail = (status: number, message: string, headers?: Record<string, string>) =>
      reply(status, { status, message }, headers);

    try {
      const text = await readBody(req);
      const found = inApi ? resolve(routes, method, p) : ({ kind: "no-route" } as const);
      // An unknown route is not a missing entity: the service's framework (NestJS) answers it in
      // its own shape, which a client can tell from the `{ status, message }` of "no such gate".
      if (found.kind === "no-route")
        return reply(404, { statusCode: 404, error: "Not Found", message: `Cannot ${method} ${pathname}` });
      if (found.kind === "wrong-method")
        return fail(405, `method ${method} not allowed on ${p}`, { allow: found.allow.join(", ") });
      const { route, params } = found;
      entry.operationId = route.operationId;

      if (req.headers["statsig-api-key"] !== apiKey) return fail(401, "Invalid or missing STATSIG-API-KEY header");
      const admitted = limiter.admit();
      if (!admitted.ok) {
        const secs = Math.max(1, Math.ceil(admitted.retryAfterMs / 1000));
        return fail(429, `Too many requests: rate limit exceeded, retry in ${secs}s`, { "retry-after": String(secs) });
      }
      const { fault, retryAfter } = faults.pick(method, p);
      if (fault.startsWith("latency:")) await new Promise((r) => setTimeout(r, Number(fault.slice(8))));
      if (fault === "reset") {
        entry.status = -1;
        req.socket.destroy();
        return;
      }
      if (fault === "429")
        return fail(429, "Too many requests (injected fault)", { "retry-after": String(retryAfter) });
      if (fault === "500" || fault === "503") return fail(Number(fault), `Injected fault ${fault}`);

      let body: unknown = undefined;
      if (route.checkBody && text.trim()) {
        if (jsonDepth(text) > MAX_JSON_DEPTH)
          return fail(400, `request body: nested deeper than ${MAX_JSON_DEPTH} levels`);
        try {
          body = JSON.parse(text);
        } catch {
          return fail(400, "request body is not valid JSON");
        }
      }
      if (route.checkBody) {
        if (body === undefined && route.bodyRequired) return fail(400, "request body is required");
        const problems = body === undefined ? [] : route.checkBody(body);
        if (problems.length) return fail(400, problems.join("; "));
      }
      const read = method === "GET" || method === "HEAD";
      // Only mutations are audited, so only they need the name as it was before the request.
      const before = !read && params.id ? store.get(route.path.split("/")[1], params.id)?.name : undefined;
      const result = await route.handler({ params, query, body, store, shape, method });
      const status = result.status ?? 200;
      if (!read && status < 300) {
        recordAudit(
          store,
          {
            method,
            path: p,
            template: route.path,
            body,
            result: result.body,
            before: typeof before === "string" ? before : undefined,
            actor,
          },
          auditLimit,
        );
        persist();
      }
      // The mutation above is applied (and saved); the client is told it failed.
      if (fault === "fail_after_commit") return fail(500, "Injected fault after commit");
      reply(status, shapeBody(result, shape), result.headers);
    } catch (err) {
      if (err instanceof HttpError) return fail(err.status, err.message);
      fail(500, `emulator error: ${(err as Error).message}`);
    }
  };

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
    apiKey,
    store,
    faults,
    requests: () => [...log],
    reset,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Keep-alive clients would otherwise hold the server open until they time out.
        server.closeAllConnections();
      }),
  };
}
