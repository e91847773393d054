/**
 * Dynamic configs: CRUD and the rules list. The published API accepts `rules` in PATCH (the
 * seed's update schema lacks it), so a PATCH may replace the rules; rule ids are kept for rules
 * whose name is unchanged.
 */
import { componentRef, validator } from "../spec";
import { EntityHandlers, HttpError } from "../types";
import { assignRuleIds, mustGet } from "./common";
import { crud } from "./crud";

let rulesValidator: ((v: unknown) => string[]) | undefined;
/** The rules in a PATCH body are not typed by the seed's update schema; check them against `Rule`. */
function checkRules(rules: unknown): void {
  if (rules === undefined) return;
  rulesValidator ??= validator({ type: "array", items: componentRef("Rule") }, "rules");
  const problems = rulesValidator(rules);
  if (problems.length) throw new HttpError(400, problems[0]);
}

/** Dynamic config handlers, named for the route table. */
export const dynamicConfigs = {
  ...crud({
    collection: "dynamic_configs",
    createDefaults: { description: "", isEnabled: true, defaultValue: {}, rules: [], tags: [] },
    updatable: ["description", "isEnabled", "defaultValue", "tags", "rules"],
    normalize(store, next, prev) {
      checkRules(next.rules);
      next.rules = assignRuleIds(store, next.rules, prev?.rules);
    },
  }),
  listRules: (ctx) => ({ items: (mustGet(ctx.store, "dynamic_configs", ctx.params.id).rules as unknown[]) ?? [] }),
} satisfies EntityHandlers;
