/**
 * transport.ts: one attempt. The request as sent (headers, encoded query, JSON body), what an
 * answer or its absence becomes (the failure's class, Statsig's message or an HTML page's title,
 * the key redacted), the per-attempt timeout, and the pacer's slot released in every case.
 */
import { MissingEndpointError, NoResponseError, NotFoundError, ServerError } from "../../../provider/client/errors";
import { API_VERSION, FetchLike, prepareRequest, sendAttempt } from "../../../provider/client/transport";

const KEY = "console-SECRET-key-123456";
const req = (opts = {}) => prepareRequest("http://h/console/v1", "POST", "/gates", opts, KEY);
const answer =
  (status: number, text: string, headers: Record<string, string> = {}): FetchLike =>
  async () => ({ status, headers: { get: (n: string) => headers[n] ?? null }, text: async () => text });
const first = { attempt: 0, ambiguous: false };

describe("prepareRequest", () => {
  it("authenticates, names the version, encodes the query and sends JSON", () => {
    const r = prepareRequest("http://h/v1", "GET", "/gates", { query: { limit: 2, q: "a b&c", skip: undefined } }, KEY);
    expect(r.url).toBe("http://h/v1/gates?limit=2&q=a%20b%26c");
    expect(r.relPath).toBe("/gates?limit=2&q=a%20b%26c");
    expect(r.headers).toEqual({
      "STATSIG-API-KEY": KEY,
      "STATSIG-API-VERSION": API_VERSION,
      Accept: "application/json",
    });
    expect(r.body).toBeUndefined();
    const w = req({ body: { name: "x" } });
    expect(w.headers["Content-Type"]).toBe("application/json");
    expect(w.body).toBe('{"name":"x"}');
  });
});

describe("sendAttempt", () => {
  it("a 2xx is its parsed body; the slot is released", async () => {
    let released = 0;
    const r = await sendAttempt(answer(201, '{"id":"g"}'), req(), 1000, first, async () => void released++);
    expect(r).toEqual({ ok: true, body: { id: "g" } });
    expect(released).toBe(1);
  });

  it("a failure names Statsig's message, the request id and the attempt, with the key redacted", async () => {
    const fetch = answer(503, JSON.stringify({ message: `down for ${KEY}` }), {
      "x-request-id": "rid",
      "retry-after": "2",
    });
    const r = await sendAttempt(fetch, req(), 1000, { attempt: 2, ambiguous: true });
    if (r.ok) throw new Error("expected a failure");
    expect(r.failure).toBeInstanceOf(ServerError);
    expect(r.failure).toMatchObject({ status: 503, requestId: "rid", attempts: 3, ambiguousRetry: true });
    expect(r.failure.apiMessage).toBe("down for [REDACTED]");
    expect(r.retryAfter).toBe("2");
  });

  it("tells an entity 404 from an HTML page at the wrong URL", async () => {
    const gone = await sendAttempt(answer(404, '{"message":"Gate \\"x\\" not found"}'), req(), 1000, first);
    const html = await sendAttempt(answer(404, "<html><title> Oops </title></html>"), req(), 1000, first);
    if (gone.ok || html.ok) throw new Error("expected failures");
    expect(gone.failure).toBeInstanceOf(NotFoundError);
    expect(html.failure).toBeInstanceOf(MissingEndpointError);
    expect(html.failure.apiMessage).toBe('not a JSON answer (an HTML page titled "Oops")');
    const bare = await sendAttempt(answer(502, ""), req(), 1000, first);
    expect(!bare.ok && bare.failure.apiMessage).toBe("Bad Gateway");
  });

  it("no answer in time is a timeout; a network error names its code; both release the slot", async () => {
    let released = 0;
    const release = async () => void released++;
    const hang: FetchLike = (_url, init) =>
      new Promise((_res, reject) =>
        init.signal?.addEventListener("abort", () => reject(Object.assign(new Error("x"), { name: "AbortError" }))),
      );
    const late = await sendAttempt(hang, req(), 5, first, release);
    if (late.ok) throw new Error("expected a failure");
    expect(late.failure).toBeInstanceOf(NoResponseError);
    expect(late.failure.apiMessage).toBe("timed out after 5 ms");
    const reset: FetchLike = async () => Promise.reject(Object.assign(new Error("boom"), { code: "ECONNRESET" }));
    const lost = await sendAttempt(reset, req(), 1000, first, release);
    expect(!lost.ok && lost.failure.apiMessage).toBe("network error: ECONNRESET");
    expect(!lost.ok && lost.failure.url).toBe("http://h/console/v1/gates");
    expect(released).toBe(2);
  });
});
