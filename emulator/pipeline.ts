/**
 * The emulator's request pipeline for the API under `/console/v1`. A request is resolved against
 * the route table (404 in the service framework's words for an unknown route, 405 with `Allow`
 * for a known path with another method, 400 for a path that does not decode), then
 * authenticated, rate-limited and fault-injected; its body is refused past `MAX_JSON_DEPTH`
 * levels of nesting, parsed and validated (400 naming the field); the handler runs against the
 * store; mutations are audited (with the action of their route row) and persisted before the
 * answer is sent, shaped as the seed's bare entities or the published `{ message, data }`.
 */
import * as http from "http";
import { recordAudit } from "./audit";
import { FaultInjector } from "./faults";
import { jsonDepth, readBody, shapeBody } from "./http";
import { RateLimiter } from "./ratelimit";
import { CompiledRoute, resolve } from "./router";
import { MAX_JSON_DEPTH } from "./rules";
import { Store } from "./store";
import { HttpError, Shape } from "./types";

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

/** What the pipeline works with: the running emulator's parts. */
export interface PipelineContext {
  routes: CompiledRoute[];
  apiKey: string;
  shape: Shape;
  store: Store;
  limiter: RateLimiter;
  faults: FaultInjector;
  /** Who the audit log says acted. */
  actor: { name: string; email: string };
  auditLimit: number;
  /** Saves the state (when persistent). */
  persist(): void;
}

/** What to answer: a status, a JSON body and headers; or `reset`: drop the connection unanswered. */
export type Answer = { status: number; body: unknown; headers?: Record<string, string> } | "reset";

/** A request as the pipeline sees it. */
export interface ApiRequest {
  req: http.IncomingMessage;
  method: string;
  /** The full path, as requested (still percent-encoded). */
  pathname: string;
  /** The path under `/console/v1`, or undefined when outside it. */
  apiPath: string | undefined;
  query: Record<string, string>;
  /** Its entry in the request log (the pipeline fills in the operation). */
  entry: RequestLogEntry;
}

const fail = (status: number, message: string, headers?: Record<string, string>): Answer => ({
  status,
  body: { status, message },
  headers,
});

/** The answer to an API request (never throws: errors become 4xx/5xx answers). */
export async function answer(ctx: PipelineContext, r: ApiRequest): Promise<Answer> {
  try {
    return await run(ctx, r);
  } catch (err) {
    if (err instanceof HttpError) return fail(err.status, err.message);
    return fail(500, `emulator error: ${(err as Error).message}`);
  }
}

async function run(ctx: PipelineContext, r: ApiRequest): Promise<Answer> {
  const { method, apiPath: p } = r;
  const text = await readBody(r.req);
  const found = p !== undefined ? resolve(ctx.routes, method, p) : ({ kind: "no-route" } as const);
  // An unknown route is not a missing entity: the service's framework (NestJS) answers it in
  // its own shape, which a client can tell from the `{ status, message }` of "no such gate".
  if (found.kind === "no-route")
    return { status: 404, body: { statusCode: 404, error: "Not Found", message: `Cannot ${method} ${r.pathname}` } };
  if (found.kind === "wrong-method")
    return fail(405, `method ${method} not allowed on ${p}`, { allow: found.allow.join(", ") });
  const { route, params } = found;
  r.entry.operationId = route.operationId;
  const refused = admit(ctx, r.req);
  if (refused) return refused;
  const { fault, retryAfter } = ctx.faults.pick(method, p!);
  const injected = await injectBefore(fault, retryAfter);
  if (injected) return injected;
  const body = parseBody(route, text);
  if (!body.ok) return body.answer;
  const result = await serve(ctx, route, { method, path: p!, params, query: r.query, body: body.value });
  // The mutation is applied (and saved); the client is told it failed.
  if (fault === "fail_after_commit") return fail(500, "Injected fault after commit");
  return result;
}

/** Authentication and the server-side rate limit: the refusal, or undefined to go on. */
function admit(ctx: PipelineContext, req: http.IncomingMessage): Answer | undefined {
  if (req.headers["statsig-api-key"] !== ctx.apiKey) return fail(401, "Invalid or missing STATSIG-API-KEY header");
  const admitted = ctx.limiter.admit();
  if (admitted.ok) return undefined;
  const secs = Math.max(1, Math.ceil(admitted.retryAfterMs / 1000));
  return fail(429, `Too many requests: rate limit exceeded, retry in ${secs}s`, { "retry-after": String(secs) });
}

/** Applies a fault picked for the request before it is served: its answer, or undefined to go on. */
async function injectBefore(fault: string, retryAfter: number | undefined): Promise<Answer | undefined> {
  if (fault.startsWith("latency:")) await new Promise((r) => setTimeout(r, Number(fault.slice(8))));
  if (fault === "reset") return "reset";
  if (fault === "429") return fail(429, "Too many requests (injected fault)", { "retry-after": String(retryAfter) });
  if (fault === "500" || fault === "503") return fail(Number(fault), `Injected fault ${fault}`);
  return undefined;
}

/** The body of a route that takes one: parsed, depth-limited and validated. */
function parseBody(route: CompiledRoute, text: string): { ok: true; value: unknown } | { ok: false; answer: Answer } {
  if (!route.checkBody) return { ok: true, value: undefined };
  let body: unknown = undefined;
  if (text.trim()) {
    if (jsonDepth(text) > MAX_JSON_DEPTH)
      return { ok: false, answer: fail(400, `request body: nested deeper than ${MAX_JSON_DEPTH} levels`) };
    try {
      body = JSON.parse(text);
    } catch {
      return { ok: false, answer: fail(400, "request body is not valid JSON") };
    }
  }
  if (body === undefined && route.bodyRequired) return { ok: false, answer: fail(400, "request body is required") };
  const problems = body === undefined ? [] : route.checkBody(body);
  return problems.length ? { ok: false, answer: fail(400, problems.join("; ")) } : { ok: true, value: body };
}

/** Runs the route's handler; a mutation served is audited and persisted before it is answered. */
async function serve(
  ctx: PipelineContext,
  route: CompiledRoute,
  r: { method: string; path: string; params: Record<string, string>; query: Record<string, string>; body: unknown },
): Promise<Answer> {
  const { method, params, body } = r;
  const read = method === "GET" || method === "HEAD";
  // Only mutations are audited, so only they need the name as it was before the request.
  const before = !read && params.id ? ctx.store.get(route.path.split("/")[1], params.id)?.name : undefined;
  const result = await route.handler({ params, query: r.query, body, store: ctx.store, shape: ctx.shape, method });
  const status = result.status ?? 200;
  if (!read && status < 300) {
    const mutation = {
      action: route.audit!,
      path: r.path,
      body,
      result: result.body,
      before: typeof before === "string" ? before : undefined,
      actor: ctx.actor,
    };
    recordAudit(ctx.store, mutation, ctx.auditLimit);
    ctx.persist();
  }
  return { status, body: shapeBody(result, ctx.shape), headers: result.headers };
}
