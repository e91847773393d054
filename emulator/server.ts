/**
 * The Console API emulator's HTTP server.
 *
 * Routes come from the spec itself: every operation of `openapi/statsig-console-api.yaml` is
 * matched by its path template and method, its request body is validated against the
 * operation's schema (400 naming the field), and its handler is looked up by `operationId`. The
 * published API's endpoints that full CRUD needs but the seed lacks are added as extra routes
 * (see `handlers/`). Responses come in the seed's shape (bare entities) or the published one
 * (`{ message, data }`), chosen by `shape`.
 *
 * Admin surface (outside the Statsig API, under `/__emulator`): `GET /requests` (the log of API
 * requests served), `POST /reset` (empty state and log), `GET /health`.
 */
import * as http from "http";
import { AddressInfo } from "net";
import { ValidateFunction } from "ajv";
import { ajvIssues, compile, loadSpec, specPointer } from "../provider/spec";
import { Store } from "./state";
import { HttpError, Handler, Reply, RouteDef, Shape } from "./types";
import { gateRoutes } from "./handlers/gates";
import { entityRoutes } from "./handlers/entities";
import { readonlyRoutes } from "./handlers/readonly";
import { FaultInjector, FaultRule, parseRules } from "./faults";
import { loadSnapshot, saveSnapshot } from "./persistence";
import { RateLimiter } from "./ratelimit";
import { recordAudit } from "./audit";

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
  /** The state (tests may inspect it). */
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

interface CompiledRoute extends RouteDef {
  regex: RegExp;
  paramNames: string[];
  validateBody?: ValidateFunction;
  bodyRequired: boolean;
}

function compileTemplate(template: string): { regex: RegExp; paramNames: string[] } {
  const paramNames: string[] = [];
  const pattern = template.replace(/\{([^}]+)\}/g, (_m, name: string) => {
    paramNames.push(name);
    return "([^/]+)";
  });
  return { regex: new RegExp(`^${pattern}$`), paramNames };
}

/** All routes: every spec operation (with its handler, or 501) plus the extra published ones. */
export function buildRoutes(handlers: Record<string, Handler>, extra: RouteDef[]): CompiledRoute[] {
  const spec = loadSpec();
  const routes: CompiledRoute[] = [];
  for (const [template, ops] of Object.entries(spec.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      const handler = handlers[op.operationId] ?? notImplemented(op.operationId);
      const pointer = `#/paths/${template.replace(/~/g, "~0").replace(/\//g, "~1")}/${method}/requestBody/content/application~1json/schema`;
      routes.push({
        method: method.toUpperCase(),
        template,
        operationId: op.operationId,
        handler,
        ...compileTemplate(template),
        validateBody: op.requestBody ? compile(`req:${op.operationId}`, specPointer(pointer)) : undefined,
        bodyRequired: !!op.requestBody?.required,
      });
    }
  }
  for (const r of extra) {
    routes.push({
      ...r,
      ...compileTemplate(r.template),
      validateBody: r.bodySchema ? compile(`req:${r.operationId}`, r.bodySchema) : undefined,
      bodyRequired: !!r.bodySchema,
    });
  }
  // Literal segments win over parameters (`/gates/{id}/rules` before `/gates/{id}/{x}`).
  return routes.sort((a, b) => a.paramNames.length - b.paramNames.length);
}

function notImplemented(operationId: string): Handler {
  return () => {
    throw new HttpError(501, `${operationId} is not implemented by this emulator`);
  };
}

/** Handlers for every spec operation, by operationId, and the extra published routes. */
export function allHandlers(apiKey: string): { handlers: Record<string, Handler>; extra: RouteDef[] } {
  const handlers: Record<string, Handler> = {};
  const extra: RouteDef[] = [];
  for (const group of [gateRoutes, ...entityRoutes, readonlyRoutes(apiKey)]) {
    Object.assign(handlers, group.handlers);
    extra.push(...(group.extra ?? []));
  }
  return { handlers, extra };
}

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
    if (size > 5 * 1024 * 1024) throw new HttpError(413, "request body too large (limit 5 MiB)");
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** Starts an emulator. Tests call this in-process with port 0. */
export async function startEmulator(opts: EmulatorOptions = {}): Promise<RunningEmulator> {
  const apiKey = opts.apiKey ?? DEFAULT_EMULATOR_KEY;
  const shape: Shape = opts.shape ?? "seed";
  const logLimit = opts.logLimit ?? 10_000;
  const auditLimit = opts.auditLimit ?? 10_000;
  const store = new Store(opts.dataFile ? loadSnapshot(opts.dataFile) : undefined);
  const persist = () => {
    if (opts.dataFile) saveSnapshot(opts.dataFile, store.data);
  };
  const limiter = new RateLimiter(opts.rateLimit ?? "off");
  const faults = new FaultInjector(opts.faults ?? []);
  const { handlers, extra } = allHandlers(apiKey);
  const routes = buildRoutes(handlers, extra);
  const actor = { name: opts.apiKeyLabel ?? "Console API key (emulator)", email: "console-api@emulator.local" };
  let log: RequestLogEntry[] = [];

  const send = (res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    const text = body === undefined ? "" : JSON.stringify(body);
    res.writeHead(status, {
      "content-type": "application/json",
      "content-length": Buffer.byteLength(text),
      ...headers,
    });
    res.end(text);
  };

  const admin = async (req: http.IncomingMessage, res: http.ServerResponse, method: string, action: string) => {
    if (method === "GET" && action === "requests") return send(res, 200, { data: log });
    if (method === "POST" && action === "reset") {
      store.reset();
      log = [];
      persist();
      return send(res, 200, { message: "reset" });
    }
    if (method === "GET" && action === "health")
      return send(res, 200, { status: "ok", shape, persistent: !!opts.dataFile, rateLimit: limiter.windows });
    if (action === "faults") {
      if (method === "GET") return send(res, 200, { rules: faults.list() });
      if (method === "DELETE") {
        faults.set([]);
        return send(res, 200, { rules: [] });
      }
      if (method === "POST") {
        try {
          faults.set(parseRules(JSON.parse((await readBody(req)) || "null")));
        } catch (err) {
          return send(res, 400, { status: 400, message: (err as Error).message });
        }
        return send(res, 200, { rules: faults.list() });
      }
    }
    return send(res, 404, { status: 404, message: `unknown admin endpoint ${method} /__emulator/${action}` });
  };

  const handle = async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? "/", "http://emulator");
    const method = (req.method ?? "GET").toUpperCase();
    let p = url.pathname;
    if (p.startsWith("/__emulator/")) return admin(req, res, method, p.slice("/__emulator/".length));

    if (p.startsWith(API_PREFIX)) p = p.slice(API_PREFIX.length) || "/";
    const entry: RequestLogEntry = { method, path: p + url.search, status: 0, time: Date.now() };
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
      if (req.headers["statsig-api-key"] !== apiKey) return fail(401, "Invalid or missing STATSIG-API-KEY header");
      let route: CompiledRoute | undefined;
      let match: RegExpExecArray | null = null;
      let pathMatched = false;
      for (const r of routes) {
        const m = r.regex.exec(p);
        if (!m) continue;
        pathMatched = true;
        if (r.method === method) {
          route = r;
          match = m;
          break;
        }
      }
      if (!route || !match)
        return fail(
          pathMatched ? 405 : 404,
          pathMatched ? `method ${method} not allowed on ${p}` : `no such endpoint ${p}`,
        );
      entry.operationId = route.operationId;

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

      const params: Record<string, string> = {};
      route.paramNames.forEach((n, i) => (params[n] = decodeURIComponent(match![i + 1])));
      const query = Object.fromEntries(url.searchParams.entries());
      let body: unknown = undefined;
      if (text.trim()) {
        try {
          body = JSON.parse(text);
        } catch {
          return fail(400, "request body is not valid JSON");
        }
      }
      if (route.validateBody) {
        if (body === undefined && route.bodyRequired) return fail(400, "request body is required");
        if (body !== undefined && !route.validateBody(body)) {
          const issues = ajvIssues(route.validateBody.errors);
          return fail(400, issues.map((i) => `${i.property}: ${i.reason}`).join("; "));
        }
      }
      // Only mutations are audited, so only they need the name as it was before the request.
      const before = method !== "GET" && params.id ? snapshotName(store, p, params.id) : undefined;
      const result = await route.handler({ params, query, body, store, shape, method });
      const status = result.status ?? 200;
      if (method !== "GET" && status < 300) {
        recordAudit(
          store,
          { method, path: p, template: route.template, body, result: result.body, before, actor },
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
    reset: () => {
      store.reset();
      log = [];
      persist();
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Keep-alive clients would otherwise hold the server open until they time out.
        server.closeAllConnections();
      }),
  };
}

/** The name of the entity a by-id request addresses, before the handler runs (for the audit log). */
function snapshotName(store: Store, p: string, id: string): string | undefined {
  const collection = p.split("/")[1];
  const e = store.get(collection, id);
  return typeof e?.name === "string" ? e.name : undefined;
}
