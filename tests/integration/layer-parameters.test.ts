/**
 * A layer's `parameters` against both shapes of the emulator, over real HTTP: the program gives the
 * seed's name → value object; a published-shape service takes and returns the published
 * `{ name, type, defaultValue }` list (`LayerContractDto`, `LayerPartialUpdateContractDto`), and
 * the provider converts both ways, so a read shows no change.
 */
import { RunningEmulator } from "../../emulator/server";
import { providers } from "../../provider/runtime";
import { emulatorWithProvider, served } from "./helpers";

jest.setTimeout(60_000);

const parameters = { a_parameter: true, b_parameter: 123, c_parameter: "text", d_parameter: [1, "x"], e: { k: "v" } };
const edited = { a_parameter: false, c_parameter: "other", f_parameter: [] };

describe.each(["published", "seed"] as const)("layer parameters, %s shape", (shape) => {
  let emu: RunningEmulator;
  beforeAll(async () => {
    emu = await emulatorWithProvider({ shape });
  });
  afterAll(() => emu.close());

  it("are created, read back, updated and read back with no change", async () => {
    const args = { name: `params ${shape}`, description: "d", parameters };
    const { id, outs } = await providers.Layer.create(args);
    expect(outs.parameters).toEqual(parameters);
    const back = await providers.Layer.read(id, outs);
    expect(back.props?.parameters).toEqual(parameters);
    expect((await providers.Layer.diff(id, back.props ?? {}, args)).changes).toBe(false);

    const news = { ...args, parameters: edited };
    expect((await providers.Layer.diff(id, back.props ?? {}, news)).changes).toBe(true);
    const { outs: after } = await providers.Layer.update(id, back.props ?? {}, news);
    expect(after.parameters).toEqual(edited);
    const again = await providers.Layer.read(id, after);
    expect(again.props?.parameters).toEqual(edited);
    expect((await providers.Layer.diff(id, again.props ?? {}, news)).changes).toBe(false);
  });

  if (shape === "published") {
    it("go over the wire as the published list, typed from each value", async () => {
      const mark = emu.requests().length;
      const { id } = await providers.Layer.create({ name: "wire layer", parameters: { n: 1, s: "x" } });
      // The published create (`LayerCreateContractDto`) takes no parameters: a PATCH sets them.
      expect(served(emu).slice(mark)).toEqual(["POST /layers 201", "PATCH /layers/wire_layer 200"]);
      const res = await fetch(`${emu.apiUrl}/layers/${id}`, { headers: { "STATSIG-API-KEY": emu.apiKey } });
      const body = (await res.json()) as { data: { parameters: unknown } };
      expect(body.data.parameters).toEqual([
        { name: "n", type: "number", defaultValue: 1 },
        { name: "s", type: "string", defaultValue: "x" },
      ]);
    });

    it("the service refuses the seed's object form and a value of another type", async () => {
      const headers = { "STATSIG-API-KEY": emu.apiKey, "Content-Type": "application/json" };
      await providers.Layer.create({ name: "refusing layer" });
      const patch = (parameters: unknown) =>
        fetch(`${emu.apiUrl}/layers/refusing_layer`, {
          method: "PATCH",
          headers,
          body: JSON.stringify({ parameters }),
        });
      expect((await patch({ a: 1 })).status).toBe(400);
      const mismatch = await patch([{ name: "a", type: "string", defaultValue: 1 }]);
      expect(mismatch.status).toBe(400);
      expect(await mismatch.text()).toMatch(/parameters\[0\]\.defaultValue: must match the specified type string/);
    });
  }
});
