/**
 * Holdouts: the seed's list and create, and the published API's get, PATCH and delete by id
 * (`isEnabled` is a published-only update field). Every gate a holdout names must exist.
 * Overrides (published `/holdouts/{id}/overrides`) force ids in (`passing…`) or out (`failing…`) of
 * the holdout: `POST` replaces them, `PATCH` adds to them.
 */
import { JsonSchema } from "../spec";
import { EntityHandlers } from "../types";
import { mustExist } from "./common";
import { crud } from "./crud";
import { overrides } from "./overrides";

const C = "holdouts";

/** The four id lists of the published `OverrideDto`. */
const LISTS = ["passingUserIDs", "failingUserIDs", "passingCustomIDs", "failingCustomIDs"] as const;

const ids: JsonSchema = { type: "array", maxItems: 2000, items: { type: "string", minLength: 1 } };

/** The id form of the published `UpdateOverridesContractDto` (the user id lists required). */
const overridesBody: JsonSchema = {
  type: "object",
  required: ["passingUserIDs", "failingUserIDs"],
  properties: Object.fromEntries(LISTS.map((l) => [l, ids])),
};

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

  ...overrides({ collection: C, noun: "Holdout", lists: LISTS, updated: "Holdout Overrides updated successfully." }),
  overridesBody,
} satisfies EntityHandlers;
