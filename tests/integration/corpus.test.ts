/**
 * The documentation corpus (tests/fixtures/corpus) against the emulator's published shape, over
 * real HTTP: every configuration is created through its provider, read back, and diffs as
 * unchanged against its own arguments (what `up`, `refresh` and an empty preview rely on).
 */
import * as fs from "fs";
import * as path from "path";
import { RunningEmulator } from "../../emulator/server";
import { gateProvider } from "../../provider/resources/gate";
import { dynamicConfigProvider } from "../../provider/resources/dynamicConfig";
import { segmentProvider } from "../../provider/resources/segment";
import { layerProvider } from "../../provider/resources/layer";
import { experimentProvider } from "../../provider/resources/experiment";
import { holdoutProvider } from "../../provider/resources/holdout";
import { emulatorWithProvider } from "./helpers";

jest.setTimeout(120_000);

type Args = Record<string, unknown> & { name: string };
const read = (file: string) =>
  (
    JSON.parse(fs.readFileSync(path.resolve(__dirname, "..", "fixtures", "corpus", file), "utf8")) as { args: Args }[]
  ).map((e) => e.args);
const gates = read("gates.json");
const segments = read("segments.json");
const configs = read("dynamic_configs.json");
const layers = read("layers.json");
const experiments = read("experiments.json");
const holdouts = read("holdouts.json");

/** A provider's create/read/diff, as the framework builds them. */
interface Crd {
  create(inputs: Args): Promise<{ id: string; outs: Record<string, unknown> }>;
  read(id: string, props: Record<string, unknown>): Promise<{ props?: Record<string, unknown> }>;
  diff(id: string, olds: Record<string, unknown>, news: Args): Promise<{ changes?: boolean }>;
}

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await emulatorWithProvider({ shape: "published" });
});
afterAll(() => emu.close());

it("every corpus configuration is created, read back and shows no change", async () => {
  // What others name first: the gate `my_gate_2`, the segments `growth_org` and `an_id_list`.
  const first = (names: string[], list: Args[]) => [
    ...list.filter((a) => names.includes(a.name)),
    ...list.filter((a) => !names.includes(a.name)),
  ];
  const order: [Crd, Args][] = [
    ...first(["my_gate_2"], gates)
      .slice(0, 1)
      .map((a) => [gateProvider as unknown as Crd, a] as [Crd, Args]),
    ...first(["growth_org", "an_id_list"], segments).map((a) => [segmentProvider as unknown as Crd, a] as [Crd, Args]),
    ...first(["my_gate_2"], gates)
      .slice(1)
      .map((a) => [gateProvider as unknown as Crd, a] as [Crd, Args]),
    ...configs.map((a) => [dynamicConfigProvider as unknown as Crd, a] as [Crd, Args]),
    // Layers before the experiments placed in them.
    ...layers.map((a) => [layerProvider as unknown as Crd, a] as [Crd, Args]),
    ...experiments.map((a) => [experimentProvider as unknown as Crd, a] as [Crd, Args]),
    ...holdouts.map((a) => [holdoutProvider as unknown as Crd, a] as [Crd, Args]),
  ];
  const unchanged: string[] = [];
  for (const [provider, args] of order) {
    const { id, outs } = await provider.create(args);
    const back = await provider.read(id, outs);
    if (!(await provider.diff(id, back.props ?? {}, args)).changes) unchanged.push(args.name);
  }
  expect(unchanged).toEqual(order.map(([, a]) => a.name));
  expect(order).toHaveLength(
    gates.length + segments.length + configs.length + layers.length + experiments.length + holdouts.length,
  );
});
