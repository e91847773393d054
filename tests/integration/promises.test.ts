/**
 * What the docs promise holds (issue 9, item 6), against the emulator over real HTTP: an active
 * experiment's `targetingGateID` is refused at preview when the new value is known and at update
 * (before any write) when it was not; a segment's id change is computed from the live list, so one
 * `up` converges after an out-of-band change.
 */
import { UNKNOWN } from "../../provider/resources/framework";
import { providers } from "../../provider/runtime";
import { rejection } from "../rejection";
import { outOfBand } from "../outOfBand";
import { served } from "./helpers";
import { useEmulator } from "../fixtures/emulator";

const emu = useEmulator({ provider: true, resetEach: true });

const groups = [
  { name: "control", size: 50, parameterValues: { color: "blue" } },
  { name: "green", size: 50, parameterValues: { color: "green" } },
];

describe("an active experiment's targetingGateID", () => {
  const setUp = async () => {
    await providers.Gate.create({ name: "beta testers" });
    await providers.Gate.create({ name: "staff" });
    const inputs = { name: "gated", groups, targetingGateID: "beta_testers", status: "active" };
    const { outs } = await providers.Experiment.create(inputs);
    expect(outs).toMatchObject({ status: "active", targetingGateID: "beta_testers" });
    return { inputs, outs };
  };

  it("is refused at preview when the new value is known, naming both values and what to do", async () => {
    const { inputs, outs } = await setUp();
    const err = await rejection(providers.Experiment.diff("gated", outs, { ...inputs, targetingGateID: "staff" }));
    expect(String(err)).toContain(
      'experiment "gated" is active: its targetingGateID cannot change (from "beta_testers" to "staff")',
    );
    expect(String(err)).toContain('Either set status: "setup" in the same change');
  });

  it("unknown at preview, is refused at update before any write", async () => {
    const { inputs, outs } = await setUp();
    const diff = await providers.Experiment.diff("gated", outs, { ...inputs, targetingGateID: UNKNOWN });
    expect(diff.changes).toBe(true);
    const mark = emu.requests().length;
    const err = await rejection(providers.Experiment.update("gated", outs, { ...inputs, targetingGateID: "staff" }));
    expect(String(err)).toContain('its targetingGateID cannot change (from "beta_testers" to "staff")');
    expect(
      served(emu)
        .slice(mark)
        .filter((r) => !r.startsWith("GET")),
    ).toEqual([]);
    expect(emu.store.get("experiments", "gated")).toMatchObject({ targetingGateID: "beta_testers" });
  });

  it("changes together with status: setup (reset, then the PATCH)", async () => {
    const { inputs, outs } = await setUp();
    const news = { ...inputs, targetingGateID: "staff", status: "setup" };
    await providers.Experiment.diff("gated", outs, news);
    const r = await providers.Experiment.update("gated", outs, news);
    expect(r.outs).toMatchObject({ status: "setup", targetingGateID: "staff" });
  });
});

describe("a segment's ids", () => {
  it("one up converges after an out-of-band change: the difference is taken from the live list", async () => {
    const inputs = { name: "beta users", type: "id_list", ids: ["a", "b"] };
    const { outs } = await providers.Segment.create(inputs);
    await outOfBand(emu, "PATCH", "/segments/beta_users/add_ids", { ids: ["x"] });
    const r = await providers.Segment.update("beta_users", outs, { ...inputs, ids: ["a", "c"] });
    expect([...(r.outs.ids as string[])].sort()).toEqual(["a", "c"]);
    const list = (await outOfBand(emu, "GET", "/segments/beta_users/id_list")) as {
      ids?: string[];
      data?: { ids: string[] };
    };
    expect([...((list.ids ?? list.data?.ids) as string[])].sort()).toEqual(["a", "c"]);
  });
});
