/**
 * The emulator's view of the seed spec (`openapi/statsig-console-api.yaml`): which operations
 * exist and what their request bodies must look like. Loaded and compiled here, independently of
 * the provider's copy, so that the emulator checks requests with its own validator.
 */
import * as fs from "fs";
import * as path from "path";
import Ajv2020, { ErrorObject, ValidateFunction } from "ajv/dist/2020";
import addFormats from "ajv-formats";
import * as YAML from "yaml";
import { PUBLISHED_CONDITION_TYPES, PUBLISHED_SEGMENT_CONDITION_TYPES, publishedConditionSchema } from "./rules";
import type { JsonSchema, Shape } from "./types";

export type { JsonSchema };

/** The parts of an OpenAPI operation the emulator reads. */
export interface SpecOperation {
  operationId: string;
  requestBody?: { required?: boolean; content: Record<string, { schema: JsonSchema }> };
}

/** The parts of the OpenAPI document the emulator reads. */
export interface SpecDocument {
  paths: Record<string, Record<string, SpecOperation>>;
  components: { schemas: Record<string, JsonSchema> };
}

/** Where the spec is: beside `dist/` when compiled (`dist/emulator`), beside the sources under ts-jest. */
const SPEC_FILE_CANDIDATES = [
  path.resolve(__dirname, "..", "..", "openapi", "statsig-console-api.yaml"),
  path.resolve(__dirname, "..", "openapi", "statsig-console-api.yaml"),
];

/** The id the document is registered under in the emulator's ajv. */
const SPEC_ID = "emulator:statsig-console-api";
/** The id of the same document with the published API's conditions (the published shape's contract). */
const PUBLISHED_SPEC_ID = "emulator:statsig-console-api:published";

let doc: SpecDocument | undefined;
let ajv: Ajv2020 | undefined;

/**
 * The parsed spec, read once. YAML 1.2 keeps the operator enum's bare `on` a string (a YAML 1.1
 * parser turns it into `true`, and every condition using `on` would then be refused).
 */
export function spec(): SpecDocument {
  if (doc) return doc;
  const file = SPEC_FILE_CANDIDATES.find((f) => fs.existsSync(f));
  if (!file) throw new Error(`statsig-emulator: the Console API spec is missing (looked in ${SPEC_FILE_CANDIDATES}`);
  const parsed = YAML.parse(fs.readFileSync(file, "utf8"), { version: "1.2" }) as SpecDocument;
  const operators = (parsed.components.schemas.Condition as { properties: { operator: { enum: unknown[] } } })
    .properties.operator.enum;
  if (!operators.includes("on")) throw new Error("statsig-emulator: spec parsed with YAML 1.1 rules (`on` lost)");
  doc = parsed;
  return doc;
}

function validatorInstance(): Ajv2020 {
  if (ajv) return ajv;
  // strict: false because the document is an OpenAPI file, not a pure schema.
  ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  // OpenAPI's integer widths: the JSON type already says "integer"; the width is not checked.
  ajv.addFormat("int64", { type: "number", validate: Number.isInteger });
  ajv.addFormat("int32", { type: "number", validate: Number.isInteger });
  const seed = spec();
  // Segment rules have their own condition types in the published API; the seed shares `Rule`.
  const schemas = seed.components.schemas;
  ajv.addSchema({
    ...seed,
    components: { ...seed.components, schemas: { ...schemas, SegmentRule: { $ref: "#/components/schemas/Rule" } } },
    $id: SPEC_ID,
  });
  ajv.addSchema({
    ...seed,
    components: { ...seed.components, schemas: publishedSchemas(schemas) },
    $id: PUBLISHED_SPEC_ID,
  });
  return ajv;
}

/**
 * The seed's schemas with conditions as the published API has them (`rules.ts`): every published
 * condition type, any operator string, every `targetValue` form; segment rules with the segment
 * condition types.
 */
function publishedSchemas(schemas: Record<string, JsonSchema>): Record<string, JsonSchema> {
  const rule = schemas.Rule as { properties: Record<string, JsonSchema> };
  const segmentRule = {
    ...rule,
    properties: {
      ...rule.properties,
      conditions: { type: "array", items: { $ref: "#/components/schemas/SegmentCondition" } },
    },
  };
  const segmentCreate = schemas.SegmentCreate as { properties: Record<string, JsonSchema> };
  const layerCreate = schemas.LayerCreate as { properties: Record<string, JsonSchema> };
  return {
    ...schemas,
    Condition: publishedConditionSchema(PUBLISHED_CONDITION_TYPES),
    SegmentCondition: publishedConditionSchema(PUBLISHED_SEGMENT_CONDITION_TYPES),
    SegmentRule: segmentRule,
    SegmentCreate: {
      ...segmentCreate,
      properties: {
        ...segmentCreate.properties,
        rules: { type: "array", items: { $ref: "#/components/schemas/SegmentRule" } },
      },
    },
    // A layer's parameters are a `{ name, type, defaultValue }` list in the published API
    // (`LayerContractDto`, `LayerPartialUpdateContractDto`), a name → value object in the seed.
    LayerCreate: { ...layerCreate, properties: { ...layerCreate.properties, parameters: PUBLISHED_LAYER_PARAMETERS } },
  };
}

/** A value of a published layer parameter (`defaultValue`'s `oneOf`; arrays hold no arrays). */
const PARAMETER_VALUE: JsonSchema[] = [
  { type: "string" },
  { type: "number" },
  { type: "boolean" },
  { type: "object", additionalProperties: {} },
];

/** The published `parameters` of a layer, from `LayerPartialUpdateContractDto`. */
const PUBLISHED_LAYER_PARAMETERS: JsonSchema = {
  type: "array",
  items: {
    type: "object",
    required: ["name", "type", "defaultValue"],
    properties: {
      name: { type: "string" },
      type: { enum: ["string", "number", "boolean", "object", "array"] },
      defaultValue: { oneOf: [...PARAMETER_VALUE, { type: "array", items: { oneOf: PARAMETER_VALUE } }] },
    },
  },
};

/** A schema whose spec references point at the shape's contract (the seed's or the published one). */
function forShape(schema: JsonSchema, shape: Shape): JsonSchema {
  if (shape === "seed") return schema;
  return JSON.parse(JSON.stringify(schema).split(`"${SPEC_ID}#`).join(`"${PUBLISHED_SPEC_ID}#`)) as JsonSchema;
}

/** A reference to a component schema (`Rule`), usable inside schemas given to `validator`. */
export function componentRef(name: string): JsonSchema {
  return { $ref: `${SPEC_ID}#/components/schemas/${name}` };
}

/** A reference to one property's schema of a component (`HoldoutCreate.passPercentage`). */
export function componentPropertyRef(component: string, property: string): JsonSchema {
  return { $ref: `${SPEC_ID}#/components/schemas/${component}/properties/${property}` };
}

/** The request-body schema of a spec operation, and whether the body is required. */
export function operationBody(method: string, template: string): { schema: JsonSchema; required: boolean } | undefined {
  const op = spec().paths[template]?.[method.toLowerCase()];
  if (!op?.requestBody) return undefined;
  const escaped = template.replace(/~/g, "~0").replace(/\//g, "~1");
  return {
    schema: {
      $ref: `${SPEC_ID}#/paths/${escaped}/${method.toLowerCase()}/requestBody/content/application~1json/schema`,
    },
    required: !!op.requestBody.required,
  };
}

/** Checks a value: the problems in the service's words (`rules[0].passPercentage: must be <= 100`), or none. */
export type Validator = (value: unknown) => string[];

/**
 * Compiles a schema into a validator whose problems name properties the way a user writes them,
 * under the seed's contract or (`shape` published) the published API's conditions.
 */
export function validator(schema: JsonSchema, root = "", shape: Shape = "seed"): Validator {
  const check: ValidateFunction = validatorInstance().compile(forShape(schema, shape));
  return (value) => (check(value) ? [] : problems(check.errors ?? [], root));
}

function propertyPath(instancePath: string, extra?: string): string {
  const parts = instancePath.split("/").filter(Boolean);
  if (extra !== undefined) parts.push(extra);
  let out = "";
  for (const raw of parts) {
    const p = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    out += /^\d+$/.test(p) ? `[${p}]` : out ? `.${p}` : p;
  }
  return out;
}

function problems(errors: ErrorObject[], root: string): string[] {
  const out: string[] = [];
  for (const e of errors) {
    // anyOf/oneOf summaries repeat what the branches already said.
    if (e.keyword === "anyOf" || e.keyword === "oneOf" || e.keyword === "if") continue;
    let extra: string | undefined;
    let reason = e.message ?? "is invalid";
    const params = e.params as Record<string, unknown>;
    if (e.keyword === "required") {
      extra = String(params.missingProperty);
      reason = "is required";
    } else if (e.keyword === "additionalProperties" || e.keyword === "unevaluatedProperties") {
      extra = String(params.additionalProperty ?? params.unevaluatedProperty);
      reason = "is not a known property";
    } else if (e.keyword === "enum") {
      reason = `must be one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(", ")}`;
    }
    const prop = propertyPath(e.instancePath, extra);
    const joined = root && prop ? (prop.startsWith("[") ? root + prop : `${root}.${prop}`) : root || prop;
    const line = `${joined || "body"}: ${reason}`;
    if (!out.includes(line)) out.push(line);
  }
  return out;
}
