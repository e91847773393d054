/** Tag check and diff. */
import { tagDefinition } from "../../../provider/resources/tag";
import { entityTables } from "./entity";

entityTables("Tag", tagDefinition, {
  valid: [["tag", { name: "team checkout", description: "d", color: "#00AA88" }]],
  invalid: [[{ name: "team", colour: "red" }, "colour: is not a known property"]],
  diff: {
    olds: { id: "tag", name: "tag", description: "d", color: "red" },
    same: { name: "tag", description: "d", color: "red" },
    updates: { description: "e", color: "blue" },
    replaces: { name: "tag two" },
  },
});
