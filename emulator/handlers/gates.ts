/**
 * Feature gates: CRUD, lifecycle, rules and overrides (the seed's 13 gate operations).
 * Lifecycle: `enable` → active (isEnabled true), `disable` → disabled (isEnabled false), `launch` →
 * launched, `archive` → archived; a PATCH of `isEnabled` moves an active/disabled gate between
 * those two states. An archived gate is changed by none of these: `unarchive` (published API)
 * brings it back to the status it had before, and refuses a gate that is not archived.
 */
import { Store } from "../store";
import { EntityHandlers, Handler, HandlerContext, HttpError, Reply } from "../types";
import { Entity } from "../store";
import { assignRuleIds, mustGet, mustMutate, notFound, paginate, touch } from "./common";
import { crud } from "./crud";

const C = "gates";

interface Overrides {
  userOverrides: { userID: string; value: boolean }[];
  idOverrides: { ids: string[]; value: boolean }[];
}

const NO_OVERRIDES: Overrides = { userOverrides: [], idOverrides: [] };

function overridesOf(store: Store, id: string): Overrides {
  return store.extra<Overrides>("overrides", C, id) ?? structuredClone(NO_OVERRIDES);
}

function lifecycle(status: "active" | "disabled" | "launched" | "archived"): Handler {
  return (ctx) => {
    const g = mustMutate(ctx.store, C, ctx.params.id, (g) => {
      if (g.status === "archived")
        throw new HttpError(
          400,
          `Gate is archived: unarchive it before it can be ${status === "active" ? "enabled" : status}`,
        );
      if (status === "archived") ctx.store.setExtra("statusBeforeArchive", C, ctx.params.id, g.status);
      g.status = status;
      if (status === "active") g.isEnabled = true;
      if (status === "disabled") g.isEnabled = false;
      touch(ctx.store, g);
    });
    return { body: g, message: `Gate ${status}` };
  };
}

/** Replaces the overrides of an existing gate and marks it modified. */
function setOverrides(ctx: HandlerContext, next: Overrides): Reply {
  mustMutate(ctx.store, C, ctx.params.id, (g) => {
    touch(ctx.store, g);
  });
  ctx.store.setExtra("overrides", C, ctx.params.id, next);
  return { body: next };
}

/** Whether one of the entity's rules has a `passes_gate`/`fails_gate` condition naming gate `id`. */
function rulesReferTo(e: Entity, id: string): boolean {
  const rules = Array.isArray(e.rules) ? (e.rules as { conditions?: unknown }[]) : [];
  return rules.some(
    (r) =>
      Array.isArray(r?.conditions) &&
      (r.conditions as { type?: unknown; targetValue?: unknown }[]).some((c) => {
        if (c?.type !== "passes_gate" && c?.type !== "fails_gate") return false;
        return Array.isArray(c.targetValue) ? c.targetValue.includes(id) : c.targetValue === id;
      }),
  );
}

/**
 * The published API's `GET /gates/{id}/{gate,experiment,dynamic_config}_references`: the entities
 * of one collection that refer to the gate (a rule's gate condition; an experiment's targeting
 * gate), paged like every published list. A 404 for an unknown gate.
 */
function references(collection: string): Handler {
  return (ctx) => {
    const id = ctx.params.id;
    mustGet(ctx.store, C, id);
    const items = ctx.store
      .list(collection)
      .filter(
        (e) => e.id !== id && (rulesReferTo(e, id) || (collection === "experiments" && e.targetingGateID === id)),
      );
    return paginate(items, ctx.query);
  };
}

const base = crud({
  collection: C,
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

/** Gate handlers, named for the route table. */
export const gates = {
  ...base,
  enable: lifecycle("active"),
  disable: lifecycle("disabled"),
  launch: lifecycle("launched"),
  archive: lifecycle("archived"),
  unarchive: (ctx) => {
    const g = mustMutate(ctx.store, C, ctx.params.id, (g) => {
      if (g.status !== "archived") throw new HttpError(400, `Gate is not archived (it is ${String(g.status)})`);
      const before = ctx.store.extra<string>("statusBeforeArchive", C, ctx.params.id);
      g.status = before ?? (g.isEnabled === false ? "disabled" : "active");
      touch(ctx.store, g);
    });
    return { body: g, message: "Gate unarchived" };
  },

  gateReferences: references("gates"),
  experimentReferences: references("experiments"),
  dynamicConfigReferences: references("dynamic_configs"),

  listRules: (ctx) => ({ items: (mustGet(ctx.store, C, ctx.params.id).rules as unknown[]) ?? [] }),

  addRule: (ctx) => {
    const rule = ctx.body as Record<string, unknown>;
    let added: Record<string, unknown> | undefined;
    mustMutate(ctx.store, C, ctx.params.id, (g) => {
      const rules = (g.rules as Record<string, unknown>[]) ?? [];
      if (rule.name && rules.some((r) => r.name === rule.name))
        throw new HttpError(400, `rule name ${JSON.stringify(rule.name)} already exists on this gate`);
      [added] = assignRuleIds(ctx.store, [rule]);
      g.rules = [...rules, added];
      touch(ctx.store, g);
    });
    return { status: 201, body: added, message: "Rule added" };
  },

  updateRules: (ctx) => {
    const rules = (ctx.body as { rules?: unknown[] }).rules ?? [];
    const g = mustMutate(ctx.store, C, ctx.params.id, (g) => {
      g.rules = assignRuleIds(ctx.store, rules, g.rules);
      touch(ctx.store, g);
    });
    return { body: g, message: "Rules updated" };
  },

  deleteRule: (ctx) => {
    mustMutate(ctx.store, C, ctx.params.id, (g) => {
      const rules = (g.rules as { id: string }[]) ?? [];
      if (!rules.some((r) => r.id === ctx.params.ruleID)) throw notFound("rules", ctx.params.ruleID);
      g.rules = rules.filter((r) => r.id !== ctx.params.ruleID);
      touch(ctx.store, g);
    });
    return { body: { message: "Rule deleted" }, raw: true };
  },

  getOverrides: (ctx) => {
    mustGet(ctx.store, C, ctx.params.id);
    return { body: overridesOf(ctx.store, ctx.params.id) };
  },

  addOverrides: (ctx) => {
    mustGet(ctx.store, C, ctx.params.id);
    const cur = overridesOf(ctx.store, ctx.params.id);
    const b = ctx.body as Partial<Overrides>;
    return setOverrides(ctx, {
      userOverrides: [...cur.userOverrides, ...(b.userOverrides ?? [])],
      idOverrides: [...cur.idOverrides, ...(b.idOverrides ?? [])],
    });
  },

  updateOverrides: (ctx) => {
    const b = ctx.body as Partial<Overrides>;
    return setOverrides(ctx, { userOverrides: b.userOverrides ?? [], idOverrides: b.idOverrides ?? [] });
  },

  deleteOverrides: (ctx) => {
    setOverrides(ctx, structuredClone(NO_OVERRIDES));
    return { body: { message: "Overrides deleted" }, raw: true };
  },
} satisfies EntityHandlers;
