/**
 * Types shared by the emulator's server and its per-entity handlers.
 */
import type { JsonSchema } from "../provider/spec";
import type { Store } from "./state";

/** Response shape: the seed spec's bare entities, or the published `{ message, data }` envelope. */
export type Shape = "seed" | "published";

/** What a handler sees of a request. */
export interface HandlerContext {
  params: Record<string, string>;
  query: Record<string, string>;
  body: unknown;
  store: Store;
  shape: Shape;
  method: string;
}

/** What a handler returns; the server shapes it for the wire. */
export interface Reply {
  status?: number;
  /** An entity (or any JSON) to return; wrapped in the envelope in the published shape. */
  body?: unknown;
  /** An unpaginated list: `{ data }` in the seed's shape, the envelope's `data` in the published one. */
  items?: unknown[];
  /** A page of a list; shaped with the seed's or the published pagination. */
  page?: { items: unknown[]; page: number; limit: number; total: number };
  /** The envelope's `message`. */
  message?: string;
  /** Send `body` as is, even in the published shape. */
  raw?: boolean;
  headers?: Record<string, string>;
}

/** A request handler. */
export type Handler = (ctx: HandlerContext) => Reply | Promise<Reply>;

/** An extra route (a published-API endpoint the seed lacks). */
export interface RouteDef {
  method: string;
  template: string;
  operationId: string;
  handler: Handler;
  bodySchema?: JsonSchema;
}

/** The handlers of one entity: by seed operationId, plus extra routes. */
export interface RouteGroup {
  handlers: Record<string, Handler>;
  extra?: RouteDef[];
}

/** An error with an HTTP status; the server answers `{ status, message }`. */
export class HttpError extends Error {
  /** Creates the error. */
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}
