/**
 * Dynamic configs: CRUD and the rules list. The published API accepts `rules` in PATCH (the
 * seed's update schema lacks it), so a PATCH may replace the rules; rule ids are kept for rules
 * whose name is unchanged.
 */
import { componentRef, validator } from "../spec";
import { EntityHandlers, HandlerContext, HttpError, Shape } from "../types";
import { assignRuleIds, mustGet } from "./common";
import { crud } from "./crud";

const rulesValidators = new Map<Shape, (v: unknown) => string[]>();
/**
 * The rules in a create or PATCH body are not typed by the seed's schemas; check them against
 * `Rule` (with the published API's conditions in the published shape).
 */
function checkRules(ctx: HandlerContext): void {
  const rules = (ctx.body as { rules?: unknown } | undefined)?.rules;
  if (rules === undefined) return;
  let check = rulesValidators.get(ctx.shape);
  if (!check) {
    check = validator({ type: "array", items: componentRef("Rule") }, "rules", ctx.shape);
    rulesValidators.set(ctx.shape, check);
  }
  const problems = check(rules);
  if (problems.length) throw new HttpError(400, problems[0]);
}

const base = crud({
  collection: "dynamic_configs",
  createDefaults: { description: "", isEnabled: true, defaultValue: {}, rules: [], tags: [] },
  updatable: ["description", "isEnabled", "defaultValue", "tags", "rules"],
  normalize(store, next, prev) {
    next.rules = assignRuleIds(store, next.rules, prev?.rules);
  },
});

/** Dynamic config handlers, named for the route table. */
export const dynamicConfigs = {
  ...base,
  create: (ctx) => {
    checkRules(ctx);
    return base.create(ctx);
  },
  update: (ctx) => {
    checkRules(ctx);
    return base.update(ctx);
  },
  listRules: (ctx) => ({ items: (mustGet(ctx.store, "dynamic_configs", ctx.params.id).rules as unknown[]) ?? [] }),
} satisfies EntityHandlers;
