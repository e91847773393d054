/**
 * Pieces shared by several entities: the rule and condition input types and schemas (targeting
 * rules appear on gates, dynamic configs and segments), name rules, and canonical forms for diff.
 */
import * as pulumi from "@pulumi/pulumi";
import type { FieldRule } from "./framework";
import type { Rule } from "../client/extras";
import { JsonSchema, NameKind, Schemas, ValidationIssue, schemaRef } from "../spec";

/**
 * A JSON value in resource args. Any part may be a `pulumi.Input`, such as another resource's
 * `id` in a condition's `targetValue`; the engine resolves them before the provider sees the value.
 */
export type JsonInput = string | number | boolean | null | JsonInputArray | JsonInputObject;
/** A JSON array in resource args (see `JsonInput`). */
export interface JsonInputArray extends Array<pulumi.Input<JsonInput>> {}
/** A JSON object in resource args (see `JsonInput`). */
export interface JsonInputObject {
  [key: string]: pulumi.Input<JsonInput>;
}

/**
 * A targeting condition: the seed's `Condition` (`type`, `operator`, `targetValue`) plus the
 * published API's `field` (the key of a `custom_field` condition) and `customID` (the id type of
 * a `unit_id` condition).
 */
export interface ConditionInput {
  /** What is evaluated, e.g. `email`, `country`, `custom_field`, `passes_gate`. */
  type: NonNullable<Schemas["Condition"]["type"]>;
  /** How it is compared, e.g. `any`, `str_contains_any`, `version_gte`. */
  operator?: Schemas["Condition"]["operator"];
  /** The value or values compared against (for `passes_gate`, the gate id). */
  targetValue?: pulumi.Input<JsonInput>;
  /** For `custom_field`: the custom field's name. */
  field?: string;
  /** For `unit_id`: the custom id type, e.g. `companyID`. */
  customID?: string;
}

/** A targeting rule as a program writes it (server-assigned `id` is an output only). */
export interface RuleInput {
  /** Rule name; unique within the entity (it is how a rule is recognised across updates). */
  name: string;
  /** Share of matching units that pass, 0–100. Default 100. */
  passPercentage?: number;
  /** All must hold for the rule to match. */
  conditions?: ConditionInput[];
  /** Environments the rule applies in (default: all). */
  environments?: string[];
  /** For dynamic configs: the value returned when the rule matches. */
  returnValue?: JsonInputObject;
}

/**
 * A rule as the service returns it: the spec's `Rule` (with its server-assigned `id`).
 *
 * @interface
 */
export type RuleOutput = Rule;

/** `pulumi.Input` version of `RuleInput`, for resource args. */
export type RuleArgs = pulumi.Input<{
  /** Rule name; unique within the entity (it is how a rule is recognised across updates). */
  name: pulumi.Input<string>;
  /** Share of matching units that pass, in percent (0–100). Default 100. */
  passPercentage?: pulumi.Input<number>;
  /** All must hold for the rule to match. */
  conditions?: pulumi.Input<pulumi.Input<ConditionInput>[]>;
  /** Environments the rule applies in (default: all). */
  environments?: pulumi.Input<pulumi.Input<string>[]>;
  /** For dynamic configs: the value returned when the rule matches. */
  returnValue?: pulumi.Input<JsonInputObject>;
}>;

/** Schema of a condition: the spec's `Condition` plus the published `field`/`customID`. */
export const CONDITION_SCHEMA: JsonSchema = {
  type: "object",
  allOf: [schemaRef("Condition")],
  required: ["type"],
  properties: { field: { type: "string", minLength: 1 }, customID: { type: "string", minLength: 1 } },
  unevaluatedProperties: false,
};

/** Schema of a rule input: the spec's `Rule`, a required name, and extended conditions. */
export function ruleSchema(opts: { returnValue: boolean }): JsonSchema {
  const schema: JsonSchema = {
    type: "object",
    allOf: [schemaRef("Rule")],
    required: ["name"],
    properties: {
      name: { type: "string", minLength: 1 },
      conditions: { type: "array", items: CONDITION_SCHEMA },
    },
    unevaluatedProperties: false,
  };
  // `id` is server-assigned and `returnValue` only means something on dynamic configs.
  const props = schema.properties as Record<string, unknown>;
  props.id = false;
  if (!opts.returnValue) props.returnValue = false;
  return schema;
}

/** Schema of an entity name under the real service's rule for that kind (`NAME_RULES`). */
export function nameSchema(kind: NameKind): JsonSchema {
  return { type: "string", nameRule: kind };
}

/**
 * Schema of an entity's inputs: the spec's create schema (`GateCreate`...) with `properties`
 * layered on top (stricter or extra fields), and nothing else allowed.
 */
export function inputSchema(create: keyof Schemas, properties: Record<string, JsonSchema>): JsonSchema {
  return { type: "object", allOf: [schemaRef(create)], properties, unevaluatedProperties: false };
}

/** Schema of a list of strings (tags, target apps, ids). */
export const STRING_LIST: JsonSchema = { type: "array", items: { type: "string", minLength: 1 } };

/** Rule-level checks the schema cannot express: unique names, condition prerequisites. */
export function validateRules(rules: RuleInput[] | undefined, prop = "rules"): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  if (!Array.isArray(rules)) return issues;
  const seen = new Map<string, number>();
  rules.forEach((r, i) => {
    if (!r || typeof r !== "object") return;
    if (typeof r.name === "string") {
      const prev = seen.get(r.name);
      if (prev !== undefined)
        issues.push({
          property: `${prop}[${i}].name`,
          reason: `duplicates the name of ${prop}[${prev}] ("${r.name}"); rule names must be unique`,
        });
      else seen.set(r.name, i);
    }
    (r.conditions ?? []).forEach((c, j) => {
      if (!c || typeof c !== "object") return;
      const at = `${prop}[${i}].conditions[${j}]`;
      if (c.type === "custom_field" && !c.field)
        issues.push({ property: `${at}.field`, reason: "is required when type is custom_field" });
      if (c.type === "unit_id" && !c.customID)
        issues.push({ property: `${at}.customID`, reason: "is required when type is unit_id" });
    });
  });
  return issues;
}

/** Canonical rules for diff: server ids and nulls dropped, passPercentage defaulted to 100. */
export function canonicalRules(v: unknown): unknown {
  if (!Array.isArray(v)) return v;
  return v.map((r: RuleOutput) => {
    if (!r || typeof r !== "object") return r;
    const { id: _id, ...rest } = r;
    void _id;
    return { ...rest, passPercentage: rest.passPercentage ?? 100, conditions: rest.conditions ?? [] };
  });
}

/** How diff and refresh treat a `rules` input (gates, dynamic configs, segments). */
export const RULES_FIELD: FieldRule = {
  canonical: canonicalRules,
  asInput: (v) => rulesAsInputs(v as RuleOutput[]),
};

/** Rules as inputs (for read's recorded inputs): server ids dropped. */
export function rulesAsInputs(v: RuleOutput[] | undefined): Omit<RuleOutput, "id">[] | undefined {
  return v?.map(({ id: _id, ...rest }) => {
    void _id;
    return rest;
  });
}
