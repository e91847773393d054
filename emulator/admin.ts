/**
 * The emulator's admin surface, outside the Statsig API and without a key (`/__emulator/...`):
 * the request log, reset, health, the route table, and the fault rules. See emulator/README.md.
 */
import * as http from "http";
import { FaultInjector, parseRules } from "./faults";
import { readBody, send } from "./http";
import { CompiledRoute } from "./router";

/** One admin endpoint. */
interface AdminRoute {
  method: string;
  path: string;
  what: string;
  run(req: http.IncomingMessage): Promise<{ status: number; body: unknown }> | { status: number; body: unknown };
}

/** What the admin endpoints read and change of a running emulator. */
export interface AdminContext {
  /** The API requests served so far. */
  log(): unknown[];
  /** Empties state and logs. */
  reset(): void;
  /** The `/health` answer's details. */
  health(): Record<string, unknown>;
  /** The API's route table. */
  routes: CompiledRoute[];
  /** The fault rules. */
  faults: FaultInjector;
}

function adminRoutes(ctx: AdminContext): AdminRoute[] {
  const table: AdminRoute[] = [
    {
      method: "GET",
      path: "/requests",
      what: "the API requests served (capped), oldest first",
      run: () => ({ status: 200, body: { data: ctx.log() } }),
    },
    {
      method: "POST",
      path: "/reset",
      what: "empties state, audit log and request log",
      run: () => {
        ctx.reset();
        return { status: 200, body: { message: "reset" } };
      },
    },
    {
      method: "GET",
      path: "/health",
      what: "status, shape, persistence and rate limit",
      run: () => ({ status: 200, body: { status: "ok", ...ctx.health() } }),
    },
    {
      method: "GET",
      path: "/routes",
      what: "this route table and the API's",
      run: () => ({
        status: 200,
        body: {
          data: ctx.routes
            .map(({ method, path, operationId, source }) => ({ method, path, operationId, source }))
            .sort((a, b) => a.path.localeCompare(b.path) || a.method.localeCompare(b.method)),
          admin: table.map(({ method, path, what }) => ({ method, path: `/__emulator${path}`, what })),
        },
      }),
    },
    ...faultRoutes(ctx.faults),
  ];
  return table;
}

function faultRoutes(faults: FaultInjector): AdminRoute[] {
  return [
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
}

/** The admin surface's request handler: `path` is below `/__emulator`. */
export function adminHandler(ctx: AdminContext) {
  const routes = adminRoutes(ctx);
  return async (req: http.IncomingMessage, res: http.ServerResponse, method: string, path: string) => {
    const wanted = method === "HEAD" ? "GET" : method;
    const route = routes.find((r) => r.path === path && r.method === wanted);
    if (route) {
      const { status, body } = await route.run(req);
      return send(res, status, body);
    }
    const allow = [...new Set(routes.filter((r) => r.path === path).map((r) => r.method))];
    if (allow.includes("GET")) allow.push("HEAD");
    if (allow.length)
      return send(
        res,
        405,
        { status: 405, message: `method ${method} not allowed on /__emulator${path}` },
        { allow: allow.sort().join(", ") },
      );
    return send(res, 404, { status: 404, message: `unknown admin endpoint ${method} /__emulator${path}` });
  };
}
