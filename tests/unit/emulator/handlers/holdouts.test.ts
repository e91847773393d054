/**
 * The emulator's holdout handlers, called directly: every gate named must exist (create and
 * update), overrides are four id lists that POST replaces and PATCH adds to, always all present.
 */
import { holdouts } from "../../../../emulator/handlers/holdouts";
import { Store } from "../../../../emulator/store";
import { call, refusal } from "./call";

let store: Store;
beforeEach(() => {
  store = new Store();
  store.put("gates", { id: "known", name: "known" });
});
const on = (body?: unknown) => ({ params: { id: "hold" }, body });

it("creates with defaults; 200 in the published shape", async () => {
  const r = await call(holdouts.create, store, { body: { name: "hold" } });
  expect(r.status).toBe(201);
  expect(r.body).toEqual({
    id: "hold",
    name: "hold",
    description: "",
    passPercentage: 0,
    gateIDs: [],
    isEnabled: true,
  });
  expect((await call(holdouts.create, store, { body: { name: "pub" }, shape: "published" })).status).toBe(200);
});

it("refuses a gate that does not exist, naming its place, on create and update", async () => {
  expect((await refusal(holdouts.create, store, { body: { name: "hold", gateIDs: ["known", "gone"] } })).message).toBe(
    'gateIDs[1]: gate "gone" does not exist',
  );
  await call(holdouts.create, store, { body: { name: "hold", gateIDs: ["known"] } });
  expect((await refusal(holdouts.update, store, on({ gateIDs: ["gone"] }))).status).toBe(400);
  expect(store.get("holdouts", "hold")!.gateIDs).toEqual(["known"]);
});

it("overrides: every list present, POST replaces, PATCH appends, DELETE empties", async () => {
  await call(holdouts.create, store, { body: { name: "hold" } });
  const empty = { passingUserIDs: [], failingUserIDs: [], passingCustomIDs: [], failingCustomIDs: [] };
  expect((await call(holdouts.getOverrides, store, on())).body).toEqual(empty);
  await call(holdouts.setOverrides, store, on({ passingUserIDs: ["a"], failingUserIDs: [] }));
  await call(holdouts.addOverrides, store, on({ passingUserIDs: ["b"], failingCustomIDs: ["c"] }));
  expect((await call(holdouts.getOverrides, store, on())).body).toEqual({
    ...empty,
    passingUserIDs: ["a", "b"],
    failingCustomIDs: ["c"],
  });
  await call(holdouts.setOverrides, store, on({ passingUserIDs: [], failingUserIDs: ["z"] }));
  expect((await call(holdouts.getOverrides, store, on())).body).toEqual({ ...empty, failingUserIDs: ["z"] });
  await call(holdouts.deleteOverrides, store, on());
  expect((await call(holdouts.getOverrides, store, on())).body).toEqual(empty);
  expect((await refusal(holdouts.setOverrides, store, { params: { id: "nope" }, body: {} })).status).toBe(404);
});
