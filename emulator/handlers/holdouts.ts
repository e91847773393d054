/**
 * Holdouts: the seed's list and create, and the published API's get, PATCH and delete by id
 * (`isEnabled` is a published-only update field). Every gate a holdout names must exist.
 * Overrides (published `/holdouts/{id}/overrides`) force ids in (`passing…`) or out (`failing…`) of
 * the holdout: `POST` replaces them, `PATCH` adds to them.
 */
import { Store } from "../store";
import { JsonSchema } from "../spec";
import { EntityHandlers, HandlerContext } from "../types";
import { mustExist, mustGet } from "./common";
import { crud } from "./crud";

const C = "holdouts";

/** The four id lists of the published `OverrideDto`. */
const LISTS = ["passingUserIDs", "failingUserIDs", "passingCustomIDs", "failingCustomIDs"] as const;
type HoldoutOverrides = Record<(typeof LISTS)[number], string[]>;

const ids: JsonSchema = { type: "array", maxItems: 2000, items: { type: "string", minLength: 1 } };

/** The id form of the published `UpdateOverridesContractDto` (the user id lists required). */
const overridesBody: JsonSchema = {
  type: "object",
  required: ["passingUserIDs", "failingUserIDs"],
  properties: Object.fromEntries(LISTS.map((l) => [l, ids])),
};

const overridesOf = (store: Store, id: string): HoldoutOverrides =>
  store.extra<HoldoutOverrides>("overrides", C, id) ??
  (Object.fromEntries(LISTS.map((l) => [l, []])) as unknown as HoldoutOverrides);

/** Stores a holdout's overrides (it must exist), every list present; answers them. */
function storeOverrides(ctx: HandlerContext, next: Partial<HoldoutOverrides>) {
  mustGet(ctx.store, C, ctx.params.id);
  const full = Object.fromEntries(LISTS.map((l) => [l, next[l] ?? []])) as unknown as HoldoutOverrides;
  ctx.store.setExtra("overrides", C, ctx.params.id, full);
  return { body: full, message: "Holdout Overrides updated successfully." };
}

/** Holdout handlers, named for the route table. */
export const holdouts = {
  ...crud({
    collection: C,
    patchSchemaFrom: "HoldoutCreate",
    patchExtraFields: { isEnabled: { type: "boolean" } },
    createDefaults: { description: "", passPercentage: 0, gateIDs: [], isEnabled: true },
    updatable: ["description", "passPercentage", "gateIDs", "isEnabled"],
    publishedCreateStatus: 200,
    timestamps: { created: false, modified: false },
    validate(store, next) {
      ((next.gateIDs as string[]) ?? []).forEach((g, i) => mustExist(store, "gates", g, `gateIDs[${i}]`));
    },
  }),

  getOverrides: (ctx) => {
    mustGet(ctx.store, C, ctx.params.id);
    return { body: overridesOf(ctx.store, ctx.params.id), message: "Holdout Overrides read successfully." };
  },
  setOverrides: (ctx) => storeOverrides(ctx, ctx.body as Partial<HoldoutOverrides>),
  addOverrides: (ctx) => {
    const cur = overridesOf(ctx.store, ctx.params.id);
    const b = ctx.body as Partial<HoldoutOverrides>;
    return storeOverrides(ctx, Object.fromEntries(LISTS.map((l) => [l, [...cur[l], ...(b[l] ?? [])]])));
  },
  deleteOverrides: (ctx) => {
    storeOverrides(ctx, {});
    return { body: { message: "Holdout overrides deleted" }, raw: true };
  },
  overridesBody,
} satisfies EntityHandlers;
