/**
 * errors.ts: `apiError` is the one place a failure's class is chosen, and the class says what
 * callers ask (retry it? may it have been applied? is the entity gone?); a copy keeps its class.
 */
import {
  BadRequestError,
  ClientError,
  ConflictError,
  MissingEndpointError,
  NoResponseError,
  NotFoundError,
  RefusedError,
  RequestTimeoutError,
  ServerError,
  StatsigApiError,
  ThrottledError,
  apiError,
  redact,
} from "../../../provider/client/errors";

const at = (status: number, extra: Partial<Parameters<typeof apiError>[0]> = {}) =>
  apiError({ status, apiMessage: "m", method: "POST", path: "/gates", ...extra });

describe("apiError", () => {
  it("picks the class from the status, and for a 404 from what its body said", () => {
    const cases: [StatsigApiError, new (...a: never[]) => StatsigApiError][] = [
      [at(0), NoResponseError],
      [at(500), ServerError],
      [at(503), ServerError],
      [at(400), BadRequestError],
      [at(409), ConflictError],
      [at(404, { notFoundKind: "entity" }), NotFoundError],
      [at(404, { notFoundKind: "endpoint" }), MissingEndpointError],
      [at(404), MissingEndpointError],
      [at(429), ThrottledError],
      [at(408), RequestTimeoutError],
      [at(401), ClientError],
      [at(200), StatsigApiError],
    ];
    for (const [err, cls] of cases) expect([err.status, err.constructor.name]).toEqual([err.status, cls.name]);
    expect(at(400)).toBeInstanceOf(RefusedError);
    expect(at(409)).toBeInstanceOf(RefusedError);
    expect(at(401)).not.toBeInstanceOf(RefusedError);
    expect(at(404, { notFoundKind: "entity" })).toBeInstanceOf(ClientError);
  });

  it("says which failures are retried and which may have been applied", () => {
    const retried = [0, 408, 429, 500, 502, 503];
    const notRetried = [400, 401, 403, 404, 409, 422, 200];
    expect(retried.map((s) => at(s).retryable)).toEqual(retried.map(() => true));
    expect(notRetried.map((s) => at(s).retryable)).toEqual(notRetried.map(() => false));
    expect([0, 500, 503].map((s) => at(s).mayHaveApplied)).toEqual([true, true, true]);
    expect([400, 408, 429].map((s) => at(s).mayHaveApplied)).toEqual([false, false, false]);
    // A refusal heard on a retry of an ambiguous attempt may be our own earlier attempt.
    expect(at(400, { ambiguousRetry: true }).mayHaveApplied).toBe(true);
  });

  it("only an entity 404 is not-found", () => {
    expect(at(404, { notFoundKind: "entity" }).isNotFound()).toBe(true);
    expect(at(404, { notFoundKind: "endpoint" }).isNotFound()).toBe(false);
    expect(at(400).isNotFound()).toBe(false);
  });

  it("a copy with an operation or another message keeps the class and the facts", () => {
    const err = at(404, { notFoundKind: "entity", requestId: "r1", attempts: 2 });
    const named = err.withOperation('read gate "x"');
    expect(named).toBeInstanceOf(NotFoundError);
    expect(named).toMatchObject({ status: 404, requestId: "r1", attempts: 2, operation: 'read gate "x"' });
    expect(named.message).toBe('failed to read gate "x": HTTP 404 from POST /gates after 2 attempts: m, request id r1');
    const said = at(429).withMessage("m (still throttled)");
    expect(said).toBeInstanceOf(ThrottledError);
    expect(said.apiMessage).toBe("m (still throttled)");
  });

  it("knows a POST", () => {
    expect(at(400).fromPost).toBe(true);
    expect(at(400, { method: "PUT" }).fromPost).toBe(false);
  });
});

describe("redact", () => {
  it("removes every occurrence of the key, and leaves keys too short to matter", () => {
    expect(redact("a KEY123 b KEY123", "KEY123")).toBe("a [REDACTED] b [REDACTED]");
    expect(redact("abc", "ab")).toBe("abc");
  });
});
