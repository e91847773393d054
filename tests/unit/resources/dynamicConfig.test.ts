/** DynamicConfig check and diff. */
import { dynamicConfigDefinition } from "../../../provider/resources/dynamicConfig";
import { entityTables } from "./entity";

entityTables("DynamicConfig", dynamicConfigDefinition, {
  valid: [
    [
      "config",
      {
        name: "pricing",
        defaultValue: { a: 1 },
        isEnabled: true,
        rules: [{ name: "eu", returnValue: { a: 2 } }],
        tags: ["x"],
      },
    ],
  ],
  invalid: [
    [{ name: "pricing", defaultValue: "USD" }, 'defaultValue: "USD" is not an object'],
    [{ name: "pricing", rules: [{ name: "a" }, { name: "a" }] }, "rules[1].name: duplicates"],
  ],
  diff: {
    olds: {
      id: "cfg",
      name: "cfg",
      description: "d",
      defaultValue: { a: 1 },
      rules: [{ id: "x", name: "r", returnValue: { a: 2 } }],
      tags: [],
      isEnabled: true,
      createdTime: 1,
      lastModifiedTime: 2,
    },
    same: { name: "cfg", description: "d", defaultValue: { a: 1 }, rules: [{ name: "r", returnValue: { a: 2 } }] },
    updates: {
      description: "e",
      isEnabled: false,
      defaultValue: { a: 3 },
      rules: [],
      tags: ["t"],
      idType: "stableID",
      team: "checkout",
      targetApps: "web",
      schema: "{}",
      status: "Archived",
    },
    replaces: { name: "cfg two" },
  },
});
