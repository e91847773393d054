/**
 * Dynamic configs: CRUD and the rules list. The published API accepts `rules` in PATCH (the
 * seed's update schema lacks it), so a PATCH may replace the rules; rule ids are kept for rules
 * whose name is unchanged.
 *
 * Status (published `DynamicConfigDto.status`): `Enabled` or `Disabled` (following `isEnabled`) or
 * `Archived`, moved by the published `PUT /dynamic_configs/{id}/{enable,disable,archive,unarchive}`.
 * An archived config is neither enabled nor disabled until `unarchive` brings it back as it was.
 */
import { componentRef, validator } from "../spec";
import { EntityHandlers, Handler, HandlerContext, HttpError, Shape } from "../types";
import { assignRuleIds, mustGet, mustMutate, touch } from "./common";
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

const C = "dynamic_configs";

/** `PUT .../enable` and `.../disable`: refused while archived. */
function setEnabled(isEnabled: boolean): Handler {
  return (ctx) => {
    const c = mustMutate(ctx.store, C, ctx.params.id, (c) => {
      if (c.status === "Archived")
        throw new HttpError(
          400,
          `Dynamic config is archived: unarchive it before it can be ${isEnabled ? "enabled" : "disabled"}`,
        );
      c.isEnabled = isEnabled;
      c.status = isEnabled ? "Enabled" : "Disabled";
      touch(ctx.store, c);
    });
    return { body: c, message: `Dynamic config ${isEnabled ? "enabled" : "disabled"}` };
  };
}

const base = crud({
  collection: C,
  createDefaults: { description: "", isEnabled: true, defaultValue: {}, rules: [], tags: [] },
  updatable: ["description", "isEnabled", "defaultValue", "tags", "rules"],
  normalize(store, next, prev) {
    next.rules = assignRuleIds(store, next.rules, prev?.rules);
    if (next.status !== "Archived") next.status = next.isEnabled === false ? "Disabled" : "Enabled";
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
  enable: setEnabled(true),
  disable: setEnabled(false),
  archive: (ctx) => {
    const c = mustMutate(ctx.store, C, ctx.params.id, (c) => {
      if (c.status === "Archived") throw new HttpError(400, "Dynamic config is already archived");
      c.status = "Archived";
      touch(ctx.store, c);
    });
    return { body: c, message: "Dynamic config archived" };
  },
  unarchive: (ctx) => {
    const c = mustMutate(ctx.store, C, ctx.params.id, (c) => {
      if (c.status !== "Archived")
        throw new HttpError(400, `Dynamic config is not archived (it is ${String(c.status)})`);
      c.status = c.isEnabled === false ? "Disabled" : "Enabled";
      touch(ctx.store, c);
    });
    return { body: c, message: "Dynamic config unarchived" };
  },
  listRules: (ctx) => ({ items: (mustGet(ctx.store, C, ctx.params.id).rules as unknown[]) ?? [] }),
} satisfies EntityHandlers;
