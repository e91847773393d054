/** Holdout check and diff. */
import { holdoutDefinition } from "../../../provider/resources/holdout";
import { entityTables } from "./entity";

entityTables("Holdout", holdoutDefinition, {
  valid: [["holdout", { name: "q3 holdout", passPercentage: 5, gateIDs: ["a", "b"] }]],
  invalid: [
    [{ name: "q3 holdout", passPercentage: 101 }, "passPercentage: 101 is over 100"],
    [{ name: "q3.holdout" }, 'name: "q3.holdout": holdout names cannot contain "."'],
    [{ name: "q3 holdout", gateIDs: ["a", "a"] }, 'gateIDs[1]: duplicates "a"'],
  ],
  diff: {
    olds: { id: "hold", name: "hold", description: "", passPercentage: 5, gateIDs: ["b", "a"], isEnabled: true },
    same: { name: "hold", passPercentage: 5, gateIDs: ["a", "b"] },
    updates: { description: "e", passPercentage: 6, gateIDs: ["a"], overrides: { passingUserIDs: ["u1"] } },
    replaces: { name: "hold two", idType: "stableID" },
  },
});
