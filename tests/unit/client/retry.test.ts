/**
 * retry.ts: which failures are tried again and how long to wait. Errors use a number of retries
 * with exponential backoff and equal jitter; 429s use a total time, honour Retry-After (capped),
 * and ask every request to pause; a spent budget throws the failure, saying why for a 429.
 */
import { apiError } from "../../../provider/client/errors";
import { RetryBudget, backoffDelay, parseRetryAfter } from "../../../provider/client/retry";

const limits = { maxRetries: 2, backoffBaseMs: 100, maxDelayMs: 1_000, maxThrottleWaitMs: 2_500 };
const fail = (status: number) => apiError({ status, apiMessage: "m", method: "GET", path: "/gates?limit=1" });

describe("backoffDelay", () => {
  it("is half fixed and half random, doubling, capped", () => {
    expect([0, 1, 2].map((n) => backoffDelay(n, 100, 1_000, () => 0))).toEqual([50, 100, 200]);
    expect([0, 1, 2].map((n) => backoffDelay(n, 100, 1_000, () => 1))).toEqual([100, 200, 400]);
    expect(backoffDelay(10, 100, 1_000, () => 0.5)).toBe(1_000);
  });
});

describe("parseRetryAfter", () => {
  it("reads seconds or an HTTP date, never negative", () => {
    expect(parseRetryAfter("3", 0)).toBe(3000);
    expect(parseRetryAfter(new Date(5_000).toUTCString(), 9_000)).toBe(0);
    expect(parseRetryAfter("", 0)).toBeUndefined();
  });
});

describe("RetryBudget", () => {
  it("retries errors maxRetries times with backoff, then throws the failure", () => {
    const b = new RetryBudget(limits, () => 0.5);
    const w1 = b.next(fail(503), undefined);
    const w2 = b.next(fail(0), undefined);
    expect([w1.ms, w2.ms]).toEqual([75, 150]);
    expect(w1.line).toBe("HTTP 503 from GET /gates?limit=1: m; retry 1 of 2 in 0.1 s");
    expect(w2.line).toMatch(/^no response from GET \/gates\?limit=1: m; retry 2 of 2/);
    expect(w1.pauseAll).toBe(false);
    const last = fail(502);
    expect(() => b.next(last, undefined)).toThrow(last);
  });

  it("throttling spends time, not retries: Retry-After honoured and capped, every request paused", () => {
    const b = new RetryBudget(limits, () => 0.5);
    const w = b.next(fail(429), 5_000);
    expect(w).toMatchObject({ ms: 1_000, pauseAll: true });
    expect(w.line).toMatch(/^HTTP 429 from GET \/gates\?limit=1; waiting 1\.0 s as its Retry-After asks/);
    // Without Retry-After: backoff, and no pause of the others.
    expect(b.next(fail(429), undefined)).toMatchObject({ ms: 150, pauseAll: false });
    // Errors still have their own retries after a run of 429s.
    expect(b.next(fail(500), undefined).ms).toBe(75);
  });

  it("fails a request still throttled past maxThrottleWaitMs, naming the setting", () => {
    const b = new RetryBudget(limits, () => 0.5);
    b.next(fail(429), 1_000);
    b.next(fail(429), 1_000);
    let thrown: unknown;
    try {
      b.next(fail(429), 1_000);
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toMatchObject({
      status: 429,
      apiMessage: expect.stringMatching(/still throttled after waiting 2 s; raise statsig:maxThrottleWaitMs/),
    });
  });
});

describe("helpers (moved from client.test.ts)", () => {
  it("classifies retryable statuses", () => {
    const isRetryableStatus = (status: number) =>
      apiError({ status, apiMessage: "", method: "GET", path: "/" }).retryable;
    expect([429, 408, 500, 502, 503, 504].every(isRetryableStatus)).toBe(true);
    expect([400, 401, 403, 404, 409, 422].some(isRetryableStatus)).toBe(false);
  });

  it("parses Retry-After as seconds or an HTTP date", () => {
    expect(parseRetryAfter("2", 0)).toBe(2000);
    expect(parseRetryAfter(new Date(10_000).toUTCString(), 4_000)).toBe(6_000);
    expect(parseRetryAfter("soon", 0)).toBeUndefined();
    expect(parseRetryAfter(null, 0)).toBeUndefined();
  });
});
