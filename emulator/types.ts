/**
 * Types shared by the emulator's server, its route table and its per-entity handlers.
 */
import type { Store } from "./store";

/** A JSON Schema (2020-12, as OpenAPI 3.1 uses). Declared here, not in `spec.ts`, so types import nothing. */
export type JsonSchema = Record<string, unknown>;

/** Response shape: the seed spec's bare entities, or the published `{ message, data }` envelope. */
export type Shape = "seed" | "published";

/** What a handler sees of a request. */
export interface HandlerContext {
  /** Path parameters, decoded (`{ id: "a_gate" }`); a null-prototype object. */
  params: Record<string, string>;
  /** Query parameters (last value wins); a null-prototype object. */
  query: Record<string, string>;
  /** The parsed JSON body, already valid against the route's body schema. */
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

/** An entity's handlers by name (and the body schemas of its published endpoints). */
export type EntityHandlers = Record<string, Handler | JsonSchema>;

/** One row of the route table. */
export interface Route {
  /** `GET`, `POST`, `PUT`, `PATCH` or `DELETE` (`HEAD` is served by every `GET` route). */
  method: string;
  /** The path template under `/console/v1`, as the spec writes it (`/gates/{id}/rules`). */
  path: string;
  /** The seed operationId, or `published:<name>` for an endpoint only the published API has. */
  operationId: string;
  /**
   * The audit log's action for a mutation served by this row (`create`, `update`, `delete`, a
   * lifecycle verb such as `enable`, or `<sub-resource>.<verb>` such as `rules.update`); every
   * row but a `GET` has one.
   */
  audit?: string;
  handler: Handler;
  /**
   * The body schema of a published endpoint (a seed operation's comes from the spec). A route
   * with neither ignores any body it is sent.
   */
  body?: JsonSchema;
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
