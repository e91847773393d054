/**
 * Holdouts: the seed's list and create, and the published API's get, PATCH and delete by id
 * (`isEnabled` is a published-only update field). Every gate a holdout names must exist.
 */
import { EntityHandlers } from "../types";
import { mustExist } from "./common";
import { crud } from "./crud";

/** Holdout handlers, named for the route table. */
export const holdouts = crud({
  collection: "holdouts",
  patchSchemaFrom: "HoldoutCreate",
  patchExtraFields: { isEnabled: { type: "boolean" } },
  createDefaults: { description: "", passPercentage: 0, gateIDs: [], isEnabled: true },
  updatable: ["description", "passPercentage", "gateIDs", "isEnabled"],
  publishedCreateStatus: 200,
  timestamps: { created: false, modified: false },
  validate(store, next) {
    ((next.gateIDs as string[]) ?? []).forEach((g, i) => mustExist(store, "gates", g, `gateIDs[${i}]`));
  },
}) satisfies EntityHandlers;
