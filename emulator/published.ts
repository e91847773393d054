/**
 * The fields of Statsig's published Console API that the seed spec lacks, per collection: what the
 * published shape accepts, stores and returns beyond the seed's bodies (the seed shape ignores
 * them, as the seed's contract has none of them). Written from the published DTOs (the create DTO,
 * the partial-update DTO and the returned entity of each kind: `GateCreateDto` /
 * `GatePartialUpdateDto` / `ExternalGateDto`, `DynamicConfigCreateDto`, `ExperimentCreateDto`,
 * `SegmentCreateContractDto`, `LayerCreateContractDto`, `HoldoutCreateContractDto`, `TagCreateDto`
 * ...), the emulator's own copy: nothing here comes from the provider.
 *
 * A field the published update DTO lacks (`idType` of segments, layers and holdouts; `team` of
 * segments and layers) is set at create only; a PATCH that would change it is a 400 (the emulator's
 * strict guess: the published API documents no way to change it).
 */
import { nounOf } from "./handlers/common";
import { JsonSchema, Validator, validator } from "./spec";
import { Entity } from "./store";
import { HttpError } from "./types";

/** How the published shape treats one field. */
export interface PublishedField {
  /** The field's schema in the published DTO. */
  schema: JsonSchema;
  /** Whether the published update DTO takes it (otherwise: create only). */
  update: boolean;
  /** Stored on create when the body omits it (the value the published entity reports). */
  default?: unknown;
  /** The stored form of an accepted value (e.g. one target app id as a list). */
  stored?(value: unknown): unknown;
  /** Only checked: the seed's handlers already store the field (experiment groups). */
  checkOnly?: boolean;
}

const string: JsonSchema = { type: "string" };
/** `team` is `nullable: true` in the published DTOs. */
const team: JsonSchema = { type: ["string", "null"] };
const stringList: JsonSchema = { type: "array", items: { type: "string" } };
/** `targetApps`: `oneOf: [string, string[]]`; the service reports a list. */
const targetApps: PublishedField = {
  schema: { oneOf: [string, stringList] },
  update: true,
  stored: (v) => (typeof v === "string" ? [v] : v),
};
const metric = { name: string, type: string };
const metricList: JsonSchema = {
  type: "array",
  items: { type: "object", required: ["name", "type"], properties: metric },
};
const experimentMetricList: JsonSchema = {
  type: "array",
  items: {
    type: "object",
    required: ["name", "type"],
    properties: { ...metric, direction: { enum: ["increase", "decrease"] }, hypothesizedValue: { type: "number" } },
  },
};
/** `minimum: 1, exclusiveMinimum: true` (OpenAPI 3.0) in `ExperimentCreateDto`: an integer above 1. */
const aboveOne: JsonSchema = { type: "integer", exclusiveMinimum: 1 };
/** Every kind reports the unit it works on; Statsig's default is `userID` (`SegmentCreateContractDto`). */
const idType = (update: boolean): PublishedField => ({ schema: string, update, default: "userID" });
const updatable = (schema: JsonSchema): PublishedField => ({ schema, update: true });
const createOnly = (schema: JsonSchema): PublishedField => ({ schema, update: false });

/** The published-only fields of each collection. */
export const PUBLISHED_FIELDS: Readonly<Record<string, Readonly<Record<string, PublishedField>>>> = {
  gates: {
    idType: idType(true),
    team: updatable(team),
    measureMetricLifts: updatable({ type: "boolean" }),
    monitoringMetrics: updatable(metricList),
  },
  dynamic_configs: {
    idType: idType(true),
    team: updatable(team),
    targetApps,
    schema: updatable({ type: ["string", "null"] }),
  },
  experiments: {
    idType: idType(true),
    team: updatable(team),
    primaryMetrics: updatable(experimentMetricList),
    secondaryMetrics: updatable(experimentMetricList),
    primaryMetricTags: updatable(stringList),
    secondaryMetricTags: updatable(stringList),
    controlGroupID: updatable(string),
    duration: updatable(aboveOne),
    targetExposures: updatable(aboveOne),
    targetApps,
    links: updatable({
      type: "array",
      items: {
        type: "object",
        required: ["url"],
        properties: { url: { type: "string", format: "uri" }, title: string },
      },
    }),
    defaultConfidenceInterval: updatable({ enum: ["80", "90", "95", "98", "99"] }),
    bonferroniCorrection: updatable({ type: "boolean" }),
    sequentialTesting: updatable({ type: "boolean" }),
    // The published group: the seed's plus `id`, `description`, `disabled` (stored with the groups).
    groups: {
      schema: {
        type: "array",
        items: {
          type: "object",
          properties: { id: { type: ["string", "null"] }, description: string, disabled: { type: "boolean" } },
        },
      },
      update: true,
      checkOnly: true,
    },
  },
  segments: { idType: idType(false), team: createOnly(team) },
  layers: { idType: idType(false), team: createOnly(team) },
  holdouts: { idType: idType(false) },
  tags: { isCore: { schema: { type: "boolean" }, update: true, default: false } },
};

const validators = new Map<string, Validator>();

/** The body's published fields checked against their schemas: a 400 naming the first problem. */
function check(collection: string, fields: Readonly<Record<string, PublishedField>>, body: Record<string, unknown>) {
  let v = validators.get(collection);
  if (!v) {
    const properties = Object.fromEntries(Object.entries(fields).map(([f, d]) => [f, d.schema]));
    v = validator({ type: "object", properties });
    validators.set(collection, v);
  }
  const problems = v(body);
  if (problems.length) throw new HttpError(400, problems.join("; "));
}

/**
 * Applies the published fields of a create (`previous` undefined) or update body to `next`:
 * checked, stored, defaulted on create; a create-only field changed by an update is a 400.
 * `fields` defaults to the collection's row above (a kind whose handlers state their own passes them).
 */
export function applyPublishedFields(
  collection: string,
  body: unknown,
  next: Entity,
  previous: Entity | undefined,
  fields: Readonly<Record<string, PublishedField>> | undefined = PUBLISHED_FIELDS[collection],
): void {
  if (!fields) return;
  const b = (body ?? {}) as Record<string, unknown>;
  check(collection, fields, b);
  for (const [f, d] of Object.entries(fields)) {
    if (d.checkOnly) continue;
    const given = Object.hasOwn(b, f) && b[f] !== undefined;
    if (!given) {
      if (!previous && d.default !== undefined) next[f] = structuredClone(d.default);
      continue;
    }
    const value = d.stored ? d.stored(b[f]) : b[f];
    if (previous && !d.update) {
      if (JSON.stringify(value) !== JSON.stringify(previous[f]))
        throw new HttpError(
          400,
          `${f}: cannot change once the ${nounOf(collection).toLowerCase()} exists (the published update does not take it)`,
        );
      continue;
    }
    next[f] = value;
  }
}

/** The `type` of a published layer parameter (`LayerContractDto.parameters[].type`). */
type LayerParameterType = "string" | "number" | "boolean" | "object" | "array";

/** One layer parameter as the published API takes and returns it. */
interface LayerParameter {
  name: string;
  type: LayerParameterType;
  defaultValue: unknown;
}

/** The published type of a JSON value (`null` is no `defaultValue` form: the schema refuses it first). */
function typeOfValue(v: unknown): LayerParameterType {
  if (Array.isArray(v)) return "array";
  const t = typeof v;
  return t === "string" || t === "number" || t === "boolean" ? t : "object";
}

/**
 * A published layer body's `parameters` (the `{ name, type, defaultValue }` list of
 * `LayerPartialUpdateContractDto`) as the name → value object the emulator stores (the seed's
 * form, which the SDK document and the seed shape read). The published DTO says the default value
 * "must match the specified type": a mismatch, or a name given twice, is a 400.
 */
export function layerParametersIn(list: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  (list as LayerParameter[]).forEach((p, i) => {
    if (typeOfValue(p.defaultValue) !== p.type)
      throw new HttpError(400, `parameters[${i}].defaultValue: must match the specified type ${p.type}`);
    if (Object.hasOwn(out, p.name)) throw new HttpError(400, `parameters[${i}].name: ${p.name} appears twice`);
    out[p.name] = p.defaultValue;
  });
  return out;
}

/** A stored layer as the published API returns it: `parameters` as the `{ name, type, defaultValue }` list. */
export function publishedLayer(layer: unknown): unknown {
  if (!layer || typeof layer !== "object" || Array.isArray(layer)) return layer;
  const l = layer as Entity;
  const params = (l.parameters ?? {}) as Record<string, unknown>;
  if (Array.isArray(params) || typeof params !== "object") return layer;
  const parameters: LayerParameter[] = Object.entries(params).map(([name, defaultValue]) => ({
    name,
    type: typeOfValue(defaultValue),
    defaultValue,
  }));
  return { ...l, parameters };
}
