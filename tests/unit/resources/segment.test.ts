/** Segment check and diff, and the type change that deletes before replacing. */
import { segmentDefinition } from "../../../provider/resources/segment";
import { entityTables, providerOf } from "./entity";

entityTables("Segment", segmentDefinition, {
  valid: [
    ["id list", { name: "beta testers", type: "id_list", ids: ["u1"] }],
    [
      "rules",
      {
        name: "beta testers",
        type: "rule_based",
        rules: [{ name: "r", conditions: [{ type: "country", operator: "any", targetValue: ["DE"] }] }],
      },
    ],
  ],
  invalid: [
    [{ name: "beta testers" }, "type: is required"],
    [{ name: "beta.testers", type: "id_list" }, 'name: "beta.testers": segment names cannot contain "."'],
    [{ name: "beta testers", type: "by_magic" }, 'type: "by_magic" is not an allowed value (one of'],
    [{ name: "beta testers", type: "id_list", rules: [{ name: "r" }] }, "rules: an id_list segment has no rules"],
    [{ name: "beta testers", type: "rule_based", ids: ["u"] }, "ids: only an id_list segment has ids"],
    [
      { name: "beta testers", type: "rule_based", rules: [{ name: "r", returnValue: {} }] },
      "rules[0].returnValue: cannot be set here",
    ],
  ],
  diff: {
    olds: {
      id: "seg",
      name: "seg",
      type: "id_list",
      description: "",
      rules: [],
      tags: [],
      ids: ["b", "a"],
      createdTime: 1,
    },
    same: { name: "seg", type: "id_list", ids: ["a", "b", "a"] },
    updates: { description: "e", tags: ["t"], ids: ["a"] },
    replaces: { name: "seg two", type: "rule_based", idType: "stableID", team: "checkout" },
  },
});

it("a segment type change deletes before replacing (same name, same id)", async () => {
  const seg = providerOf(segmentDefinition);
  const d = await seg.diff("s", { id: "s", name: "s", type: "id_list" }, { name: "s", type: "rule_based" });
  expect(d).toEqual({ changes: true, replaces: ["type"], deleteBeforeReplace: true });
});
