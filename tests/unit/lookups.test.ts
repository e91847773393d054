/**
 * The lookups (provider/lookups.ts) outside a Pulumi program, against two emulators over real HTTP
 * with a few entities put straight into their stores, settings from the environment: a missing id
 * is refused before any request; a missing entity is an error naming it and the URL; API errors
 * name the lookup and never the key; `project` reads another project of `statsig:projects`;
 * layers come back in the seed's parameter form whatever the service's shape.
 */
import { useEmulator } from "../fixtures/emulator";
import { rejection } from "../rejection";
import { getGate, getGateOutput, getLayer, getTag, listKeys, listMetrics, listUsers } from "../../provider/lookups";
import { ENV_KEYS, resetConfiguration } from "../../provider/settings";

const main = useEmulator({
  seed: async (e) => void e.store.put("gates", { id: "gate_a", name: "gate a", status: "active", isEnabled: true }),
});
const other = useEmulator({
  shape: "published",
  apiKey: "other-project-key",
  seed: async (e) => {
    e.store.put("gates", { id: "gate_b", name: "gate b", status: "active", isEnabled: true });
    e.store.put("layers", { id: "lay", name: "lay", parameters: { color: "red" } });
  },
});

const saved = Object.fromEntries(Object.values(ENV_KEYS).map((k) => [k, process.env[k]]));
beforeAll(() => {
  resetConfiguration();
  process.env[ENV_KEYS.apiUrl] = main.apiUrl;
  process.env[ENV_KEYS.apiKey] = main.apiKey;
  process.env[ENV_KEYS.rateLimit] = "off";
  process.env[ENV_KEYS.maxRetries] = "0";
  process.env[ENV_KEYS.projects] = JSON.stringify({
    other: { consoleApiKey: other.apiKey, apiUrl: other.apiUrl },
  });
});
afterAll(() => {
  for (const [k, v] of Object.entries(saved))
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  resetConfiguration();
});

it("reads an entity by id, from the default project or a named one", async () => {
  expect(await getGate({ id: "gate_a" })).toMatchObject({ id: "gate_a", name: "gate a" });
  expect(await getGate({ id: "gate_b", project: "other" })).toMatchObject({ id: "gate_b", name: "gate b" });
  expect(other.requests().map((r) => r.path)).toEqual(["/gates/gate_b"]);
});

it("refuses a missing id before any request", async () => {
  const before = main.requests().length;
  for (const args of [{}, { id: "" }, { id: 5 }])
    expect((await rejection<Error>(getTag(args as never))).message).toBe("getTag: id is required (the tag's id)");
  expect(main.requests().length).toBe(before);
});

it("a missing entity is an error naming it, the lookup and the project's URL", async () => {
  const err = await rejection<Error>(getGate({ id: "gate_b" }));
  expect(err.message).toMatch(
    new RegExp(
      `^getGate: gate "gate_b" does not exist in the Statsig project at ${main.apiUrl.replace(/[.]/g, "\\.")} \\(`,
    ),
  );
});

it("an API error names the lookup, never the key", async () => {
  process.env[ENV_KEYS.apiKey] = "wrong-secret-key";
  try {
    const byId = await rejection<Error>(getGate({ id: "gate_a" }));
    expect(byId.message).toMatch(/^failed to look up gate "gate_a": HTTP 401/);
    const list = await rejection<Error>(listUsers());
    expect(list.message).toMatch(/^failed to list users: HTTP 401/);
    expect(byId.message + list.message).not.toContain("wrong-secret-key");
  } finally {
    process.env[ENV_KEYS.apiKey] = main.apiKey;
  }
});

it("an unknown project fails naming the projects defined, without a key", async () => {
  const err = await rejection<Error>(listMetrics({ project: "nope" }));
  expect(err.message).toMatch(/^Statsig project "nope": not defined in statsig:projects \(defined: other\)/);
  expect(err.message).not.toContain(other.apiKey);
});

it("a layer's parameters come back as the seed's object from the published shape's list", async () => {
  expect((await getLayer({ id: "lay", project: "other" })).parameters).toEqual({ color: "red" });
});

it("lists a catalogue, and keys only masked", async () => {
  expect((await listMetrics()).map((m) => m.id)).toEqual(["purchase", "add_to_cart", "checkout_completed", "dau"]);
  const keys = await listKeys();
  expect(keys).toHaveLength(3);
  expect(JSON.stringify(keys)).not.toContain(main.apiKey);
});

it("the Output form takes its arguments as outputs", async () => {
  const out = getGateOutput({ id: Promise.resolve("gate_a") });
  expect(await (out as unknown as { promise(): Promise<unknown> }).promise()).toMatchObject({ id: "gate_a" });
});
