/**
 * The emulator as a product: response shapes, persistence across restarts (and a crash mid-write),
 * rate limits, fault injection (and what the client and provider make of each fault), the audit
 * log, the admin surface, bounded logs, and the command line (help, flags, graceful shutdown).
 */
import { spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { RunningEmulator, startEmulator } from "../../emulator/server";
import { ConsoleClient, StatsigApiError } from "../../provider/client";
import { Pacer } from "../../provider/client/pacer";
import { parseBudget } from "../../provider/client/budget";
import { gateProvider } from "../../provider/resources/gate";
import { rejection } from "../rejection";
import { served } from "./helpers";
import { useEmulator } from "../fixtures/emulator";

async function call(emu: RunningEmulator, method: string, p: string, body?: unknown) {
  const res = await fetch(emu.apiUrl + p, {
    method,
    headers: { "STATSIG-API-KEY": emu.apiKey, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
}

const tmpdir = () => fs.mkdtempSync(path.join(os.tmpdir(), "statsig-emu-"));

describe("response shapes", () => {
  it("published: envelope, nextPage pagination, 200 on tag and holdout create, 201 elsewhere", async () => {
    const emu = await startEmulator({ shape: "published" });
    try {
      const gate = await call(emu, "POST", "/gates", { name: "shape gate" });
      expect(gate.status).toBe(201);
      expect(gate.body).toMatchObject({ message: expect.any(String), data: { id: "shape_gate" } });
      expect((await call(emu, "POST", "/tags", { name: "shape tag" })).status).toBe(200);
      expect((await call(emu, "POST", "/holdouts", { name: "shape holdout" })).status).toBe(200);
      await call(emu, "POST", "/gates", { name: "shape gate two" });
      const page1 = await call(emu, "GET", "/gates?limit=1&page=1");
      expect(page1.body.pagination).toEqual({
        itemsPerPage: 1,
        pageNumber: 1,
        totalItems: 2,
        nextPage: 2,
        previousPage: null,
        all: null,
      });
      const page2 = await call(emu, "GET", "/gates?limit=1&page=2");
      expect(page2.body.pagination.nextPage).toBeNull();
      expect((await call(emu, "GET", "/gates/nope")).body).toEqual({ status: 404, message: 'Gate "nope" not found' });
    } finally {
      await emu.close();
    }
  });

  it("the client lists every page in both shapes", async () => {
    for (const shape of ["seed", "published"] as const) {
      const emu = await startEmulator({ shape });
      try {
        for (let i = 0; i < 5; i++) await call(emu, "POST", "/gates", { name: `paged gate ${i}` });
        const client = new ConsoleClient({ baseUrl: emu.apiUrl, apiKey: () => emu.apiKey, pageSize: 2 });
        const all = await client.list<{ id: string }>("/gates");
        expect(all.map((g) => g.id)).toEqual([0, 1, 2, 3, 4].map((i) => `paged_gate_${i}`));
        expect(served(emu).filter((r) => r.startsWith("GET /gates"))).toHaveLength(3);
      } finally {
        await emu.close();
      }
    }
  });
});

describe("persistence (--data)", () => {
  it("keeps state, audit log and timestamps across a restart", async () => {
    const file = path.join(tmpdir(), "state.json");
    const first = await startEmulator({ dataFile: file });
    await call(first, "POST", "/gates", { name: "durable gate", description: "kept" });
    await call(first, "PUT", "/gates/durable_gate/overrides", { userOverrides: [{ userID: "u", value: true }] });
    await first.close();

    const second = await startEmulator({ dataFile: file });
    try {
      expect((await call(second, "GET", "/gates/durable_gate")).body).toMatchObject({ description: "kept" });
      expect((await call(second, "GET", "/gates/durable_gate/overrides")).body.userOverrides).toEqual([
        { userID: "u", value: true },
      ]);
      expect((await call(second, "GET", "/audit_logs")).body.data).toHaveLength(2);
      // Timestamps continue after the restart.
      const before = (await call(second, "GET", "/gates/durable_gate")).body.lastModifiedTime;
      const after = (await call(second, "PATCH", "/gates/durable_gate", { description: "again" })).body
        .lastModifiedTime;
      expect(after).toBeGreaterThan(before);
    } finally {
      await second.close();
    }
  });

  it("a crash mid-write (a half-written temp file) loses nothing acknowledged", async () => {
    const dir = tmpdir();
    const file = path.join(dir, "state.json");
    const emu = await startEmulator({ dataFile: file });
    await call(emu, "POST", "/gates", { name: "acknowledged gate" });
    await emu.close();
    // What a crash during the next snapshot leaves behind: a torn temp file beside the real one.
    fs.writeFileSync(
      path.join(dir, `.state.json.${process.pid}.tmp`),
      '{"format":"statsig-emulator-state/1","state":{"coll',
    );
    const again = await startEmulator({ dataFile: file });
    try {
      expect((await call(again, "GET", "/gates/acknowledged_gate")).status).toBe(200);
    } finally {
      await again.close();
    }
  });

  it("refuses a file that is not an emulator state file", async () => {
    const file = path.join(tmpdir(), "other.json");
    fs.writeFileSync(file, JSON.stringify({ hello: "world" }));
    await expect(startEmulator({ dataFile: file })).rejects.toThrow(/is not an emulator state file/);
  });
});

describe("rate limits (--rate-limit)", () => {
  it("answers 429 with Retry-After beyond the budget", async () => {
    const emu = await startEmulator({ rateLimit: "3/10s" });
    try {
      for (let i = 0; i < 3; i++) expect((await call(emu, "GET", "/gates")).status).toBe(200);
      const limited = await call(emu, "GET", "/gates");
      expect(limited.status).toBe(429);
      expect(Number(limited.headers.get("retry-after"))).toBeGreaterThanOrEqual(9);
      expect(limited.body.message).toMatch(/rate limit/i);
    } finally {
      await emu.close();
    }
  });

  it("the published budget is 100 per 10 s and 900 per 15 min", () => {
    expect(parseBudget("published")).toEqual([
      { limit: 100, windowMs: 10_000 },
      { limit: 900, windowMs: 900_000 },
    ]);
  });

  it("a client paced under the same budget is never throttled; an unpaced one is, and recovers by retrying", async () => {
    const emu = await startEmulator({ rateLimit: "10/1s" });
    try {
      const paced = new ConsoleClient({
        baseUrl: emu.apiUrl,
        apiKey: () => emu.apiKey,
        pacer: new Pacer(parseBudget("10/1s"), undefined, 100),
      });
      await Promise.all(Array.from({ length: 25 }, () => paced.get("/gates")));
      expect(paced.stats.throttled).toBe(0);

      await new Promise((r) => setTimeout(r, 1100));
      const unpaced = new ConsoleClient({ baseUrl: emu.apiUrl, apiKey: () => emu.apiKey, maxRetries: 5 });
      await Promise.all(Array.from({ length: 15 }, () => unpaced.get("/gates")));
      expect(unpaced.stats.throttled).toBeGreaterThan(0);
      expect(unpaced.stats.requests).toBeGreaterThan(15);
    } finally {
      await emu.close();
    }
  });
});

describe("fault injection", () => {
  const emu = useEmulator({ provider: true, resetEach: true });
  beforeEach(() => emu.faults.set([]));

  it("scripted 429, 500, 503 and reset are retried by the client until the request succeeds", async () => {
    emu.faults.set([{ method: "GET", path: "/gates/*", sequence: ["429", "500", "503", "reset", "ok"] }]);
    await call(emu, "POST", "/gates", { name: "faulty gate" });
    const client = new ConsoleClient({ baseUrl: emu.apiUrl, apiKey: () => emu.apiKey, backoffBaseMs: 5 });
    await expect(client.get("/gates/faulty_gate")).resolves.toMatchObject({ id: "faulty_gate" });
    expect(client.stats).toMatchObject({ requests: 5, retries: 4, throttled: 1 });
  });

  it("added latency past the client's timeout is retried", async () => {
    emu.faults.set([{ path: "/gates", sequence: ["latency:300"] }]);
    const client = new ConsoleClient({
      baseUrl: emu.apiUrl,
      apiKey: () => emu.apiKey,
      timeoutMs: 100,
      backoffBaseMs: 5,
    });
    await expect(client.get("/gates")).resolves.toBeDefined();
    expect(client.stats.retries).toBe(1);
  });

  it("fail-after-commit on a create: the provider recognises its own gate and records it", async () => {
    emu.faults.set([{ method: "POST", path: "/gates", sequence: ["fail_after_commit"] }]);
    const { id, outs } = await gateProvider.create({ name: "committed gate", description: "d" });
    expect(id).toBe("committed_gate");
    expect(outs).toMatchObject({ name: "committed gate", description: "d" });
    expect(served(emu).slice(0, 2)).toEqual(["POST /gates 500", "POST /gates 400"]);
    expect(emu.store.list("gates")).toHaveLength(1);
  });

  it("a name taken by someone else is still an error (no ambiguity, no adoption)", async () => {
    await call(emu, "POST", "/gates", { name: "taken by others" });
    const err = await rejection<StatsigApiError>(gateProvider.create({ name: "taken by others" }));
    expect(err.message).toMatch(/already exists/);
  });

  it("fail-after-commit on an update and a delete: retries converge", async () => {
    const { id, outs } = await gateProvider.create({ name: "retried gate" });
    emu.faults.set([
      { method: "PATCH", path: "/gates/*", sequence: ["fail_after_commit"] },
      { method: "DELETE", path: "/gates/*", sequence: ["fail_after_commit"] },
    ]);
    const { outs: after } = await gateProvider.update(id, outs, { name: "retried gate", description: "new" });
    expect(after.description).toBe("new");
    await gateProvider.delete(id, after);
    expect(emu.store.get("gates", id)).toBeUndefined();
  });

  it("the admin endpoint sets, lists and clears rules, and rejects bad ones", async () => {
    const set = await fetch(`${emu.url}/__emulator/faults`, {
      method: "POST",
      body: JSON.stringify({ rules: [{ method: "GET", path: "/metrics", probability: 1, fault: "503" }] }),
    });
    expect(set.status).toBe(200);
    expect((await call(emu, "GET", "/metrics")).status).toBe(503);
    const bad = await fetch(`${emu.url}/__emulator/faults`, {
      method: "POST",
      body: JSON.stringify([{ fault: "explode" }]),
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { message: string }).message).toBe('faults[0]: unknown fault "explode"');
    await fetch(`${emu.url}/__emulator/faults`, { method: "DELETE" });
    expect((await call(emu, "GET", "/metrics")).status).toBe(200);
  });
});

describe("audit log", () => {
  it("has one entry per mutation, naming the key's label and never the key", async () => {
    const emu = await startEmulator({ apiKey: "console-very-secret-key" });
    try {
      await call(emu, "POST", "/gates", { name: "audited gate" });
      await call(emu, "PATCH", "/gates/audited_gate", { description: "x" });
      await call(emu, "PUT", "/gates/audited_gate/disable");
      await call(emu, "PUT", "/gates/audited_gate/rules", { rules: [] });
      await call(emu, "GET", "/gates/audited_gate");
      await call(emu, "POST", "/gates", { name: "x" }); // rejected: not a mutation served
      await call(emu, "DELETE", "/gates/audited_gate");
      const logs = (await call(emu, "GET", "/audit_logs")).body.data;
      expect(logs.map((e: { action: string }) => e.action)).toEqual([
        "delete",
        "rules.update",
        "disable",
        "update",
        "create",
      ]);
      expect(logs[0]).toMatchObject({
        entityType: "gate",
        entityName: "audited gate",
        user: { name: "Console API key (emulator)" },
      });
      expect(logs[3].changes).toEqual({ description: "x" });
      const everything = JSON.stringify(logs) + JSON.stringify((await call(emu, "GET", "/keys")).body);
      expect(everything).not.toContain("console-very-secret-key");
    } finally {
      await emu.close();
    }
  });
});

describe("operations", () => {
  it("caps the request log", async () => {
    const emu = await startEmulator({ logLimit: 5 });
    try {
      for (let i = 0; i < 12; i++) await call(emu, "GET", "/gates");
      expect(emu.requests()).toHaveLength(5);
    } finally {
      await emu.close();
    }
  });

  it("serves concurrent creates consistently (distinct ids, duplicates refused)", async () => {
    const emu = await startEmulator();
    try {
      const results = await Promise.all(
        Array.from({ length: 40 }, (_, i) => call(emu, "POST", "/gates", { name: `concurrent ${i % 20}` })),
      );
      expect(results.filter((r) => r.status === 201)).toHaveLength(20);
      expect(results.filter((r) => r.status === 400)).toHaveLength(20);
      expect(emu.store.list("gates")).toHaveLength(20);
      const health = await (await fetch(`${emu.url}/__emulator/health`)).json();
      expect(health).toMatchObject({ status: "ok", shape: "seed" });
    } finally {
      await emu.close();
    }
  });

  const cli = path.resolve(__dirname, "..", "..", "dist", "emulator", "cli.js");

  it("the CLI prints its help, rejects unknown flags, and shuts down gracefully on SIGTERM", async () => {
    const help = spawn(process.execPath, [cli, "--help"]);
    let out = "";
    help.stdout.on("data", (d) => (out += d));
    expect(await new Promise((r) => help.on("exit", r))).toBe(0);
    expect(out).toMatch(/--rate-limit/);
    expect(out).toMatch(/--faults/);

    const bad = spawn(process.execPath, [cli, "--bogus", "1"]);
    let err = "";
    bad.stderr.on("data", (d) => (err += d));
    expect(await new Promise((r) => bad.on("exit", r))).toBe(2);
    expect(err).toMatch(/unknown option --bogus/);

    const dir = tmpdir();
    const run = spawn(process.execPath, [
      cli,
      "--port",
      "0",
      "--data",
      path.join(dir, "s.json"),
      "--shape",
      "published",
    ]);
    let log = "";
    const url = await new Promise<string>((resolve) =>
      run.stdout.on("data", (d) => {
        log += d;
        const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(log);
        if (m) resolve(m[1]);
      }),
    );
    const created = await fetch(`${url}/console/v1/tags`, {
      method: "POST",
      headers: { "STATSIG-API-KEY": "console-emulator", "content-type": "application/json" },
      body: JSON.stringify({ name: "cli tag" }),
    });
    expect(created.status).toBe(200);
    run.kill("SIGTERM");
    expect(await new Promise((r) => run.on("exit", r))).toBe(0);
    expect(log).toMatch(/SIGTERM: shutting down/);
    expect(fs.readFileSync(path.join(dir, "s.json"), "utf8")).toContain("cli tag");
  });
});

/** A request by full path (outside `/console/v1` too), body as text. */
async function raw(emu: RunningEmulator, method: string, p: string, body?: string) {
  const res = await fetch(emu.url + p, {
    method,
    headers: { "STATSIG-API-KEY": emu.apiKey, "content-type": "application/json" },
    body,
  });
  return { status: res.status, headers: res.headers, text: await res.text() };
}

/** A JSON object nested `depth` levels deep: `{"a":{"a":...}}`. */
const nested = (depth: number) => '{"a":'.repeat(depth - 1) + "{}" + "}".repeat(depth - 1);

describe("unknown routes are not missing entities (issue 9, item 1)", () => {
  const emu = useEmulator();

  it("an unknown route answers like the service's framework, not like a missing entity", async () => {
    for (const p of ["/console/v1/gatez", "/console/v1/gates/a/b/c", "/v1/gates", "/gates", "/console/gates/x"]) {
      const res = await raw(emu, "GET", p);
      expect({ p, status: res.status, body: JSON.parse(res.text) }).toEqual({
        p,
        status: 404,
        body: { statusCode: 404, error: "Not Found", message: `Cannot GET ${p}` },
      });
      expect(JSON.parse(res.text).message).not.toMatch(/not found/i);
    }
  });

  it("a missing entity keeps the service's error shape, naming the entity", async () => {
    const res = await raw(emu, "GET", "/console/v1/gates/nope");
    expect(res.status).toBe(404);
    expect(JSON.parse(res.text)).toEqual({ status: 404, message: 'Gate "nope" not found' });
  });
});

describe("an active experiment's targeting gate is fixed (issue 9, item 6)", () => {
  it("PATCH of targetingGateID on an active experiment answers 400 and changes nothing", async () => {
    const emu = await startEmulator();
    try {
      await call(emu, "POST", "/gates", { name: "first target" });
      await call(emu, "POST", "/gates", { name: "second target" });
      await call(emu, "POST", "/experiments", {
        name: "targeted exp",
        targetingGateID: "first_target",
        groups: [
          { name: "control", size: 50, parameterValues: {} },
          { name: "test", size: 50, parameterValues: {} },
        ],
      });
      expect((await call(emu, "PUT", "/experiments/targeted_exp/start")).status).toBe(200);
      const refused = await call(emu, "PATCH", "/experiments/targeted_exp", { targetingGateID: "second_target" });
      expect(refused.status).toBe(400);
      expect(refused.body.message).toMatch(/^targetingGateID: cannot change once the experiment has started/);
      const cleared = await call(emu, "PATCH", "/experiments/targeted_exp", { targetingGateID: "" });
      expect(cleared.status).toBe(400);
      expect((await call(emu, "GET", "/experiments/targeted_exp")).body.targetingGateID).toBe("first_target");
      // The same value is no change.
      const same = await call(emu, "PATCH", "/experiments/targeted_exp", {
        targetingGateID: "first_target",
        description: "d",
      });
      expect(same.status).toBe(200);
    } finally {
      await emu.close();
    }
  });
});

describe("hardening against hostile input (issue 9, item 9)", () => {
  const emu = useEmulator({ resetEach: true });

  it("/gates/__proto__/... does not pollute Object.prototype", async () => {
    const before = Object.getOwnPropertyNames(Object.prototype).sort();
    for (const [method, p] of [
      ["PUT", "/gates/__proto__/launch"],
      ["PUT", "/gates/__proto__/enable"],
      ["PATCH", "/gates/__proto__"],
      ["PUT", "/experiments/__proto__/start"],
      ["PUT", "/gates/__proto__/overrides"],
      ["GET", "/gates/__proto__"],
    ])
      expect({ method, p, status: (await call(emu, method, p, method === "GET" ? undefined : {})).status }).toEqual({
        method,
        p,
        status: 404,
      });
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(before);
    expect(({} as Record<string, unknown>).status).toBeUndefined();
    expect((await call(emu, "POST", "/experiments", { name: "fresh exp" })).body.status).toBe("setup");
    expect((await call(emu, "GET", "/gates")).status).toBe(200);
  });

  it.each(["constructor", "__proto__", "toString", "hasOwnProperty", "valueOf"])(
    "the id %s is an ordinary id",
    async (name) => {
      // Ids are the lowercased name; the URL's id is taken as written.
      const id = name.toLowerCase();
      for (const asked of new Set([name, id])) {
        expect((await call(emu, "GET", `/gates/${asked}`)).status).toBe(404);
        expect((await call(emu, "DELETE", `/gates/${asked}`)).status).toBe(404);
        expect((await call(emu, "PUT", `/gates/${asked}/launch`)).status).toBe(404);
      }
      const created = await call(emu, "POST", "/gates", { name });
      expect({ status: created.status, id: created.body.id }).toEqual({ status: 201, id });
      expect((await call(emu, "GET", `/gates/${id}`)).body).toMatchObject({ id, name });
      expect((await call(emu, "PATCH", `/gates/${id}`, { description: "d" })).body.description).toBe("d");
      expect((await call(emu, "GET", "/gates")).body.data.map((g: { id: string }) => g.id)).toEqual([id]);
      expect((await call(emu, "POST", "/gates", { name })).status).toBe(400);
      expect((await call(emu, "DELETE", `/gates/${id}`)).status).toBe(200);
      expect((await call(emu, "GET", `/gates/${id}`)).status).toBe(404);
      const audit = (await call(emu, "GET", "/audit_logs")).body.data;
      expect(audit.map((e: { entityName: string }) => e.entityName)).toEqual([name, name, name]);
    },
  );

  it("a body nested deeper than 400 levels answers 400 and stores nothing", async () => {
    for (const depth of [401, 4500]) {
      const res = await raw(
        emu,
        "POST",
        "/console/v1/dynamic_configs",
        `{"name":"deep config","defaultValue":${nested(depth - 1)}}`,
      );
      expect({ depth, status: res.status, message: JSON.parse(res.text).message }).toEqual({
        depth,
        status: 400,
        message: "request body: nested deeper than 400 levels",
      });
    }
    expect((await call(emu, "GET", "/dynamic_configs")).body.data).toEqual([]);
    // At the cap it is stored and served back.
    const ok = await raw(
      emu,
      "POST",
      "/console/v1/dynamic_configs",
      `{"name":"deep config","defaultValue":${nested(399)}}`,
    );
    expect(ok.status).toBe(201);
    expect((await call(emu, "GET", "/dynamic_configs")).status).toBe(200);
  });

  it("malformed percent-encoding in a path answers 400", async () => {
    for (const method of ["GET", "PATCH", "DELETE"]) {
      const res = await raw(emu, method, "/console/v1/gates/%ZZ", method === "PATCH" ? "{}" : undefined);
      expect({ method, status: res.status }).toEqual({ method, status: 400 });
      expect(JSON.parse(res.text).message).toMatch(/malformed/);
    }
  });

  it("405s carry Allow", async () => {
    const res = await raw(emu, "PUT", "/console/v1/gates");
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toBe("GET, HEAD, POST");
    const byId = await raw(emu, "POST", "/console/v1/gates/some_gate");
    expect(byId.status).toBe(405);
    expect(byId.headers.get("allow")).toBe("DELETE, GET, HEAD, PATCH");
  });

  it("HEAD is served for every GET route, without a body", async () => {
    await call(emu, "POST", "/gates", { name: "head gate" });
    const get = await raw(emu, "GET", "/console/v1/gates/head_gate");
    const head = await raw(emu, "HEAD", "/console/v1/gates/head_gate");
    expect(head.status).toBe(200);
    expect(head.text).toBe("");
    expect(head.headers.get("content-length")).toBe(get.headers.get("content-length"));
    expect((await raw(emu, "HEAD", "/console/v1/gates/nope")).status).toBe(404);
    expect((await raw(emu, "HEAD", "/console/v1/metrics")).status).toBe(200);
  });

  it("GET /__emulator/routes lists the route table", async () => {
    const res = await fetch(`${emu.url}/__emulator/routes`);
    const routes = ((await res.json()) as { data: { method: string; path: string; operationId: string }[] }).data;
    expect(routes).toContainEqual(
      expect.objectContaining({ method: "GET", path: "/gates/{id}", operationId: "getGate" }),
    );
    expect(routes).toContainEqual(expect.objectContaining({ method: "DELETE", path: "/holdouts/{id}" }));
    expect(routes.length).toBeGreaterThanOrEqual(52);
  });
});
