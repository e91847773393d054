/**
 * The 13 gate operations of the seed spec. Lifecycle: `enable` → active (isEnabled true),
 * `disable` → disabled (isEnabled false), `launch` → launched, `archive` → archived; a PATCH of
 * `isEnabled` moves an active/disabled gate between those two states.
 */
import { HandlerContext, HttpError, Reply, RouteGroup } from "../types";
import { assignRuleIds, mustGet, touch } from "./common";
import { crudRoutes } from "./crud";

const C = "gates";

interface Overrides {
  userOverrides: { userID: string; value: boolean }[];
  idOverrides: { ids: string[]; value: boolean }[];
}

function overridesOf(ctx: HandlerContext, id: string): Overrides {
  return (
    ctx.store.extra<Overrides>("overrides", C, id) ?? {
      userOverrides: [],
      idOverrides: [],
    }
  );
}

function lifecycle(status: "active" | "disabled" | "launched" | "archived") {
  return (ctx: HandlerContext): Reply => {
    const g = mustGet(ctx.store, C, ctx.params.id);
    g.status = status;
    if (status === "active") g.isEnabled = true;
    if (status === "disabled") g.isEnabled = false;
    touch(ctx.store, g);
    return { body: g, message: `Gate ${status}` };
  };
}

const crud = crudRoutes({
  collection: C,
  seedOps: {
    list: "listGates",
    create: "createGate",
    get: "getGate",
    update: "partiallyUpdateGate",
    delete: "deleteGate",
  },
  createDefaults: { description: "", isEnabled: true, rules: [], tags: [], targetApps: [] },
  updatable: ["description", "isEnabled", "tags", "targetApps"],
  normalize(store, next, prev) {
    if (!prev) {
      next.status = next.isEnabled ? "active" : "disabled";
      next.rules = assignRuleIds(store, next.rules);
    } else if (next.isEnabled !== prev.isEnabled && (next.status === "active" || next.status === "disabled")) {
      next.status = next.isEnabled ? "active" : "disabled";
    }
  },
});

/** Gate handlers by operationId. */
export const gateRoutes: RouteGroup = {
  handlers: {
    ...crud.handlers,

    enableGate: lifecycle("active"),
    disableGate: lifecycle("disabled"),
    launchGate: lifecycle("launched"),
    archiveGate: lifecycle("archived"),

    listGateRules(ctx) {
      const g = mustGet(ctx.store, C, ctx.params.id);
      return { items: (g.rules as unknown[]) ?? [] };
    },

    addGateRule(ctx) {
      const g = mustGet(ctx.store, C, ctx.params.id);
      const rule = ctx.body as Record<string, unknown>;
      const rules = (g.rules as Record<string, unknown>[]) ?? [];
      if (rule.name && rules.some((r) => r.name === rule.name))
        throw new HttpError(400, `rule name ${JSON.stringify(rule.name)} already exists on this gate`);
      const [added] = assignRuleIds(ctx.store, [rule]);
      g.rules = [...rules, added];
      touch(ctx.store, g);
      return { status: 201, body: added, message: "Rule added" };
    },

    updateGateRules(ctx) {
      const g = mustGet(ctx.store, C, ctx.params.id);
      const rules = (ctx.body as { rules?: unknown[] }).rules ?? [];
      g.rules = assignRuleIds(ctx.store, rules, g.rules);
      touch(ctx.store, g);
      return { body: g, message: "Rules updated" };
    },

    deleteGateRule(ctx) {
      const g = mustGet(ctx.store, C, ctx.params.id);
      const rules = (g.rules as { id: string }[]) ?? [];
      if (!rules.some((r) => r.id === ctx.params.ruleID))
        throw new HttpError(404, `Rule ${JSON.stringify(ctx.params.ruleID)} not found`);
      g.rules = rules.filter((r) => r.id !== ctx.params.ruleID);
      touch(ctx.store, g);
      return { body: { message: "Rule deleted" }, raw: true };
    },

    getGateOverrides(ctx) {
      mustGet(ctx.store, C, ctx.params.id);
      return { body: overridesOf(ctx, ctx.params.id) };
    },

    addGateOverrides(ctx) {
      const g = mustGet(ctx.store, C, ctx.params.id);
      const cur = overridesOf(ctx, g.id);
      const b = ctx.body as Partial<Overrides>;
      const next = {
        userOverrides: [...cur.userOverrides, ...(b.userOverrides ?? [])],
        idOverrides: [...cur.idOverrides, ...(b.idOverrides ?? [])],
      };
      ctx.store.setExtra("overrides", C, g.id, next);
      touch(ctx.store, g);
      return { body: next };
    },

    updateGateOverrides(ctx) {
      const g = mustGet(ctx.store, C, ctx.params.id);
      const b = ctx.body as Partial<Overrides>;
      const next = { userOverrides: b.userOverrides ?? [], idOverrides: b.idOverrides ?? [] };
      ctx.store.setExtra("overrides", C, g.id, next);
      touch(ctx.store, g);
      return { body: next };
    },

    deleteGateOverrides(ctx) {
      const g = mustGet(ctx.store, C, ctx.params.id);
      ctx.store.setExtra("overrides", C, g.id, { userOverrides: [], idOverrides: [] });
      touch(ctx.store, g);
      return { body: { message: "Overrides deleted" }, raw: true };
    },
  },
};
