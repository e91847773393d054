/**
 * The emulator's autotune handlers, called directly: `setup` → start → `active` → make_decision →
 * `decision_made` with the winning variant by its id; reset back to `setup`; what has not started
 * cannot be decided or reset, and a decision is made once.
 */
import { autotunes } from "../../../../emulator/handlers/autotunes";
import { Store } from "../../../../emulator/store";
import { call, refusal } from "./call";

let store: Store;
beforeEach(async () => {
  store = new Store();
  await call(autotunes.create, store, {
    body: { name: "tune", variants: [{ name: "Buy Now" }, { name: "Later" }], successMetric: "purchase" },
  });
});
const on = (body?: unknown) => ({ params: { id: "tune" }, body });
const decide = (winner: string) => on({ id: winner, decisionReason: "won" });

it("is created in setup; cannot be decided or reset before it starts", async () => {
  expect(store.get("autotunes", "tune")).toMatchObject({ status: "setup", description: "" });
  expect((await refusal(autotunes.makeDecision, store, decide("buy_now"))).message).toBe(
    "Autotune experiment has not yet started",
  );
  expect((await refusal(autotunes.reset, store, on())).message).toBe("Autotune experiment has not yet started");
});

it("starts once, is decided by a variant's id, once", async () => {
  expect((await call(autotunes.start, store, on())).body).toMatchObject({ status: "active", isStarted: true });
  expect((await refusal(autotunes.start, store, on())).status).toBe(400);
  expect((await refusal(autotunes.makeDecision, store, decide("Buy Now"))).message).toBe(
    'id: "Buy Now" is not a variant of this autotune (buy_now, later)',
  );
  expect((await call(autotunes.makeDecision, store, decide("buy_now"))).body).toMatchObject({
    status: "decision_made",
    isStarted: false,
    winner: { id: "buy_now", name: "Buy Now" },
    decisionReason: "won",
  });
  expect((await refusal(autotunes.makeDecision, store, decide("later"))).message).toMatch(/a decision is made once/);
});

it("reset takes a decided autotune back to setup, forgetting the decision", async () => {
  await call(autotunes.start, store, on());
  await call(autotunes.makeDecision, store, decide("later"));
  const r = await call(autotunes.reset, store, on());
  expect(r.body).toMatchObject({ status: "setup", isStarted: false });
  expect(r.body).not.toHaveProperty("winner");
  expect(r.body).not.toHaveProperty("decisionReason");
});
