/**
 * Conformance of the emulator to the seed spec, driven by the spec file: every operation is
 * called for its success response and for each documented error response (400, 401, 404), and
 * every response body is validated with ajv against the schema the spec gives for that status.
 * Nothing here restates a schema: invalid bodies are derived from the operation's own schema.
 */
import { ValidateFunction } from "ajv";
import { JsonSchema, compile, loadSpec, specAjv, specPointer } from "../../provider/spec";
import { useEmulator } from "../fixtures/emulator";

const spec = loadSpec();
const emu = useEmulator();

interface Op {
  operationId: string;
  method: string;
  template: string;
  statuses: string[];
  hasBody: boolean;
}

const ops: Op[] = Object.entries(spec.paths).flatMap(([template, methods]) =>
  Object.entries(methods).map(([method, op]) => ({
    operationId: op.operationId,
    method: method.toUpperCase(),
    template,
    statuses: Object.keys(op.responses),
    hasBody: !!op.requestBody,
  })),
);

const esc = (s: string) => s.replace(/~/g, "~0").replace(/\//g, "~1");

/** The response schema the spec documents for an operation and status (undefined: no body). */
function responseValidator(op: Op, status: string): ValidateFunction | undefined {
  let pointer = `#/paths/${esc(op.template)}/${op.method.toLowerCase()}/responses/${status}`;
  const response = spec.paths[op.template][op.method.toLowerCase()].responses[status] as {
    $ref?: string;
    content?: unknown;
  };
  if (response.$ref) pointer = response.$ref;
  const resolved = response.$ref
    ? (spec.components.responses[response.$ref.split("/").pop()!] as { content?: unknown })
    : response;
  if (!resolved.content) return undefined;
  return compile(`response:${op.operationId}:${status}`, specPointer(`${pointer}/content/application~1json/schema`));
}

/** Resolves a `#/...` ref of the spec. */
function deref(schema: JsonSchema): JsonSchema {
  let s = schema;
  while (typeof s.$ref === "string") {
    s = (s.$ref as string)
      .slice(2)
      .split("/")
      .reduce<Record<string, unknown>>(
        (o, k) => o[k.replace(/~1/g, "/").replace(/~0/g, "~")] as Record<string, unknown>,
        spec as unknown as Record<string, unknown>,
      );
  }
  return s;
}

/** A body that breaks the operation's own schema: its first property with a value of the wrong type. */
function invalidBody(op: Op): unknown {
  const body = spec.paths[op.template][op.method.toLowerCase()].requestBody!;
  const schema = deref(body.content["application/json"].schema);
  const [prop, propSchema] = Object.entries(schema.properties as Record<string, JsonSchema>)[0];
  const type = deref(propSchema).type;
  return { [prop]: type === "string" ? 12345 : "not-a-" + String(type) };
}

/** Valid bodies for the success calls (the only hand-written part: plausible content). */
const BODIES: Record<string, unknown> = {
  createGate: { name: "conformance gate" },
  partiallyUpdateGate: { description: "updated" },
  addGateRule: {
    name: "second rule",
    passPercentage: 10,
    conditions: [{ type: "country", operator: "any", targetValue: ["GB"] }],
  },
  updateGateRules: { rules: [{ name: "only rule", passPercentage: 100, conditions: [] }] },
  addGateOverrides: { userOverrides: [{ userID: "u1", value: true }] },
  updateGateOverrides: { userOverrides: [{ userID: "u2", value: false }], idOverrides: [{ ids: ["a"], value: true }] },
  createDynamicConfig: { name: "conformance config", defaultValue: { a: 1 } },
  partiallyUpdateDynamicConfig: { description: "updated" },
  createExperiment: { name: "conformance experiment" },
  partiallyUpdateExperiment: { hypothesis: "updated" },
  createSegment: { name: "conformance segment", type: "rule_based" },
  partiallyUpdateSegment: { name: "fixture segment", type: "rule_based", description: "updated" },
  createLayer: { name: "conformance layer" },
  createHoldout: { name: "conformance holdout", passPercentage: 5 },
  createAutotune: { name: "conformance autotune", successMetric: "purchase" },
  createTag: { name: "conformance tag" },
};

/** Fixtures every call starts from, created through the API. */
async function seedFixtures(): Promise<void> {
  emu.reset();
  const post = (p: string, body: unknown) => call("POST", p, body);
  await post("/gates", { name: "fixture gate", rules: [{ name: "first rule", passPercentage: 50, conditions: [] }] });
  await post("/dynamic_configs", { name: "fixture config", defaultValue: { a: 1 } });
  await post("/segments", { name: "fixture segment", type: "rule_based" });
  await post("/layers", { name: "fixture layer", parameters: { p: 1 } });
  // Not in the fixture layer: the emulator refuses to delete a layer that still has experiments.
  await post("/experiments", {
    name: "fixture experiment",
    groups: [
      { name: "control", size: 50, parameterValues: { p: 1 } },
      { name: "test", size: 50, parameterValues: { p: 2 } },
    ],
  });
}

async function call(method: string, p: string, body?: unknown, key: string | null = emu.apiKey) {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (key) headers["STATSIG-API-KEY"] = key;
  const res = await fetch(emu.apiUrl + p, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

function pathFor(op: Op, missing = false): string {
  const collection = op.template.split("/")[1];
  const fixtureId: Record<string, string> = {
    gates: "fixture_gate",
    dynamic_configs: "fixture_config",
    experiments: "fixture_experiment",
    segments: "fixture_segment",
    layers: "fixture_layer",
    metrics: "purchase",
  };
  return op.template.replace("{id}", missing ? "does_not_exist" : fixtureId[collection]).replace("{ruleID}", () => {
    const gate = emu.store.get("gates", "fixture_gate") as unknown as { rules: { id: string }[] };
    return missing ? "does_not_exist" : gate.rules[0].id;
  });
}

const exercised = new Map<string, Set<string>>();

describe("the emulator conforms to the seed spec", () => {
  it("the spec has 52 operations", () => {
    expect(ops).toHaveLength(52);
  });

  it.each(ops.map((o) => [o.operationId, o] as const))(
    "%s: every documented response, schema-valid",
    async (_id, op) => {
      const seen = new Set<string>();
      exercised.set(op.operationId, seen);
      for (const status of op.statuses) {
        await seedFixtures();
        // The audit log has something to list once a mutation happened.
        let res;
        if (status.startsWith("2")) {
          res = await call(op.method, pathFor(op), op.hasBody ? BODIES[op.operationId] : undefined);
        } else if (status === "401") {
          res = await call(op.method, pathFor(op), op.hasBody ? BODIES[op.operationId] : undefined, null);
        } else if (status === "404") {
          res = await call(op.method, pathFor(op, true), op.hasBody ? BODIES[op.operationId] : undefined);
        } else if (status === "400") {
          res = await call(op.method, pathFor(op), invalidBody(op));
        } else {
          throw new Error(`no way to provoke ${status} for ${op.operationId}`);
        }
        expect({ op: op.operationId, status: res.status }).toEqual({ op: op.operationId, status: Number(status) });
        const validate = responseValidator(op, status);
        if (validate) {
          const ok = validate(res.body);
          expect({ op: op.operationId, status, errors: ok ? null : validate.errors }).toEqual({
            op: op.operationId,
            status,
            errors: null,
          });
        }
        seen.add(status);
      }
    },
  );

  it("covered 52/52 operations and every documented status", () => {
    expect(exercised.size).toBe(52);
    for (const op of ops) expect([...(exercised.get(op.operationId) ?? [])].sort()).toEqual([...op.statuses].sort());
  });

  it("list endpoints return non-empty, schema-valid data (catalogues, and the audit log after mutations)", async () => {
    await seedFixtures();
    for (const id of ["listMetrics", "listKeys", "listUsers", "listTargetApps", "listAuditLogs", "listGates"]) {
      const op = ops.find((o) => o.operationId === id)!;
      const res = await call("GET", op.template);
      expect(res.body.data.length).toBeGreaterThan(0);
      expect(responseValidator(op, "200")!(res.body)).toBe(true);
    }
  });
});

test("ajv knows the whole spec (one instance, refs resolve)", () => {
  expect(specAjv().getSchema("statsig-console-api")).toBeDefined();
});
