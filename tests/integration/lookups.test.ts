/**
 * The lookups against the emulator over real HTTP (direct calls, outside a Pulumi program; the
 * e2e suite calls them from a program): every kind by id, the read-only lists with all pages, a
 * clear error naming a missing entity, and never the key in a result.
 */
import * as statsig from "../../provider";
import { populateProject } from "../fixtures/project";
import { rejection } from "../rejection";
import { useEmulator } from "../fixtures/emulator";

const emu = useEmulator({ provider: true, seed: populateProject });

/** The value of an Output outside a deployment. */
const valueOf = <T>(o: unknown): Promise<T> => (o as { promise(): Promise<T> }).promise();

describe("lookups", () => {
  it("read every kind by id", async () => {
    expect(await statsig.getGate({ id: "new_checkout" })).toMatchObject({ name: "new checkout", status: "active" });
    expect(await statsig.getDynamicConfig({ id: "checkout_config" })).toMatchObject({
      defaultValue: { maxItems: 20, expressPay: false },
    });
    expect(await statsig.getExperiment({ id: "checkout_button_color" })).toMatchObject({
      layerID: "checkout_layer",
      status: "active",
    });
    expect(await statsig.getSegment({ id: "beta_testers" })).toMatchObject({ type: "id_list" });
    expect(await statsig.getLayer({ id: "checkout_layer" })).toMatchObject({ parameters: { buttonColor: "blue" } });
    expect(await statsig.getHoldout({ id: "checkout_holdout" })).toMatchObject({ passPercentage: 5 });
    expect(await statsig.getTag({ id: "checkout_team" })).toMatchObject({ name: "checkout team" });
    expect(await statsig.getAutotune({ id: "cta_copy" })).toMatchObject({ successMetric: "purchase" });
    expect(await statsig.getMetric({ id: "purchase" })).toMatchObject({ type: "event_count" });
  });

  it("Output forms take output ids", async () => {
    const gate = statsig.getGateOutput({ id: Promise.resolve("beta_ui") });
    expect(await valueOf(gate)).toMatchObject({ name: "beta ui" });
    expect(((await valueOf(statsig.listMetricsOutput())) as unknown[]).length).toBe(4);
  });

  it("list the read-only catalogues, all pages, keys masked", async () => {
    expect((await statsig.listMetrics()).map((m) => m.id)).toEqual([
      "purchase",
      "add_to_cart",
      "checkout_completed",
      "dau",
    ]);
    expect((await statsig.listTargetApps()).map((a) => a.id)).toEqual(["web", "ios", "android"]);
    expect(await statsig.listUsers()).toHaveLength(3);
    const keys = await statsig.listKeys();
    expect(keys).toHaveLength(3);
    expect(JSON.stringify(keys)).not.toContain(emu.apiKey);
    expect(keys[0].key).toMatch(/^\*+.{4}$/);
    const audit = await statsig.listAuditLogs();
    expect(audit.length).toBeGreaterThanOrEqual(20);
    expect(JSON.stringify(audit)).not.toContain(emu.apiKey);
  });

  it("a missing entity is an error that names it", async () => {
    const err = await rejection(statsig.getGate({ id: "no_such_gate" }));
    expect(err.message).toMatch(/^getGate: gate "no_such_gate" does not exist in the Statsig project at http/);
    expect(err.message).not.toContain(emu.apiKey);
    const m = await rejection(statsig.getMetric({ id: "nope" }));
    expect(m.message).toMatch(/^getMetric: metric "nope" does not exist/);
  });
});
