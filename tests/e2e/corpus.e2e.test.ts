/**
 * The documentation corpus (tests/fixtures/corpus; issue 16 item 6) through the real Pulumi CLI on
 * the emulator's published shape. Every configuration becomes a resource of ONE program (one stack,
 * so the CLI starts a handful of times, not once per entry), which goes through
 * - `up` (every entry created), an empty `preview`, a `refresh` with no changes;
 * - `pulumi-statsig generate` on the project the corpus populated, then `up` of the generated
 *   program: it takes every entity over with zero write requests, and its next preview is empty;
 * - `destroy` of the corpus stack, which leaves the project empty.
 */
import * as fs from "fs";
import * as path from "path";
import { Stack } from "@pulumi/pulumi/automation";
import { REPO, generateWithBin, stackInDirectory, useEmulator, useStack, writesSince } from "./harness";

// Each step is one real CLI run over ~50 resources; leave room for a loaded CI machine.
jest.setTimeout(240_000);

/** One configuration of the corpus, as tests/fixtures/corpus/README.md describes it. */
interface Entry {
  source: string;
  what: string;
  args: Record<string, unknown> & { name: string };
}

const CORPUS = path.join(REPO, "tests", "fixtures", "corpus");
/** Corpus file → the resource class declaring its entries and the emulator's collection. */
const FILES = [
  { file: "segments.json", cls: "Segment", collection: "segments" },
  { file: "gates.json", cls: "Gate", collection: "gates" },
  { file: "dynamic_configs.json", cls: "DynamicConfig", collection: "dynamic_configs" },
  { file: "layers.json", cls: "Layer", collection: "layers" },
  { file: "experiments.json", cls: "Experiment", collection: "experiments" },
  { file: "holdouts.json", cls: "Holdout", collection: "holdouts" },
] as const;
const corpus = FILES.map((f) => ({
  ...f,
  entries: JSON.parse(fs.readFileSync(path.join(CORPUS, f.file), "utf8")) as Entry[],
}));
const TOTAL = corpus.reduce((n, f) => n + f.entries.length, 0);

/**
 * The program: every entry of corpus.json (written next to it) as a resource. An entry naming
 * another by its id (a `passes_gate`/`fails_gate`/`passes_segment`/`fails_segment` target, an
 * experiment's `layerID` or `targetingGateID`, a holdout's `gateIDs`) depends on it, so Pulumi
 * creates the target first and deletes it last (the published API refuses a target that does not
 * exist). Corpus entries that others name have names equal to their ids.
 */
const program = `
import * as pulumi from "@pulumi/pulumi";
import * as fs from "fs";
import * as path from "path";
import * as statsig from "pulumi-statsig";

type Args = {
  name: string;
  rules?: { conditions?: { type: string; targetValue?: unknown }[] }[];
  layerID?: string;
  targetingGateID?: string;
  gateIDs?: string[];
};
const corpus: { cls: "Gate" | "DynamicConfig" | "Segment" | "Layer" | "Experiment" | "Holdout"; entries: { args: Args }[] }[] = JSON.parse(
  fs.readFileSync(path.join(__dirname, "corpus.json"), "utf8"),
);
const TARGETS: Record<string, string> = {
  passes_gate: "Gate", fails_gate: "Gate", passes_segment: "Segment", fails_segment: "Segment",
};
const made = new Map<string, pulumi.Resource>();
const targets = (a: Args) => [
  ...(a.rules ?? []).flatMap((r) => (r.conditions ?? []).flatMap((c) =>
    TARGETS[c.type] ? [c.targetValue].flat().map((t) => \`\${TARGETS[c.type]}:\${t}\`) : [])),
  ...(a.layerID ? [\`Layer:\${a.layerID}\`] : []),
  ...(a.targetingGateID ? [\`Gate:\${a.targetingGateID}\`] : []),
  ...(a.gateIDs ?? []).map((g) => \`Gate:\${g}\`),
];
// Segments, gates, configs, layers, experiments, holdouts: every target is declared before what names it.
for (const { cls, entries } of corpus)
  for (const { args } of entries) {
    const dependsOn = targets(args).map((k) => made.get(k)).filter((r): r is pulumi.Resource => !!r);
    const Class = statsig[cls] as unknown as new (n: string, a: Args, o: pulumi.CustomResourceOptions) => pulumi.Resource;
    made.set(\`\${cls}:\${args.name}\`, new Class(\`\${cls}:\${args.name}\`, args, { dependsOn }));
  }
export const count = made.size;
`;

describe("the documentation corpus with the real CLI (published shape)", () => {
  const emu = useEmulator({ shape: "published" });
  const t = useStack("corpus", program, emu, async (s) =>
    fs.writeFileSync(
      path.join(s.dir, "program", "corpus.json"),
      JSON.stringify(corpus.map(({ cls, entries }) => ({ cls, entries }))),
    ),
  );
  let generated: Stack;

  const stored = () => corpus.reduce((n, f) => n + emu.store.list(f.collection).length, 0);

  it(`up creates all ${TOTAL} configurations; preview and refresh then show nothing`, async () => {
    expect(TOTAL).toBeGreaterThanOrEqual(40);
    const up = await t.stack.up();
    expect(up.summary.resourceChanges).toEqual({ create: TOTAL + 1 }); // + the stack
    expect(stored()).toBe(TOTAL);
    const before = emu.requests().length;
    await t.stack.preview({ expectNoChanges: true });
    const refresh = await t.stack.refresh({ expectNoChanges: true });
    expect(refresh.summary.resourceChanges).toEqual({ same: TOTAL + 1 });
    expect(writesSince(emu, before)).toEqual([]);
  });

  it("generate on the corpus project, then up of the generated program with zero writes and an empty preview", async () => {
    const out = path.join(t.dir, "generated");
    const { stdout, stderr } = await generateWithBin(emu, out);
    expect(stdout).toContain(`${TOTAL} resources`);
    // A field or entity generate had to leave out is a warning: the corpus needs none.
    expect(stderr.split("\n").filter((l) => l.startsWith("warning:"))).toEqual([]);

    generated = await stackInDirectory(out, path.join(t.dir, "generated-home"), emu);
    const before = emu.requests().length;
    const up = await generated.up();
    expect(up.summary.resourceChanges).toEqual({ create: TOTAL + 1 });
    expect(writesSince(emu, before)).toEqual([]);
    await generated.preview({ expectNoChanges: true });
    expect(writesSince(emu, before)).toEqual([]);
  });

  it("destroy removes every configuration", async () => {
    const destroy = await t.stack.destroy();
    expect(destroy.summary.resourceChanges).toEqual({ delete: TOTAL + 1 });
    expect(stored()).toBe(0);
  });
});
