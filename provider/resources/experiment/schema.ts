/**
 * The experiment's input schema beyond the spec's `ExperimentCreate`: its groups, lifecycle and
 * decision inputs, overrides and the published API's fields.
 */
import type { JsonSchema } from "../../spec";
import { closedObject, NULLABLE_STRING, STRING_LIST } from "../common";
import {
  EXPERIMENT_METRIC_LIST_SCHEMA,
  ID_TYPE_SCHEMA,
  PLAIN_STRING_LIST,
  TARGET_APPS_SCHEMA,
  TEAM_SCHEMA,
} from "../published";
import { GROUPS_SCHEMA } from "./groups";

/** The input schema of `overrides` (the published `ExperimentOverridesDto`, every list optional). */
const OVERRIDES_SCHEMA = closedObject({
  overrides: {
    type: "array",
    maxItems: 1000,
    items: closedObject(
      {
        type: { enum: ["gate", "segment"] },
        id: { type: "string", minLength: 1 },
        groupID: { type: "string", minLength: 1 },
        environment: NULLABLE_STRING,
      },
      ["type", "id", "groupID"],
    ),
  },
  userIDOverrides: {
    type: "array",
    items: closedObject(
      {
        groupID: { type: "string", minLength: 1 },
        ids: { type: "array", maxItems: 1000, items: { type: "string" } },
        environment: NULLABLE_STRING,
        unitType: NULLABLE_STRING,
      },
      ["groupID", "ids"],
    ),
  },
});

/** Schemas of the published fields, from `ExperimentCreateDto`. */
const PUBLISHED_SCHEMAS = {
  idType: ID_TYPE_SCHEMA,
  team: TEAM_SCHEMA,
  primaryMetrics: EXPERIMENT_METRIC_LIST_SCHEMA,
  secondaryMetrics: EXPERIMENT_METRIC_LIST_SCHEMA,
  primaryMetricTags: PLAIN_STRING_LIST,
  secondaryMetricTags: PLAIN_STRING_LIST,
  controlGroupID: { type: "string" },
  // `minimum: 1, exclusiveMinimum: true` in the published (OpenAPI 3.0) DTO: above 1.
  duration: { type: "integer", exclusiveMinimum: 1 },
  targetExposures: { type: "integer", exclusiveMinimum: 1 },
  targetApps: TARGET_APPS_SCHEMA,
  links: {
    type: "array",
    items: {
      type: "object",
      required: ["url"],
      properties: { url: { type: "string", format: "uri" }, title: { type: "string" } },
    },
  },
  defaultConfidenceInterval: { enum: ["80", "90", "95", "98", "99"] },
  bonferroniCorrection: { type: "boolean" },
  sequentialTesting: { type: "boolean" },
};

/** The schemas of the experiment's inputs beyond `ExperimentCreate` (and the name rule), as `check` validates them. */
export const EXPERIMENT_INPUTS: Record<string, JsonSchema> = {
  groups: GROUPS_SCHEMA,
  tags: STRING_LIST,
  status: { enum: ["setup", "active", "decision_made", "abandoned", "archived"] },
  launchedGroup: { type: "string", minLength: 1 },
  decisionReason: { type: "string" },
  overrides: OVERRIDES_SCHEMA,
  ...PUBLISHED_SCHEMAS,
};
