/**
 * Input schemas and diff rules of the published API's fields that several entities share (`idType`,
 * `team`, metric lists, target apps). The seed spec has none of them, so they are layered onto the
 * seed's create schemas (`inputSchema`), each written from the published DTO that takes it
 * (`GateCreateDto`, `DynamicConfigCreateDto`, `ExperimentCreateDto`, ...; `client/extras.ts` types
 * them) and never stricter than it.
 */
import type { FieldRule } from "./framework";
import type { JsonSchema } from "../spec";

/**
 * `idType`: any string in every published DTO (`userID`, `stableID`, or one of the project's custom
 * id types, which only the service knows), so only the type is checked here.
 */
export const ID_TYPE_SCHEMA: JsonSchema = { type: "string" };

/** `team`: a team name, a plain string in the published DTOs (Enterprise projects). */
export const TEAM_SCHEMA: JsonSchema = { type: "string" };

/** A list of `{ name, type }` metrics (`GateCreateDto.monitoringMetrics`: both required). */
export const METRIC_LIST_SCHEMA: JsonSchema = {
  type: "array",
  items: {
    type: "object",
    required: ["name", "type"],
    properties: { name: { type: "string" }, type: { type: "string" } },
  },
};

/**
 * An experiment's metric list (`ExperimentCreateDto.primaryMetrics`): `{ name, type }` plus an
 * optional `direction` and `hypothesizedValue`.
 */
export const EXPERIMENT_METRIC_LIST_SCHEMA: JsonSchema = {
  type: "array",
  items: {
    type: "object",
    required: ["name", "type"],
    properties: {
      name: { type: "string" },
      type: { type: "string" },
      direction: { enum: ["increase", "decrease"] },
      hypothesizedValue: { type: "number" },
    },
  },
};

/** A list of strings as the published DTOs type one (`primaryMetricTags`: `items: string`). */
export const PLAIN_STRING_LIST: JsonSchema = { type: "array", items: { type: "string" } };

/** `targetApps` of configs and experiments: one id or a list (`oneOf: [string, string[]]`). */
export const TARGET_APPS_SCHEMA: JsonSchema = { oneOf: [{ type: "string" }, PLAIN_STRING_LIST] };

/** Sets compared sorted: order carries no meaning for metrics and tags. */
export const SET_FIELD: FieldRule = { unordered: true };

/** `targetApps` given as one id is the list of that id (the service returns a list). */
export const TARGET_APPS_FIELD: FieldRule = {
  unordered: true,
  canonical: (v) => (typeof v === "string" ? [v] : v),
};
