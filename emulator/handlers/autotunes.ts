/**
 * Autotunes: the seed's list and create, and the published API's get, PATCH and delete by id.
 */
import { EntityHandlers } from "../types";
import { crud } from "./crud";

/** Autotune handlers, named for the route table. */
export const autotunes = crud({
  collection: "autotunes",
  patchSchemaFrom: "AutotuneCreate",
  createDefaults: { description: "", status: "setup", variants: [], successMetric: undefined },
  updatable: ["description", "variants", "successMetric"],
  timestamps: { created: false, modified: false },
}) satisfies EntityHandlers;
