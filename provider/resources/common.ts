/**
 * Pieces shared by several entities: the rule and condition input types and schemas (targeting
 * rules appear on gates, dynamic configs and segments), name rules, and canonical forms for diff.
 */
import * as pulumi from "@pulumi/pulumi";
import { type FieldRule } from "./framework";
import type { Rule } from "../client/extras";
import { JsonSchema, NameRule, NameRuleOf, Schemas, ValidationIssue, schemaRef } from "../spec";
import type { PUBLISHED_CONDITION_TYPES, STATSIG_OPERATORS } from "../spec/published";

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
 * What a condition evaluates: the seed spec's types (`user_id`, `email`, `ip_address`, `country`,
 * `app_version`, `custom_field`, `browser_name`, `browser_version`, `os_name`, `os_version`,
 * `passes_gate`, `fails_gate`, `environment`, `passes_segment`, `fails_segment`, `time`, `unit_id`)
 * and the published API's (`public`, `environment_tier`, `locale`, `url`, `javascript`,
 * `device_model`, `target_app`). `custom_field` reads the user's custom field named by `field`;
 * `unit_id` reads the custom id named by `customID` (the entity's id type when omitted).
 */
export type ConditionType = ConditionInput["type"];

/**
 * Every operator Statsig evaluates (sources in `provider/spec/published.ts`). The usual
 * `targetValue` of each (the service takes every form for every operator; these are what
 * Statsig's docs and console write):
 *
 * | `operator` | usual `targetValue` |
 * |---|---|
 * | `any`, `none` (the value is / is not one of the list, ignoring case) | list of strings or numbers: `["US", "CA"]`, `[gate.id]` |
 * | `any_case_sensitive`, `none_case_sensitive` (the same, case-sensitive) | list of strings |
 * | `str_starts_with_any`, `str_ends_with_any`, `str_contains_any`, `str_contains_none` | list of strings: `["@example.com"]` |
 * | `str_matches` | one regular expression: `"^pro"` |
 * | `gt`, `gte`, `lt`, `lte` | one number: `31` (or `[31]`, `["31"]`) |
 * | `version_gt`, `version_gte`, `version_lt`, `version_lte`, `version_eq`, `version_neq` | one version: `"1.4.2"` (or `["1.4.2"]`) |
 * | `before`, `after`, `on` (`time`, date custom fields) | epoch milliseconds: `1767225600000` |
 * | `eq`, `neq` (strict equality) | one string or number |
 * | `is_null`, `is_not_null` (presence) | none (`null`) |
 * | `array_contains_any`, `array_contains_none`, `array_contains_all`, `not_array_contains_all` (array-valued fields) | list of strings or numbers |
 * | `in_segment_list`, `not_in_segment_list` (id-list segments) | segment id |
 * | none (absent, `null` or `""`): `public`, `passes_gate`, `fails_gate`, `passes_segment`, `fails_segment` | none, or the gate/segment id: `"my_gate"` |
 */
export type ConditionOperator = Exclude<NonNullable<ConditionInput["operator"]>, "">;

/** Whether two types have exactly the same members. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
// `ConditionInput` spells its unions out for tsc's messages; the compiler holds them to the seed's
// enum plus `PUBLISHED_CONDITION_TYPES`, and to `STATSIG_OPERATORS` (what `check` accepts), so the
// types and the check can never drift apart.
const _typesAgree: Same<
  ConditionType,
  NonNullable<Schemas["Condition"]["type"]> | (typeof PUBLISHED_CONDITION_TYPES)[number]
> = true;
const _operatorsAgree: Same<ConditionOperator, (typeof STATSIG_OPERATORS)[number]> = true;
void _typesAgree;
void _operatorsAgree;

/**
 * A condition's `targetValue`, in every form the published API accepts for every operator: one
 * string or number, a list of strings or numbers, or none. Parts may be `pulumi.Input`s (another
 * resource's `id`).
 */
export type ConditionTargetValue =
  | pulumi.Input<string | number | null>
  | pulumi.Input<pulumi.Input<string>[]>
  | pulumi.Input<pulumi.Input<number>[]>
  | pulumi.Input<pulumi.Input<string | number>[]>;

/**
 * A targeting condition, as Statsig's Console API takes it (`rules[].conditions[]`): what is
 * evaluated (`type`, with `field` or `customID` where the type needs one), how (`operator`), and
 * against what (`targetValue`). A misspelt `type` or `operator` is a compile-time error listing
 * the allowed values, and a `check` failure naming the value for JavaScript programs.
 *
 * ```ts
 * { type: "public" }                                                   // everyone
 * { type: "email", operator: "str_ends_with_any", targetValue: ["@example.com"] }
 * { type: "custom_field", field: "age", operator: "gte", targetValue: 18 }
 * { type: "unit_id", customID: "companyID", operator: "any", targetValue: ["acme"] }
 * { type: "passes_gate", targetValue: otherGate.id }
 * ```
 */
export interface ConditionInput {
  /**
   * What is evaluated, one of `ConditionType`: `public` (everyone), `user_id`, `email`,
   * `ip_address`, `country`, `locale`, `app_version`, `browser_name`, `browser_version`,
   * `os_name`, `os_version`, `device_model`, `url`, `javascript`, `custom_field` (set `field`),
   * `unit_id` (set `customID`), `passes_gate`, `fails_gate`, `passes_segment`, `fails_segment`,
   * `environment`, `environment_tier`, `target_app`, `time`.
   */
  // Spelled out (not `ConditionType`) so that tsc's message for a misspelt type lists the values.
  type:
    | "public"
    | "user_id"
    | "email"
    | "ip_address"
    | "country"
    | "locale"
    | "app_version"
    | "browser_name"
    | "browser_version"
    | "os_name"
    | "os_version"
    | "device_model"
    | "url"
    | "javascript"
    | "custom_field"
    | "unit_id"
    | "passes_gate"
    | "fails_gate"
    | "passes_segment"
    | "fails_segment"
    | "environment"
    | "environment_tier"
    | "target_app"
    | "time";
  /**
   * How the evaluated value is compared with `targetValue`, one of `ConditionOperator` (its doc
   * lists the usual `targetValue` of each). None (omitted, `null` or `""`) for `public` and the
   * gate/segment types.
   */
  // Spelled out (not `ConditionOperator`) so that tsc's message for a misspelt operator lists them.
  operator?:
    | "any"
    | "none"
    | "any_case_sensitive"
    | "none_case_sensitive"
    | "str_starts_with_any"
    | "str_ends_with_any"
    | "str_contains_any"
    | "str_contains_none"
    | "str_matches"
    | "gt"
    | "gte"
    | "lt"
    | "lte"
    | "version_gt"
    | "version_gte"
    | "version_lt"
    | "version_lte"
    | "version_eq"
    | "version_neq"
    | "before"
    | "after"
    | "on"
    | "eq"
    | "neq"
    | "is_null"
    | "is_not_null"
    | "array_contains_any"
    | "array_contains_none"
    | "array_contains_all"
    | "not_array_contains_all"
    | "in_segment_list"
    | "not_in_segment_list"
    | ""
    | null;
  /**
   * The value or values compared against: one string or number, or a list of them (every operator
   * takes every form; see `ConditionOperator` for the usual one), or none.
   */
  targetValue?: ConditionTargetValue;
  /** For `custom_field`: the name of the user's custom field, e.g. `age`. Required there. */
  field?: string | null;
  /**
   * For `unit_id`: the custom id type to read, e.g. `companyID` (the entity's id type when
   * omitted).
   */
  customID?: string | null;
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

/**
 * Schema of a condition: the spec's `Condition` as `specAjv` widens it to the published API's
 * (`provider/spec/published.ts`: the published condition types, every operator Statsig evaluates or
 * none, the published `targetValue` forms for every operator, `field` and `customID`).
 */
export const CONDITION_SCHEMA: JsonSchema = {
  type: "object",
  allOf: [schemaRef("Condition")],
  required: ["type"],
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

/** Schema of an entity name under its kind's rule (spec/names.ts), carried as data in the schema. */
export function nameSchema(rule: NameRule): JsonSchema {
  return { type: "string", nameRule: rule };
}

/**
 * Schema of an entity's inputs: the spec's create schema (`GateCreate`...) with `properties`
 * layered on top (stricter or extra fields), and nothing else allowed.
 */
export function inputSchema(create: keyof Schemas, properties: Record<string, JsonSchema>): JsonSchema {
  return { type: "object", allOf: [schemaRef(create)], properties, unevaluatedProperties: false };
}

/**
 * A kind's `kind` (noun: `dynamic config`), `typeName` (`DynamicConfig`) and `inputSchema` (the spec's
 * create schema with the name rule and `properties`), from its name (`dynamicConfig`) and name rule.
 */
export function entityIdentity<K extends string>(
  name: K,
  rule: NameRuleOf,
  properties: Record<string, JsonSchema>,
): { kind: string; typeName: Capitalize<K>; inputSchema: JsonSchema } {
  const typeName = (name[0].toUpperCase() + name.slice(1)) as Capitalize<K>;
  const kind = name.replace(/[A-Z]/g, (c) => ` ${c.toLowerCase()}`);
  return {
    kind,
    typeName,
    inputSchema: inputSchema(`${typeName}Create` as keyof Schemas, { name: nameSchema(rule(kind)), ...properties }),
  };
}

/**
 * Schema of an object that takes only `properties`, `required` among them (an overrides body and
 * its entries: the published DTOs list every field).
 */
export function closedObject(properties: Record<string, JsonSchema>, required?: string[]): JsonSchema {
  return { type: "object", additionalProperties: false, ...(required ? { required } : {}), properties };
}

/** Schema of an optional string the published API also takes as `null`. */
export const NULLABLE_STRING: JsonSchema = { type: ["string", "null"] };

/** Schema of a list of strings (tags, target apps, ids). */
export const STRING_LIST: JsonSchema = { type: "array", items: { type: "string", minLength: 1 } };

/** Rule-level checks the schema cannot express: unique names, `field` on `custom_field` conditions. */
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
      // Kept from before issue 16 (which does not list it as wrongly refused): Statsig's docs give a
      // custom-field condition its `field` (docs.statsig.com/console-api/rules, "Custom Field"),
      // and without one the SDKs read no field of the user at all.
      if (c.type === "custom_field" && !c.field)
        issues.push({ property: `${at}.field`, reason: "is required when type is custom_field" });
      // No rule for `unit_id` without `customID`: the published API has it optional (nullable),
      // and SDKs then read the entity's own id type.
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

/** How diff and refresh treat a `rules` input (gates, dynamic configs, segments), and which conditions refer to what. */
export const RULES_FIELD: FieldRule = {
  canonical: canonicalRules,
  asInput: (v) => rulesAsInputs(v as RuleOutput[]),
  refers: {
    conditions: { passes_gate: "Gate", fails_gate: "Gate", passes_segment: "Segment", fails_segment: "Segment" },
  },
};

/** Rules as inputs (for read's recorded inputs): server ids dropped. */
export function rulesAsInputs(v: RuleOutput[] | undefined): Omit<RuleOutput, "id">[] | undefined {
  return v?.map(({ id: _id, ...rest }) => {
    void _id;
    return rest;
  });
}
