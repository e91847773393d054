/** Tag check and diff. */
import { tagDefinition } from "../../../provider/resources/tag";
import { entityTables } from "./entity";

entityTables("Tag", tagDefinition, {
  valid: [
    ["tag", { name: "team checkout", description: "d", color: "#00AA88" }],
    // Tags are only length-limited (1-100), unlike gates: short names and any character.
    ["one-character name", { name: "x" }],
    ["name with punctuation", { name: "team/checkout.v2 ✓" }],
  ],
  invalid: [
    [{ name: "team", colour: "red" }, "colour: is not a known property"],
    [{ name: "" }, 'name: "": tag names must be 1 to 100 characters'],
    [{ name: "t".repeat(101) }, `name: "${"t".repeat(101)}": tag names must be 1 to 100 characters`],
  ],
  diff: {
    olds: { id: "tag", name: "tag", description: "d", color: "red" },
    same: { name: "tag", description: "d", color: "red" },
    updates: { description: "e", color: "blue", isCore: true },
    replaces: { name: "tag two" },
  },
});
