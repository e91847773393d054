/**
 * Console API client: retries, backoff, Retry-After, timeouts, error contents and redaction,
 * envelope and pagination handling. A fake fetch and a fake clock drive the paths a real server
 * cannot produce on demand; nothing here waits for real time.
 */
import { ConsoleClient, setLogSink, withLogContext } from "../../../provider/client";
import {
  MissingApiKeyError,
  MissingEndpointError,
  NotFoundError,
  StatsigApiError,
  classify404,
} from "../../../provider/client/errors";
import { Pacer } from "../../../provider/client/pacer";
import { KEY, client, failure, fakeClock, fakeResponse, scripted } from "./fakes";

describe("ConsoleClient requests", () => {
  it("sends the key and version headers, JSON body, and unwraps the published envelope", async () => {
    const { fetch, calls } = scripted([fakeResponse(201, { message: "created", data: { id: "a_gate" } })]);
    const out = await client(fetch).post<{ id: string }>("/gates", { name: "A Gate" });
    expect(out).toEqual({ id: "a_gate" });
    expect(calls[0].url).toBe("https://api.example.test/console/v1/gates");
    expect(calls[0].headers["STATSIG-API-KEY"]).toBe(KEY);
    expect(calls[0].headers["STATSIG-API-VERSION"]).toBe("20240601");
    expect(JSON.parse(calls[0].body!)).toEqual({ name: "A Gate" });
  });

  it("returns the seed's bare entities as they are", async () => {
    const { fetch } = scripted([fakeResponse(200, { id: "g", name: "g", data: 1, extra: true })]);
    expect(await client(fetch).get("/gates/g")).toEqual({ id: "g", name: "g", data: 1, extra: true });
  });

  it("fails before any call when no key is configured, naming both ways to set it", async () => {
    const { fetch, calls } = scripted([]);
    const c = new ConsoleClient({ baseUrl: "http://x", apiKey: () => undefined, fetch });
    await expect(c.get("/gates")).rejects.toThrow(MissingApiKeyError);
    await expect(c.get("/gates")).rejects.toThrow(/statsig:consoleApiKey.*STATSIG_CONSOLE_API_KEY/);
    expect(calls).toHaveLength(0);
  });
});

describe("ConsoleClient retries", () => {
  it("retries 429 honouring Retry-After (seconds), and pauses the shared pacer", async () => {
    const clock = fakeClock();
    const pacer = new Pacer([], clock);
    const { fetch, calls } = scripted([
      fakeResponse(429, { message: "slow down" }, { "Retry-After": "3" }),
      fakeResponse(200, { id: "g" }),
    ]);
    const c = client(fetch, clock, { pacer });
    await expect(c.get("/gates/g")).resolves.toEqual({ id: "g" });
    expect(calls).toHaveLength(2);
    expect(clock.sleeps).toEqual([3000]);
    expect(c.stats).toMatchObject({ requests: 2, retries: 1, throttled: 1 });
  });

  it("eight 429s in a row do not fail a request: throttling has its own time budget, not the retry count", async () => {
    const clock = fakeClock();
    const throttled = Array.from({ length: 8 }, () =>
      fakeResponse(429, { message: "slow down" }, { "Retry-After": "10" }),
    );
    const { fetch, calls } = scripted([...throttled, fakeResponse(200, { id: "g" })]);
    const c = client(fetch, clock, { maxRetries: 5 });
    await expect(c.delete("/gates/g")).resolves.toEqual({ id: "g" });
    expect(calls).toHaveLength(9);
    expect(clock.sleeps).toEqual(Array(8).fill(10_000));
    expect(c.stats.throttled).toBe(8);
  });

  it("429s and errors draw on separate budgets within one request", async () => {
    const clock = fakeClock();
    const { fetch, calls } = scripted([
      fakeResponse(500, { message: "boom" }),
      fakeResponse(429, {}, { "Retry-After": "1" }),
      fakeResponse(429, {}),
      fakeResponse(502, { message: "bad gateway" }),
      fakeResponse(200, { ok: true }),
    ]);
    await expect(client(fetch, clock, { maxRetries: 2 }).get("/x")).resolves.toEqual({ ok: true });
    expect(calls).toHaveLength(5);
    // 5xx backoff counts errors (375, 750); the second 429, without Retry-After, backs off on the 429 count (750).
    expect(clock.sleeps).toEqual([375, 1000, 750, 750]);
  });

  it("fails once the throttle wait budget is spent, naming both ways to raise it", async () => {
    const clock = fakeClock();
    const { fetch, calls } = scripted(
      Array.from({ length: 10 }, () => fakeResponse(429, { message: "slow down" }, { "Retry-After": "30" })),
    );
    const err = await failure(client(fetch, clock, { maxThrottleWaitMs: 100_000 }).get("/x"));
    expect(err.status).toBe(429);
    expect(calls).toHaveLength(4); // waits 30 + 30 + 30 s; a fourth wait would pass 100 s
    expect(err.message).toMatch(
      /still throttled after waiting 90 s; raise statsig:maxThrottleWaitMs \/ STATSIG_MAX_THROTTLE_WAIT_MS/,
    );
  });

  it("caps a huge Retry-After at maxDelayMs", async () => {
    const clock = fakeClock();
    const { fetch } = scripted([fakeResponse(429, {}, { "Retry-After": "3600" }), fakeResponse(200, {})]);
    await client(fetch, clock, { maxDelayMs: 20_000 }).get("/x");
    expect(clock.sleeps).toEqual([20_000]);
  });

  it("backs off exponentially with jitter on 5xx and network errors", async () => {
    const clock = fakeClock();
    const { fetch, calls } = scripted([
      fakeResponse(500, { message: "boom" }),
      fakeResponse(503, "unavailable"),
      Object.assign(new Error("socket hang up"), { code: "ECONNRESET" }),
      fakeResponse(200, { ok: true }),
    ]);
    await expect(client(fetch, clock).get("/x")).resolves.toEqual({ ok: true });
    expect(calls).toHaveLength(4);
    // random() = 0.5 → delay = base/2 + base/4 = 0.75·base with base = 500·2ⁿ
    expect(clock.sleeps).toEqual([375, 750, 1500]);
  });

  it("gives up after maxRetries with the last failure, counting attempts", async () => {
    const clock = fakeClock();
    const { fetch, calls } = scripted([
      fakeResponse(502, { message: "bad gateway" }),
      fakeResponse(502, { message: "bad gateway" }),
      fakeResponse(502, { message: "still bad" }),
    ]);
    const err = await failure(client(fetch, clock, { maxRetries: 2 }).get("/x"));
    expect(err).toBeInstanceOf(StatsigApiError);
    expect(err.status).toBe(502);
    expect(err.attempts).toBe(3);
    expect(err.message).toMatch(/HTTP 502 from GET \/x after 3 attempts: still bad/);
    expect(calls).toHaveLength(3);
  });

  it("does not retry 400/401/403/404", async () => {
    for (const status of [400, 401, 403, 404]) {
      const { fetch, calls } = scripted([fakeResponse(status, { status, message: `m${status} not found` })]);
      const err = await failure(client(fetch).get("/gates/x"));
      expect(err.status).toBe(status);
      expect(err.apiMessage).toBe(`m${status} not found`);
      expect(err.isNotFound()).toBe(status === 404);
      expect(calls).toHaveLength(1);
    }
  });

  it("times out a hanging request and retries it", async () => {
    const clock = fakeClock();
    const { fetch, calls } = scripted(["hang", fakeResponse(200, { ok: 1 })]);
    await expect(client(fetch, clock, { timeoutMs: 20 }).get("/slow")).resolves.toEqual({ ok: 1 });
    expect(calls).toHaveLength(2);
  });

  it("reports a timeout that never recovers as such", async () => {
    const { fetch } = scripted(["hang"]);
    const err = await failure(client(fetch, fakeClock(), { timeoutMs: 10, maxRetries: 0 }).get("/slow"));
    expect(err.status).toBe(0);
    expect(err.message).toMatch(
      /no response from GET https:\/\/api.example.test\/console\/v1\/slow: timed out after 10 ms/,
    );
  });
});

describe("StatsigApiError", () => {
  it("names the operation, status, method, path, Statsig's message and request id", async () => {
    const { fetch } = scripted([
      fakeResponse(400, { status: 400, message: "name already exists" }, { "x-request-id": "req-42" }),
    ]);
    const err = (await failure(client(fetch).post("/gates", {}))) as StatsigApiError;
    const withOp = err.withOperation('create gate "new_checkout"');
    expect(withOp.message).toBe(
      'failed to create gate "new_checkout": HTTP 400 from POST /gates: name already exists, request id req-42',
    );
    expect(withOp).toBeInstanceOf(StatsigApiError);
    expect(withOp.status).toBe(400);
  });

  it("never contains the API key, even when the server echoes it", async () => {
    const { fetch } = scripted([fakeResponse(401, { message: `key ${KEY} is not valid` })]);
    const err = (await failure(client(fetch).get("/gates"))) as StatsigApiError;
    const everything = [err.message, err.apiMessage, err.stack, JSON.stringify(err), String(err)].join("\n");
    expect(everything).not.toContain(KEY);
    expect(err.message).toContain("[REDACTED]");
  });
});

describe("404: entity gone vs missing endpoint", () => {
  const entity = [
    { status: 404, message: 'Gate "x" not found' }, // the emulator's entity 404
    { status: 404, message: "Not Found. The requested resource could not be found." }, // published generic
    { status: 404, message: "Autotune Experiment not found." },
    { status: 404, message: "Gates with IDs [nope] do not exist" },
  ];
  const endpoint = [
    { status: 404, message: "no such endpoint /v1/gates/x" }, // the emulator's unknown route (before)
    { statusCode: 404, error: "Not Found", message: "Cannot GET /console/v1/gatez/x" }, // NestJS-like (after)
    { message: "Not Found" }, // a gateway's bare answer
    { status: 404 },
    "<html><head><title>404 Not Found</title></head><body>nginx</body></html>",
    "Not Found",
    undefined,
  ];

  it("classifies Statsig's entity answers as entity and everything else as endpoint", () => {
    for (const body of entity) expect([body, classify404(body)]).toEqual([body, "entity"]);
    for (const body of endpoint) expect([body, classify404(body)]).toEqual([body, "endpoint"]);
  });

  it("an unknown-route 404 is not 'not found': it names the full URL and the setting to check", async () => {
    for (const body of endpoint) {
      const { fetch } = scripted([fakeResponse(404, body)]);
      const err = await failure(client(fetch).get("/gates/x"));
      expect(err instanceof NotFoundError).toBe(false);
      expect(err instanceof MissingEndpointError).toBe(true);
      expect(err.message).toContain("HTTP 404 from GET https://api.example.test/console/v1/gates/x");
      expect(err.message).toMatch(/statsig:apiUrl \/ STATSIG_API_URL/);
    }
    const { fetch } = scripted([fakeResponse(404, "<!doctype html><title>Oops</title>")]);
    expect((await failure(client(fetch).get("/gates/x"))).apiMessage).toBe(
      'not a JSON answer (an HTML page titled "Oops")',
    );
  });

  it("an entity 404 names the path only and is 'not found'", async () => {
    const { fetch } = scripted([fakeResponse(404, entity[0])]);
    const err = await failure(client(fetch).get("/gates/x"));
    expect(err instanceof NotFoundError).toBe(true);
    expect(err instanceof MissingEndpointError).toBe(false);
    expect(err.message).toBe('Statsig Console API request failed: HTTP 404 from GET /gates/x: Gate "x" not found');
  });
});

describe("visible waiting", () => {
  it("logs each retry and each 429 wait, labelled with the operation, and never the key", async () => {
    const lines: string[] = [];
    const prev = setLogSink((l) => lines.push(l));
    try {
      const clock = fakeClock();
      const { fetch } = scripted([
        fakeResponse(429, { message: "slow down" }, { "Retry-After": "3" }),
        fakeResponse(503, { message: `unavailable for ${KEY}` }),
        fakeResponse(200, { id: "g" }),
      ]);
      const c = client(fetch, clock, { log: undefined });
      await withLogContext('create gate "new_checkout"', () => c.get("/gates/new_checkout"));
    } finally {
      setLogSink(prev);
    }
    expect(lines).toEqual([
      'statsig: create gate "new_checkout": HTTP 429 from GET /gates/new_checkout; waiting 3.0 s as its Retry-After asks (3.0 s of statsig:maxThrottleWaitMs 600 s used), then retrying',
      'statsig: create gate "new_checkout": HTTP 503 from GET /gates/new_checkout: unavailable for [REDACTED]; retry 1 of 5 in 0.4 s',
    ]);
  });

  it("logs a pacing wait over a second once, before waiting", async () => {
    const lines: string[] = [];
    const clock = fakeClock();
    const pacer = new Pacer([{ limit: 1, windowMs: 5000 }], clock);
    const { fetch } = scripted([fakeResponse(200, {}), fakeResponse(200, {})]);
    const c = client(fetch, clock, { pacer, log: (l) => lines.push(l) });
    await c.get("/gates/a");
    expect(lines).toEqual([]);
    await c.get("/gates/b");
    expect(lines).toEqual([
      "waiting 5.0 s for the rate budget (statsig:rateLimit / STATSIG_RATE_LIMIT) before GET /gates/b",
    ]);
  });
});

describe("visible waiting under load", () => {
  it("spaces pacing lines 5 s apart and says how many requests are queued", async () => {
    const lines: string[] = [];
    const clock = fakeClock();
    const pacer = new Pacer([{ limit: 1, windowMs: 2000 }], clock);
    const { fetch } = scripted(Array.from({ length: 5 }, () => fakeResponse(200, {})));
    const c = client(fetch, clock, { pacer, log: (l) => lines.push(l) });
    await Promise.all(["a", "b", "c", "d", "e"].map((id) => c.get(`/gates/${id}`)));
    // Requests b to e reach the head of the queue at 0, 2, 4 and 6 s: lines at 0 and 6 s only.
    expect(lines).toHaveLength(2);
    expect(lines[0]).toBe(
      "waiting 2.0 s for the rate budget (statsig:rateLimit / STATSIG_RATE_LIMIT) before GET /gates/b; 3 more requests queued",
    );
    // e has waited 6 s when it reaches the head, behind d's request still in flight.
    expect(lines[1]).toMatch(
      /^waiting [6-8]\.\d s for the rate budget \(statsig:rateLimit \/ STATSIG_RATE_LIMIT\) before GET \/gates\/e$/,
    );
  });
});

describe("transport errors", () => {
  it("name the URL they tried", async () => {
    const { fetch } = scripted([Object.assign(new Error("getaddrinfo ENOTFOUND"), { code: "ENOTFOUND" })]);
    const err = await failure(client(fetch, fakeClock(), { maxRetries: 0 }).get("/gates"));
    expect(err.message).toBe(
      "Statsig Console API request failed: no response from GET https://api.example.test/console/v1/gates: network error: ENOTFOUND",
    );
  });

  it("never contain the key, even when it is in the URL or the transport's message", async () => {
    const { fetch } = scripted([
      Object.assign(new Error(`request to https://h/${KEY} failed`), {}),
      Object.assign(new Error(`request to https://h/${KEY} failed`), {}),
    ]);
    const c = new ConsoleClient({
      baseUrl: `https://h/${KEY}`,
      apiKey: () => KEY,
      fetch,
      clock: fakeClock(),
      maxRetries: 1,
    });
    const err = await failure(c.get("/gates"));
    const everything = [err.message, err.apiMessage, err.url, err.stack, JSON.stringify(err), String(err)].join("\n");
    expect(everything).not.toContain(KEY);
    expect(err.message).toContain("[REDACTED]");
  });
});

describe("list pagination", () => {
  it("follows the seed's hasMore", async () => {
    const { fetch, calls } = scripted([
      fakeResponse(200, { data: [{ id: 1 }, { id: 2 }], pagination: { total: 3, page: 1, limit: 2, hasMore: true } }),
      fakeResponse(200, { data: [{ id: 3 }], pagination: { total: 3, page: 2, limit: 2, hasMore: false } }),
    ]);
    expect(await client(fetch, fakeClock(), { pageSize: 2 }).list("/gates")).toEqual([{ id: 1 }, { id: 2 }, { id: 3 }]);
    expect(calls.map((c) => c.url.split("?")[1])).toEqual(["limit=2&page=1", "limit=2&page=2"]);
  });

  it("follows the published nextPage until null", async () => {
    const { fetch, calls } = scripted([
      fakeResponse(200, {
        message: "ok",
        data: [{ id: 1 }],
        pagination: { itemsPerPage: 1, pageNumber: 1, totalItems: 2, nextPage: 2, previousPage: null },
      }),
      fakeResponse(200, {
        message: "ok",
        data: [{ id: 2 }],
        pagination: { itemsPerPage: 1, pageNumber: 2, totalItems: 2, nextPage: null, previousPage: 1 },
      }),
    ]);
    expect(await client(fetch, fakeClock(), { pageSize: 1 }).list("/gates")).toEqual([{ id: 1 }, { id: 2 }]);
    expect(calls).toHaveLength(2);
  });
});
