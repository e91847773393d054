/** Autotune check and diff. */
import { autotuneDefinition } from "../../../provider/resources/autotune";
import { entityTables } from "./entity";

entityTables("Autotune", autotuneDefinition, {
  valid: [
    ["autotune", { name: "cta copy", successMetric: "purchase", variants: [{ name: "a" }, { name: "b" }] }],
    // Autotunes document no name rule: any non-empty name.
    ["name with punctuation", { name: "cta.copy/v2", successMetric: "purchase", variants: [{ name: "a" }] }],
  ],
  invalid: [
    [{ name: "cta copy" }, "successMetric: is required"],
    [{ name: "" }, 'name: "": autotune names must be at least 1 character'],
    [
      { name: "cta copy", successMetric: "m", variants: [{ name: "a" }, { name: "a" }] },
      "variants[1].name: duplicates",
    ],
    [
      { name: "cta copy", successMetric: "m", status: "active", launchedVariant: "a" },
      'launchedVariant: goes with status "decision_made"',
    ],
    [
      {
        name: "cta copy",
        successMetric: "m",
        variants: [{ name: "a" }],
        status: "decision_made",
        launchedVariant: "b",
      },
      'launchedVariant: "b" is not one of the variants (a)',
    ],
  ],
  diff: {
    olds: {
      id: "auto",
      name: "auto",
      description: "",
      successMetric: "m",
      variants: [{ name: "a", parameterValues: {} }],
      status: "setup",
    },
    same: { name: "auto", successMetric: "m", variants: [{ name: "a" }] },
    updates: { description: "e", successMetric: "n", variants: [], status: "active" },
    replaces: { name: "auto two" },
  },
});
