/**
 * Tags: the seed's list and create, and the published API's get, PATCH and delete by id. A tag
 * create answers 200 in the published shape, as the service does.
 */
import { EntityHandlers } from "../types";
import { crud } from "./crud";

/** Tag handlers, named for the route table. */
export const tags = crud({
  collection: "tags",
  patchSchemaFrom: "TagCreate",
  createDefaults: { description: "", color: "" },
  updatable: ["description", "color"],
  publishedCreateStatus: 200,
  timestamps: { created: false, modified: false },
}) satisfies EntityHandlers;
