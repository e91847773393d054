/**
 * Matching requests against the route table: path templates compiled to patterns (literal
 * segments win over parameters), request-body validators attached (the spec's schema for seed
 * operations, the row's own for published ones), and the three ways a request can miss: no such
 * path (404), no such method on the path (405 with `Allow`), or a path that does not decode (400).
 */
import { JsonSchema, Validator, operationBody, spec, validator } from "./spec";
import { HttpError, Route, Shape } from "./types";

/** A route ready to match. */
export interface CompiledRoute extends Route {
  /** Where the row comes from: a seed spec operation, or Statsig's published API. */
  source: "seed" | "published";
  regex: RegExp;
  paramNames: string[];
  /** Checks the parsed body (none: the route takes no body). */
  checkBody?: Validator;
  bodyRequired: boolean;
}

/** How a request resolved. */
export type Resolution =
  | { kind: "route"; route: CompiledRoute; params: Record<string, string> }
  | { kind: "wrong-method"; allow: string[] }
  | { kind: "no-route" };

function compileTemplate(template: string): { regex: RegExp; paramNames: string[] } {
  const paramNames: string[] = [];
  const pattern = template
    .split(/(\{[^}]+\})/)
    .map((part) => {
      const param = /^\{([^}]+)\}$/.exec(part);
      if (!param) return part.replace(/[.*+?^$()|[\]\\]/g, "\\$&");
      paramNames.push(param[1]);
      return "([^/]+)";
    })
    .join("");
  return { regex: new RegExp(`^${pattern}$`), paramNames };
}

/**
 * Compiles the table, its bodies checked under the shape's contract (the seed's, or the published
 * API's conditions). Refuses to start when the table and the seed spec disagree: a spec operation
 * without a row, a row with a seed operationId the spec does not have at that method and path, or
 * two rows for one method and path.
 */
export function compileRoutes(table: Route[], shape: Shape = "seed"): CompiledRoute[] {
  const doc = spec();
  const rows = new Map<string, Route>();
  for (const r of table) {
    const key = `${r.method} ${r.path}`;
    if (rows.has(key)) throw new Error(`route table: ${key} appears twice`);
    rows.set(key, r);
  }
  for (const [path, ops] of Object.entries(doc.paths))
    for (const [method, op] of Object.entries(ops)) {
      const r = rows.get(`${method.toUpperCase()} ${path}`);
      if (r?.operationId !== op.operationId)
        throw new Error(`route table: the spec's ${op.operationId} (${method.toUpperCase()} ${path}) has no row`);
    }
  const compiled = table.map((r): CompiledRoute => {
    const fromSpec = operationBody(r.method, r.path);
    const published = r.operationId.startsWith("published:");
    if (!published && doc.paths[r.path]?.[r.method.toLowerCase()]?.operationId !== r.operationId)
      throw new Error(`route table: ${r.operationId} is not a seed operation at ${r.method} ${r.path}`);
    const schema: JsonSchema | undefined = fromSpec?.schema ?? r.body;
    return {
      ...r,
      source: published ? "published" : "seed",
      ...compileTemplate(r.path),
      checkBody: schema ? validator(schema, "", shape) : undefined,
      bodyRequired: fromSpec ? fromSpec.required : !!r.body,
    };
  });
  // Literal segments win over parameters (`/segments/{id}/id_list` is not `/segments/{id}/{x}`).
  return compiled.sort((a, b) => a.paramNames.length - b.paramNames.length);
}

/** The methods a path answers to, as an `Allow` header lists them (`HEAD` wherever `GET` is). */
function allowed(routes: CompiledRoute[], path: string): string[] {
  const methods = new Set<string>();
  for (const r of routes)
    if (r.regex.test(path)) {
      methods.add(r.method);
      if (r.method === "GET") methods.add("HEAD");
    }
  return [...methods].sort();
}

/**
 * Finds the route of a request (`path` under `/console/v1`, still percent-encoded). `HEAD` is
 * served by the `GET` route. Throws a 400 when a path parameter is not valid percent-encoding.
 */
export function resolve(routes: CompiledRoute[], method: string, path: string): Resolution {
  const wanted = method === "HEAD" ? "GET" : method;
  for (const route of routes) {
    if (route.method !== wanted) continue;
    const m = route.regex.exec(path);
    if (!m) continue;
    const params = Object.create(null) as Record<string, string>;
    route.paramNames.forEach((name, i) => {
      try {
        params[name] = decodeURIComponent(m[i + 1]);
      } catch {
        throw new HttpError(400, `malformed path: ${name} ${JSON.stringify(m[i + 1])} is not valid percent-encoding`);
      }
    });
    return { kind: "route", route, params };
  }
  const allow = allowed(routes, path);
  return allow.length ? { kind: "wrong-method", allow } : { kind: "no-route" };
}
