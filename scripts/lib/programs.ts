/**
 * Pulumi programs (index.ts sources) for the benchmark and the request-count tests. Each reads its
 * size from stack config, so one program directory serves every step:
 *
 * - `bench:n`: how many resources;
 * - `bench:edited`: how many of them (the first ones) carry an edited description, for the
 *   "edit 10 %" step (default 0).
 *
 * The gate program's resources carry the inputs a typical gate has (a description, one targeting
 * rule), no overrides (a sub-resource the list endpoints lack). The trivial baseline carries the same
 * inputs through a minimal dynamic provider, so its cost is Pulumi's own: state size and CPU are
 * quoted as ratios to it.
 */

/** The stack config key holding the resource count. */
export const N_KEY = "bench:n";
/** The stack config key holding how many resources have an edited description. */
export const EDITED_KEY = "bench:edited";

// The inputs every gate (and every trivial resource) gets; `i` is the resource's index.
const GATE_INPUTS = `(i: number, edited: boolean) => ({
  name: \`bench gate \${i}\`,
  description: edited ? \`gate \${i}, edited\` : \`gate \${i}\`,
  isEnabled: true,
  rules: [
    {
      name: "staff",
      passPercentage: 100,
      conditions: [{ type: "email", operator: "str_ends_with_any", targetValue: ["@example.com"] }],
    },
  ],
})`;

const READ_CONFIG = `
const cfg = new pulumi.Config("bench");
const n = cfg.requireNumber("n");
const edited = cfg.getNumber("edited") ?? 0;
`;

/** N gates, `gate-0` … `gate-(N-1)`, named `bench gate <i>` (ids `bench_gate_<i>`). */
export const GATES_PROGRAM = `import * as pulumi from "@pulumi/pulumi";
import * as statsig from "pulumi-statsig";
${READ_CONFIG}
const inputs = ${GATE_INPUTS};
for (let i = 0; i < n; i++) new statsig.Gate(\`gate-\${i}\`, inputs(i, i < edited));
`;

/**
 * N trivial dynamic resources with a gate's inputs: `create` returns the inputs, `update` the new
 * ones; no check, diff or read (the engine and SDK defaults). What any dynamic provider costs.
 */
export const TRIVIAL_PROGRAM = `import * as pulumi from "@pulumi/pulumi";
${READ_CONFIG}
const provider: pulumi.dynamic.ResourceProvider = {
  async create(inputs) {
    return { id: inputs.name, outs: inputs };
  },
  async update(_id, _olds, news) {
    return { outs: news };
  },
};
class Trivial extends pulumi.dynamic.Resource {
  constructor(name: string, props: Record<string, unknown>) {
    super(provider, name, props, undefined, "bench", "Trivial");
  }
}
const inputs = ${GATE_INPUTS};
for (let i = 0; i < n; i++) new Trivial(\`trivial-\${i}\`, inputs(i, i < edited));
`;

/**
 * A mixed project of N resources: two tags, a layer and a holdout, and the rest in a repeating
 * pattern of 20 — 9 gates, 5 dynamic configs, 3 rule-based segments, 3 experiments in the layer
 * (targeted by a gate) — tagged, and referring to each other through outputs as real projects do.
 * `bench:edited` edits the description of the first resources of that pattern.
 */
export const MIXED_PROGRAM = `import * as pulumi from "@pulumi/pulumi";
import * as statsig from "pulumi-statsig";
${READ_CONFIG}
const team = new statsig.Tag("team", { name: "bench team", description: "Owns the benchmark" });
const launch = new statsig.Tag("launch", { name: "bench launch", description: "Ships soon" });
const tags = [team.name, launch.name];
const layer = new statsig.Layer("layer", { name: "bench layer", parameters: { color: "blue" } });
const rule = {
  name: "staff",
  passPercentage: 100,
  conditions: [{ type: "email", operator: "str_ends_with_any", targetValue: ["@example.com"] }],
};
const desc = (kind: string, i: number) => (i < edited ? \`\${kind} \${i}, edited\` : \`\${kind} \${i}\`);
const gates: pulumi.Output<string>[] = [];
let targeting: pulumi.Output<string> | undefined;
for (let i = 0; i < Math.max(0, n - 4); i++) {
  const slot = i % 20;
  if (slot < 8 || slot === 19) {
    const g = new statsig.Gate(\`gate-\${i}\`, {
      name: \`bench gate \${i}\`,
      description: desc("gate", i),
      isEnabled: true,
      rules: [rule],
      tags,
    });
    gates.push(g.id);
    targeting = targeting ?? g.id;
  } else if (slot < 13) {
    new statsig.DynamicConfig(\`config-\${i}\`, {
      name: \`bench config \${i}\`,
      description: desc("config", i),
      defaultValue: { limit: 10 },
      rules: [{ ...rule, returnValue: { limit: 50 } }],
      tags,
    });
  } else if (slot < 16) {
    new statsig.Segment(\`segment-\${i}\`, {
      name: \`bench segment \${i}\`,
      type: "rule_based",
      description: desc("segment", i),
      rules: [rule],
      tags,
    });
  } else {
    new statsig.Experiment(\`experiment-\${i}\`, {
      name: \`bench experiment \${i}\`,
      description: desc("experiment", i),
      hypothesis: "green converts better",
      layerID: layer.id,
      targetingGateID: targeting,
      groups: [
        { name: "control", size: 50, parameterValues: { color: "blue" } },
        { name: "green", size: 50, parameterValues: { color: "green" } },
      ],
      allocation: 10,
      tags,
    });
  }
}
new statsig.Holdout("holdout", { name: "bench holdout", passPercentage: 5, gateIDs: gates.slice(0, 3) });
`;
