/**
 * HTTP utilities of the emulator: sending JSON, reading a bounded body, measuring a body's nesting
 * before it is parsed, splitting a request target, and shaping a handler's reply for the wire in
 * the seed's shape or the published one.
 */
import * as http from "http";
import { MAX_BODY_BYTES } from "./rules";
import { HttpError, Reply, Shape } from "./types";

/** Sends `body` as JSON with `status` and extra `headers`. */
export function send(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  const text = body === undefined ? "" : JSON.stringify(body);
  res.writeHead(status, {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(text),
    ...headers,
  });
  // Node sends no body for HEAD requests, but keeps the GET's content-length.
  res.end(text);
}

/** The request body as text; a 413 past `MAX_BODY_BYTES`. */
export async function readBody(req: http.IncomingMessage): Promise<string> {
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
export function jsonDepth(text: string): number {
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
export function parseTarget(target: string): { pathname: string; search: string; query: Record<string, string> } {
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

/** Shapes a successful reply for the wire. */
export function shapeBody(reply: Reply, shape: Shape): unknown {
  if (reply.page) return shapePage(reply.page, reply.message, shape);
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

function shapePage(p: NonNullable<Reply["page"]>, message: string | undefined, shape: Shape): unknown {
  const { items, page, limit, total } = p;
  if (shape !== "published") return { data: items, pagination: { total, page, limit, hasMore: page * limit < total } };
  const last = Math.max(1, Math.ceil(total / limit));
  return {
    message: message ?? "Listed successfully",
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
