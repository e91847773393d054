/**
 * Calls an emulator handler as the pipeline does (emulator/pipeline.ts `serve`): with decoded path
 * parameters and query parameters in null-prototype objects, the parsed body, the store and the
 * response shape; no HTTP. A refusal is the handler's `HttpError`, returned here to assert on.
 */
import { Store } from "../../../../emulator/store";
import { Handler, HttpError, Reply, Shape } from "../../../../emulator/types";

/** What a test says of a request; everything optional. */
export interface Call {
  params?: Record<string, string>;
  query?: Record<string, string>;
  body?: unknown;
  shape?: Shape;
  method?: string;
}

const bare = (o: Record<string, string> = {}) => Object.assign(Object.create(null) as Record<string, string>, o);

/** The handler's reply (it must not refuse). */
export async function call(handler: Handler, store: Store, c: Call = {}): Promise<Reply> {
  return handler({
    params: bare(c.params),
    query: bare(c.query),
    body: c.body,
    store,
    shape: c.shape ?? "seed",
    method: c.method ?? "GET",
  });
}

/** The handler's refusal: an `HttpError` (fails the test when it answers instead). */
export async function refusal(handler: Handler, store: Store, c: Call = {}): Promise<HttpError> {
  let reply: Reply;
  try {
    reply = await call(handler, store, c);
  } catch (err) {
    if (err instanceof HttpError) return err;
    throw err;
  }
  throw new Error(`expected a refusal, got ${JSON.stringify(reply)}`);
}
