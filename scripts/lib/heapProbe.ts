/**
 * Where a program's memory per resource goes (issue 19, item 3), without an engine: declares N
 * resources under Pulumi's mocks (`pulumi.runtime.setMocks`, the engine's answers made up
 * in-process) and reports the live heap they hold after a full GC, per resource.
 *
 * `node --expose-gc dist/scripts/lib/heapProbe.js <kind> <n>`, kind one of:
 * - `gate`: `statsig.Gate` with a typical gate's inputs (as the benchmark's programs);
 * - `trivial`: a trivial dynamic resource with the same inputs (what the trivial baseline declares);
 * - `trivial-keys`: the same trivial resource given every key a `Gate` declares as an output (the
 *   SDK creates one `Output` per key of the props it is given, set or not).
 *
 * Prints one JSON line: `{ kind, n, heapKiBPerResource, rssMiB }`. Run by `bench --takeover`;
 * a child process of its own, so the mocks touch nothing else.
 */
import * as pulumi from "@pulumi/pulumi";

const [kind, count] = [process.argv[2], Number(process.argv[3] ?? "2000")];

pulumi.runtime.setMocks(
  {
    newResource: (args) => ({ id: String(args.inputs.name), state: args.inputs }),
    call: (args) => args.inputs,
  },
  "probe",
  "probe",
  false,
);

// Required after the mocks are set, as a program would be run.
const statsig = require("../../provider") as typeof import("../../provider");

const provider: pulumi.dynamic.ResourceProvider = {
  async create(inputs) {
    return { id: inputs.name, outs: inputs };
  },
};

class Trivial extends pulumi.dynamic.Resource {
  constructor(name: string, props: Record<string, unknown>) {
    super(provider, name, props, undefined, "bench", "Trivial");
  }
}

const inputs = (i: number) => ({
  name: `bench gate ${i}`,
  description: `gate ${i}`,
  isEnabled: true,
  rules: [
    {
      name: "staff",
      passPercentage: 100,
      conditions: [{ type: "email" as const, operator: "str_ends_with_any" as const, targetValue: ["@example.com"] }],
    },
  ],
});

/** The keys a `Gate` declares beyond those inputs (its other fields and output-only fields), unset. */
const GATE_KEYS = { tags: undefined, targetApps: undefined, overrides: undefined, status: undefined };
const OUTPUT_ONLY = { createdTime: undefined, lastModifiedTime: undefined };

async function main(): Promise<void> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error("run with node --expose-gc");
  const held: unknown[] = [];
  gc();
  const before = process.memoryUsage().heapUsed;
  for (let i = 0; i < count; i++) {
    if (kind === "gate") held.push(new statsig.Gate(`gate-${i}`, { ...inputs(i), adopt: true }));
    else if (kind === "trivial") held.push(new Trivial(`t-${i}`, inputs(i)));
    else if (kind === "trivial-keys")
      held.push(new Trivial(`t-${i}`, { ...inputs(i), adopt: true, ...GATE_KEYS, ...OUTPUT_ONLY }));
    else throw new Error(`unknown kind ${kind}`);
  }
  // Let every registration and its outputs resolve.
  await new Promise((r) => setTimeout(r, 3000));
  gc();
  const after = process.memoryUsage();
  console.log(
    JSON.stringify({
      kind,
      n: count,
      heapKiBPerResource: (after.heapUsed - before) / count / 1024,
      rssMiB: after.rss / 2 ** 20,
      held: held.length,
    }),
  );
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
