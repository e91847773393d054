/**
 * The Console API contract, loaded from `openapi/statsig-console-api.yaml` (the seed spec).
 *
 * Types come from `generated.ts` (openapi-typescript over the same file, `npm run gen:types`);
 * validation comes from ajv compiling the spec's own schemas at run time. Nothing here restates a
 * schema by hand: where the real service is stricter than the seed (name patterns; see
 * openapi/README.md), the extra rule is layered on top of the spec schema where the input schemas
 * are built (`nameSchema` in `resources/common.ts`); where it takes more than the seed (conditions:
 * the published types, every operator Statsig evaluates, every `targetValue` form, `field` and
 * `customID`), `specAjv` widens the seed's `Condition` with `published.ts`, so every schema that
 * refers to it (rules of gates, dynamic configs, segments) takes what the service takes.
 */
import * as crypto from "crypto";
import * as fs from "fs";
import * as path from "path";
import Ajv2020, { _, ErrorObject, ValidateFunction } from "ajv/dist/2020";
import addFormats from "ajv-formats";
import { fullFormats } from "ajv-formats/dist/formats";
import * as YAML from "yaml";
import type { components } from "./generated";
import { addNameRuleKeyword } from "./names";
import { PUBLISHED_CONDITION_TYPES, STATSIG_OPERATORS, publishedCondition } from "./published";

export { lengthOnly, withDot, withoutDot } from "./names";
export type { NameRule, NameRuleOf } from "./names";

/** Schemas of the seed spec, by component name (generated from the spec file). */
export type Schemas = components["schemas"];

/**
 * Where the spec file shipped with the package can be: this module runs compiled from
 * `dist/provider/spec` (three levels under the package root) or from source in `provider/spec`
 * (two levels, under ts-jest).
 */
const SPEC_CANDIDATES = [
  path.resolve(__dirname, "..", "..", "..", "openapi", "statsig-console-api.yaml"),
  path.resolve(__dirname, "..", "..", "openapi", "statsig-console-api.yaml"),
];

/** The parsed OpenAPI document (plain JSON). */
export interface OpenApiDocument {
  paths: Record<string, Record<string, OpenApiOperation>>;
  components: { schemas: Record<string, JsonSchema>; responses: Record<string, OpenApiResponse> };
  [key: string]: unknown;
}
/** One operation object of the OpenAPI document. */
export interface OpenApiOperation {
  operationId: string;
  parameters?: unknown[];
  requestBody?: { required?: boolean; content: Record<string, { schema: JsonSchema }> };
  responses: Record<string, OpenApiResponse | { $ref: string }>;
}
/** One response object of the OpenAPI document. */
export interface OpenApiResponse {
  description?: string;
  content?: Record<string, { schema: JsonSchema }>;
}
/** A JSON Schema (2020-12, as OpenAPI 3.1 uses). */
export type JsonSchema = Record<string, unknown>;

let cachedDoc: OpenApiDocument | undefined;

/**
 * Loads the spec once per process. The YAML 1.2 parser keeps the operator enum's bare `on` a
 * string (a YAML 1.1 parser would turn it into `true`); the assertion below guards that.
 */
export function loadSpec(): OpenApiDocument {
  if (cachedDoc) return cachedDoc;
  const file = SPEC_CANDIDATES.find((f) => fs.existsSync(f));
  if (!file)
    throw new Error(`pulumi-statsig: the Console API spec is missing (looked in ${SPEC_CANDIDATES.join(", ")})`);
  const doc = YAML.parse(fs.readFileSync(file, "utf8"), { version: "1.2" }) as OpenApiDocument;
  const ops = (doc.components.schemas.Condition as { properties: { operator: { enum: unknown[] } } }).properties
    .operator.enum;
  if (!ops.includes("on")) throw new Error("pulumi-statsig: spec parsed with YAML 1.1 rules (operator `on` lost)");
  cachedDoc = doc;
  return doc;
}

/** The id under which the whole spec document is registered with ajv. */
export const SPEC_ID = "statsig-console-api";

let cachedAjv: Ajv2020 | undefined;

/**
 * Every format the spec uses: ajv-formats' full set plus OpenAPI's numeric widths (the JSON type
 * already says "integer"; the width is not checkable). Exported so standalone validators
 * (`dist/provider/spec/validators.js`) require the very same functions.
 */
export const SPEC_FORMATS = {
  ...fullFormats,
  int64: { type: "number" as const, validate: Number.isInteger },
  int32: { type: "number" as const, validate: Number.isInteger },
};

/**
 * One ajv instance per process that knows the whole spec, so `$ref`s resolve inside it. With
 * `standalone`, it also keeps the source of what it compiles (for `scripts/gen-validators.ts`).
 */
export function specAjv(standalone = false): Ajv2020 {
  if (cachedAjv && !standalone) return cachedAjv;
  // strict: false because the document is an OpenAPI file, not a pure schema (paths, operationIds).
  const ajv = new Ajv2020({
    strict: false,
    allErrors: true,
    code: standalone ? { source: true, esm: false, formats: _`require("./index").SPEC_FORMATS` } : undefined,
  });
  addFormats(ajv);
  for (const [name, format] of Object.entries(SPEC_FORMATS)) ajv.addFormat(name, format);
  addNameRuleKeyword(ajv);
  const doc = loadSpec();
  // Conditions as the published API takes them, wherever the seed refers to its `Condition`.
  const schemas = { ...doc.components.schemas, Condition: publishedCondition(doc.components.schemas.Condition) };
  ajv.addSchema({ ...doc, components: { ...doc.components, schemas }, $id: SPEC_ID });
  if (!standalone) cachedAjv = ajv;
  return ajv;
}

/** A `$ref` to a component schema of the spec, usable inside other schemas compiled by `specAjv()`. */
export function schemaRef(name: keyof Schemas | string): JsonSchema {
  return { $ref: `${SPEC_ID}#/components/schemas/${name}` };
}

/** Resolves a `#/components/...` pointer of the spec to a ref ajv can follow. */
export function specPointer(ref: string): JsonSchema {
  return { $ref: `${SPEC_ID}${ref}` };
}

const compiled = new Map<string, ValidateFunction>();

/** A validator generated at build time: the hash of the schema it was generated from, and the function. */
export interface PrecompiledValidator {
  hash: string;
  validate: ValidateFunction;
}

/**
 * The hash that ties a precompiled validator to its schema (and to the spec file's contents, via
 * `specHash`), so a stale generated file can never validate against a different schema.
 */
export function schemaHash(schema: JsonSchema, specHash: string): string {
  return crypto.createHash("sha256").update(specHash).update(JSON.stringify(schema)).digest("hex");
}

let cachedSpecHash: string | undefined;

/**
 * The sha256 of the spec file as shipped and of what `specAjv` layers on it (the published
 * condition values), so a precompiled validator goes stale when either changes (reading and
 * hashing costs ~1 ms; parsing the spec ~250 ms).
 */
export function specFileHash(): string {
  if (cachedSpecHash) return cachedSpecHash;
  const file = SPEC_CANDIDATES.find((f) => fs.existsSync(f));
  const layered = JSON.stringify([PUBLISHED_CONDITION_TYPES, STATSIG_OPERATORS, publishedCondition.toString()]);
  cachedSpecHash = file ? crypto.createHash("sha256").update(fs.readFileSync(file)).update(layered).digest("hex") : "";
  return cachedSpecHash;
}

let precompiled: { specHash: string; validators: Record<string, PrecompiledValidator> } | null | undefined;

/**
 * The validators `scripts/gen-validators.ts` wrote next to this module at build time, or null
 * (running from source under ts-jest, or an old build): loading and compiling the YAML spec costs
 * ~0.35 s per provider process, which a no-op preview would otherwise pay.
 */
function loadPrecompiled(): typeof precompiled {
  if (precompiled !== undefined) return precompiled;
  try {
    precompiled = require(path.join(__dirname, "validators.js")) as typeof precompiled;
  } catch {
    precompiled = null;
  }
  return precompiled;
}

/**
 * Compiles (once) and returns a validator for an arbitrary schema built from spec refs, using the
 * build-time validator for `key` when its schema hash matches, and ajv at run time otherwise.
 */
export function compile(key: string, schema: JsonSchema): ValidateFunction {
  let fn = compiled.get(key);
  if (!fn) {
    const pre = loadPrecompiled();
    const entry = pre?.validators[key];
    fn =
      entry && pre.specHash === specFileHash() && entry.hash === schemaHash(schema, pre.specHash)
        ? entry.validate
        : specAjv().compile(schema);
    compiled.set(key, fn);
  }
  return fn;
}

/** A validation failure: the property path in dotted form (`rules[0].passPercentage`) and the rule. */
export interface ValidationIssue {
  property: string;
  reason: string;
}

/** Turns ajv's JSON-pointer paths into the dotted property paths a Pulumi user writes. */
export function toPropertyPath(instancePath: string, extra?: string): string {
  const parts = instancePath.split("/").filter(Boolean);
  if (extra) parts.push(extra);
  let out = "";
  for (const p of parts) {
    const unescaped = p.replace(/~1/g, "/").replace(/~0/g, "~");
    out += /^\d+$/.test(unescaped) ? `[${unescaped}]` : out ? `.${unescaped}` : unescaped;
  }
  return out;
}

/** Formats ajv errors as property-path issues, one per failing rule. */
export function ajvIssues(
  errors: ErrorObject[] | null | undefined,
  root = "",
  // `kind` is accepted for callers that pass the entity; names are checked by the `nameRule` keyword.
  checked?: { data: unknown; kind?: string },
): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const seen = new Set<string>();
  // An enum can be split over the branches of an `anyOf` (the seed's condition types beside ours):
  // the value is refused once, against every allowed value, and not also for its JSON type.
  const enums = new Map<string, unknown[]>();
  for (const e of errors ?? [])
    if (e.keyword === "enum")
      enums.set(e.instancePath, [
        ...(enums.get(e.instancePath) ?? []),
        ...(e.params as { allowedValues: unknown[] }).allowedValues,
      ]);
  for (const e of errors ?? []) {
    if (e.keyword === "type" && enums.has(e.instancePath)) continue;
    let extra: string | undefined;
    let reason = (checked && humanRule(e, valueAt(checked.data, e.instancePath))) ?? e.message ?? "is invalid";
    if (e.keyword === "required") extra = String((e.params as { missingProperty: string }).missingProperty);
    if (e.keyword === "required") reason = "is required";
    if (e.keyword === "additionalProperties") {
      extra = String((e.params as { additionalProperty: string }).additionalProperty);
      reason = "is not a known property";
    }
    if (e.keyword === "false schema") reason = "cannot be set here (server-assigned, or not used by this entity)";
    if (e.keyword === "unevaluatedProperties") {
      extra = String((e.params as { unevaluatedProperty: string }).unevaluatedProperty);
      reason = "is not a known property";
    }
    if (e.keyword === "enum")
      reason = enumReason(
        toPropertyPath(e.instancePath),
        checked ? { value: valueAt(checked.data, e.instancePath) } : undefined,
        enums.get(e.instancePath) ?? [],
      );
    // anyOf/oneOf summaries repeat what the branch errors already said.
    if (e.keyword === "anyOf" || e.keyword === "oneOf" || e.keyword === "if") continue;
    const prop = toPropertyPath(e.instancePath, extra);
    const property = root ? (prop ? `${root}.${prop}` : root) : prop || "(inputs)";
    const key = `${property}|${reason}`;
    if (seen.has(key)) continue;
    seen.add(key);
    issues.push({ property, reason });
  }
  return issues;
}

/** What an enum's values are, by the property path they are refused at (default: "an allowed value"). */
const ENUM_NOUNS: [RegExp, string][] = [
  [/conditions\[\d+\]\.type$/, "a condition type"],
  [/conditions\[\d+\]\.operator$/, "an operator"],
];

/**
 * An enum failure naming the refused value and the allowed ones (the engine prints nested values
 * as `{<nil>}`, so the value must be in the reason): `"publc" is not a condition type (one of
 * "user_id", ...)`. `null` and `""` among the allowed values read as "or none".
 */
export function enumReason(property: string, checked: { value: unknown } | undefined, allowed: unknown[]): string {
  const noun = ENUM_NOUNS.find(([re]) => re.test(property))?.[1] ?? "an allowed value";
  const unique = [...new Set(allowed)];
  const some = unique.filter((v) => v !== null && v !== "").map((v) => JSON.stringify(v));
  const none = some.length < unique.length ? "; or none" : "";
  const list = `(one of ${some.join(", ")}${none})`;
  if (!checked) return `is not ${noun} ${list}`;
  return `${JSON.stringify(checked.value) ?? "undefined"} is not ${noun} ${list}`;
}

/** The value at a JSON pointer (`/rules/1/passPercentage`) of `data`. */
function valueAt(data: unknown, pointer: string): unknown {
  let v = data;
  for (const raw of pointer.split("/").slice(1)) {
    const key = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    if (v === null || typeof v !== "object") return undefined;
    v = (v as Record<string, unknown>)[key];
  }
  return v;
}

/**
 * The rule an ajv error broke, said with the offending value, as a person would: `150 is over
 * 100`, `"18" is not a number`. The engine prints
 * nested values as `{<nil>}`, so the value must be in the reason. Undefined: keep ajv's wording.
 * (Names are said by the `nameRule` keyword: `ruleProblem` in names.ts.)
 */
function humanRule(e: ErrorObject, value: unknown): string | undefined {
  const p = e.params as { limit?: number; type?: string | string[] };
  const shown = JSON.stringify(value);
  switch (e.keyword) {
    case "maximum":
      return `${shown} is over ${p.limit}`;
    case "exclusiveMaximum":
      return `${shown} must be under ${p.limit}`;
    case "minimum":
      return `${shown} is under ${p.limit}`;
    case "exclusiveMinimum":
      return `${shown} must be over ${p.limit}`;
    case "minLength":
      return `${shown} has ${String(value).length} characters; at least ${p.limit} are needed`;
    case "maxLength":
      return `has ${String(value).length} characters; at most ${p.limit} are allowed`;
    case "type": {
      // `type: ["string", "null"]` reads "not a string or null".
      const types = Array.isArray(p.type) ? (p.type as string[]) : String(p.type ?? "").split(",");
      const said = types.length > 1 ? `${types.slice(0, -1).join(", ")} or ${types[types.length - 1]}` : types[0];
      return `${shown} is not ${/^[aeiou]/.test(said) ? "an" : "a"} ${said}`;
    }
    case "const":
      return `${shown} is not ${JSON.stringify((e.params as { allowedValue: unknown }).allowedValue)}`;
    default:
      return undefined;
  }
}

/**
 * The id the real service derives from a name: lowercased, spaces become `_` ("A Gate" → `a_gate`).
 * Used by diff to see when a rename keeps the same id, and by create to know the id an entity gets
 * (the emulator keeps its own copy of the rule, in emulator/rules.ts).
 */
export function idFromName(name: string): string {
  return name.toLowerCase().replace(/ /g, "_");
}
