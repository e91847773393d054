/** Layer check and diff. */
import { layerDefinition } from "../../../provider/resources/layer";
import { entityTables } from "./entity";

entityTables("Layer", layerDefinition, {
  valid: [["layer", { name: "checkout layer", parameters: { color: "blue" } }]],
  invalid: [
    [{ name: "checkout layer", parameters: [1] }, "parameters: [1] is not an object"],
    // The service refuses "." in layer names (unlike gates), so preview must too.
    [{ name: "checkout.layer" }, 'name: "checkout.layer": layer names cannot contain "."'],
    [{ name: "ab" }, 'name: "ab": layer names must be 3 to 100 characters'],
  ],
  diff: {
    olds: { id: "lay", name: "lay", description: "", parameters: { a: 1 }, createdTime: 1 },
    same: { name: "lay", parameters: { a: 1 } },
    updates: {
      description: "e",
      parameters: { a: 2 },
      overrides: { idOverrides: [{ groupName: "g", ids: ["u1"], experimentName: "e" }] },
    },
    replaces: { name: "lay two", idType: "stableID", team: "checkout" },
  },
});
