/**
 * `adopt` against the emulator over real HTTP, through the providers the runtime dispatches to:
 * an existing entity is taken over with no write when the program agrees and with only the
 * differing fields otherwise; without `adopt` the failure names the entity and the way out.
 */
import { providers } from "../../provider/runtime";
import { Gate } from "../../provider";
import { served, testShape } from "./helpers";
import { outOfBand } from "../outOfBand";
import { rejection } from "../rejection";
import { useEmulator } from "../fixtures/emulator";

const emu = useEmulator({ provider: true, resetEach: true });

const gate = {
  name: "new checkout",
  description: "The redesigned checkout",
  tags: ["checkout"],
  rules: [{ name: "staff", conditions: [{ type: "email", operator: "str_ends_with_any", targetValue: ["@x.com"] }] }],
};
/** The write requests served since `from` (an index into the request log). */
const writesSince = (from: number) =>
  served(emu)
    .slice(from)
    .filter((r) => !r.startsWith("GET "));

describe("adopt", () => {
  it("takes over an equal entity with reads only", async () => {
    await outOfBand(emu, "POST", "/gates", gate);
    const before = emu.requests().length;
    const { id, outs } = await providers.Gate.create({ ...gate, adopt: true });
    expect(id).toBe("new_checkout");
    expect(outs).toMatchObject({ name: "new checkout", description: "The redesigned checkout" });
    expect(writesSince(before)).toEqual([]);
    expect(emu.requests().length - before).toBeGreaterThan(0);
    // What adopt records is what read returns: the next refresh and diff are empty.
    const refreshed = await providers.Gate.read(id, outs);
    expect(refreshed.props).toEqual(outs);
    // Refresh's inputs keep the instruction and only the fields the program set.
    expect(Object.keys(refreshed.inputs ?? {}).sort()).toEqual(["adopt", ...Object.keys(gate)].sort());
    expect((await providers.Gate.diff(id, outs, { ...gate, adopt: true })).changes).toBe(false);
  });

  it("writes only the fields that differ", async () => {
    await outOfBand(emu, "POST", "/gates", gate);
    await outOfBand(emu, "POST", "/dynamic_configs", { name: "limits", defaultValue: { max: 1 }, description: "old" });
    const before = emu.requests().length;
    const g = await providers.Gate.create({ ...gate, description: "changed", adopt: true });
    const c = await providers.DynamicConfig.create({
      name: "limits",
      defaultValue: { max: 2 },
      description: "old",
      adopt: true,
    });
    expect(writesSince(before)).toEqual(["PATCH /gates/new_checkout 200", "PATCH /dynamic_configs/limits 200"]);
    expect(g.outs.description).toBe("changed");
    expect(c.outs.defaultValue).toEqual({ max: 2 });
    expect(emu.store.get("gates", "new_checkout")?.tags).toEqual(["checkout"]);
  });

  it("creates as usual when nothing exists", async () => {
    const { id } = await providers.Tag.create({ name: "fresh tag", adopt: true });
    expect(id).toBe("fresh_tag");
    // The published service answers a tag create 200 (STATSIG_TEST_SHAPE=published).
    expect(writesSince(0)).toEqual([`POST /tags ${testShape() === "published" ? 200 : 201}`]);
  });

  it("without adopt, an existing entity fails naming it and saying how to adopt it", async () => {
    await outOfBand(emu, "POST", "/gates", gate);
    const err = await rejection(providers.Gate.create(gate));
    expect(err.message).toMatch(
      /^gate "new checkout" already exists in Statsig \(id new_checkout\)\. .*set `adopt: true` on the resource/,
    );
    expect(err.message).not.toContain(emu.apiKey);
  });

  it("is never a diff, and check accepts only a boolean", async () => {
    const { id, outs } = await providers.Tag.create({ name: "a tag", description: "d" });
    for (const adopt of [true, false, undefined])
      expect((await providers.Tag.diff(id, outs, { name: "a tag", description: "d", adopt })).changes).toBe(false);
    const ok = await providers.Tag.check({}, { name: "a tag", adopt: true });
    expect(ok.failures).toEqual([]);
    expect(ok.inputs).toMatchObject({ adopt: true });
    const bad = await providers.Tag.check({}, { name: "a tag", adopt: "yes" });
    expect(bad.failures).toEqual([{ property: "adopt", reason: "must be true or false" }]);
  });

  it("the import option fails with our message pointing at adopt", () => {
    expect(() => new Gate("g", { name: "g1 gate" }, { import: "g1_gate" })).toThrow(
      /the `import` resource option \(import id "g1_gate"\) cannot work .*serialized provider .*pulumi#16175.*set `adopt: true`/,
    );
  });
});
