/**
 * The emulator's SDK endpoints (emulator/sdk/serve.ts): keys, both download_config_specs forms,
 * id lists with Range reads, log_event recorded and readable at /__emulator/events.
 */
import { startEmulator, RunningEmulator } from "../../emulator/server";
import { DEFAULT_SERVER_SDK_KEY } from "../../emulator/sdk/serve";
import { hashIdForIdList } from "../../emulator/sdk/translate";
import { coreHttpEngine, nodeHttpEngine } from "../../provider/simulate/engines";

let emu: RunningEmulator;
beforeEach(async () => {
  emu = await startEmulator({ port: 0 });
  emu.store.put("gates", {
    id: "beta",
    name: "beta",
    isEnabled: true,
    status: "active",
    rules: [{ id: "r", name: "r", passPercentage: 100, conditions: [{ type: "passes_segment", targetValue: "vips" }] }],
  });
  emu.store.put("segments", { id: "vips", name: "vips", type: "id_list", rules: [] });
  emu.store.setExtra("id_list", "segments", "vips", ["alice", "bob"]);
});
afterEach(() => emu.close());

const get = (path: string, init?: RequestInit) => fetch(emu.url + path, init);
/** A JSON answer, loosely typed: these tests check its shape. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;
const json = async (r: Response | Promise<Response>): Promise<Json> => (await r).json();

test("download_config_specs: GET with the key in the path, POST with the key in the header, v2", async () => {
  const v1 = await json(get(`/v1/download_config_specs/${DEFAULT_SERVER_SDK_KEY}.json`));
  expect(v1.feature_gates.map((g: { name: string }) => g.name)).toEqual(["beta", "segment:vips"]);
  const post = await get("/v1/download_config_specs", {
    method: "POST",
    headers: { "statsig-api-key": DEFAULT_SERVER_SDK_KEY, "content-type": "application/json" },
    body: JSON.stringify({ sinceTime: 0 }),
  });
  expect((await json(post)).feature_gates).toHaveLength(2);
  const v2 = await json(get(`/v2/download_config_specs/${DEFAULT_SERVER_SDK_KEY}.json`));
  expect(Object.keys(v2.feature_gates)).toEqual(["beta", "segment:vips"]);
  expect(v2.id_lists).toEqual({ vips: true });
});

test("unknown keys get a 401; open mode takes any secret- key", async () => {
  expect((await get("/v1/download_config_specs/secret-nope.json")).status).toBe(401);
  expect((await get("/v1/download_config_specs/client-emulator-sdk-key.json")).status).toBe(401);
  const open = await startEmulator({ port: 0, sdkKeys: "open" });
  try {
    expect((await fetch(`${open.url}/v1/download_config_specs/secret-anything.json`)).status).toBe(200);
    expect((await fetch(`${open.url}/v1/download_config_specs/client-x.json`)).status).toBe(401);
  } finally {
    await open.close();
  }
});

test("get_id_lists names each list's file; the file honours Range", async () => {
  const lists = await json(
    get("/v1/get_id_lists", { method: "POST", headers: { "statsig-api-key": DEFAULT_SERVER_SDK_KEY } }),
  );
  expect(lists.vips).toMatchObject({ name: "vips", size: 20 });
  const whole = await (await fetch(lists.vips.url)).text();
  expect(whole).toBe(`+${hashIdForIdList("alice")}\n+${hashIdForIdList("bob")}\n`);
  const rest = await fetch(lists.vips.url, { headers: { range: "bytes=10-" } });
  expect(rest.status).toBe(206);
  expect(await rest.text()).toBe(`+${hashIdForIdList("bob")}\n`);
});

test("an untranslatable condition is a 500 naming it, not a silently false gate", async () => {
  emu.store.put("gates", {
    id: "web_only",
    name: "web_only",
    isEnabled: true,
    rules: [{ id: "r", name: "r", conditions: [{ type: "url", operator: "any", targetValue: ["/x"] }] }],
  });
  const res = await get(`/v1/download_config_specs/${DEFAULT_SERVER_SDK_KEY}.json`);
  expect(res.status).toBe(500);
  expect((await json(res)).message).toContain('gate "web_only".rules[0] ("r").conditions[0]: condition type "url"');
});

test.each([
  ["statsig-node", nodeHttpEngine],
  ["statsig-node-core", coreHttpEngine],
])("%s: exposures are logged to /__emulator/events; reset empties them", async (_name, make) => {
  const engine = await make(emu.url, DEFAULT_SERVER_SDK_KEY);
  expect(engine.evaluate("gate", "beta", { userID: "alice" }).value).toBe(true);
  expect(engine.evaluate("gate", "beta", { userID: "carol" }).value).toBe(false);
  await engine.close();
  const { data } = await json(get("/__emulator/events"));
  const exposures = data.filter(
    (e: { event: { eventName: string } }) => e.event.eventName === "statsig::gate_exposure",
  );
  expect(exposures.map((e: { event: { user: { userID: string } } }) => e.event.user.userID).sort()).toEqual([
    "alice",
    "carol",
  ]);
  await get("/__emulator/reset", { method: "POST" });
  expect((await json(get("/__emulator/events"))).data).toEqual([]);
});
