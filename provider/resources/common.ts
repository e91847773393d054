/**
 * Pieces shared by several entities: the rule and condition input types and schemas (targeting
 * rules appear on gates, dynamic configs and segments), name rules, and canonical forms for diff.
 */
import * as pulumi from "@pulumi/pulumi";
import { containsUnknown, type FieldRule } from "./framework";
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
 * What a condition evaluates: `user_id`, `email`, `ip_address`, `country`, `app_version`,
 * `custom_field` (set `field`), `browser_name`, `browser_version`, `os_name`, `os_version`,
 * `passes_gate`, `fails_gate`, `environment`, `passes_segment`, `fails_segment`, `time`, `unit_id`
 * (set `customID`).
 *
 * @useDeclaredType
 */
export type ConditionType = NonNullable<Schemas["Condition"]["type"]>;

/** Operators whose `targetValue` is a list of strings or numbers (ids, countries, gate ids). */
export type ListOperator = "any" | "none";
/** Operators whose `targetValue` is a list of strings matched against the value's text. */
export type StringListOperator = "str_starts_with_any" | "str_ends_with_any" | "str_contains_any" | "str_contains_none";
/** Operators whose `targetValue` is a number. */
export type NumberOperator = "gt" | "gte" | "lt" | "lte";
/** Operators whose `targetValue` is a version string such as `"1.2.3"`. */
export type VersionOperator = "version_gt" | "version_gte" | "version_lt" | "version_lte";
/** Operators whose `targetValue` is a time in epoch milliseconds (`time` conditions). */
export type TimeOperator = "before" | "after" | "on";

/** A dotted version: `"2"`, `"1.4"`, `"1.4.2"`. */
export type VersionString = `${number}` | `${number}.${number}` | `${number}.${number}.${number}`;

/** The fields every condition shares. */
export interface ConditionCommon {
  /** What is evaluated (see `ConditionType`). */
  type: ConditionType;
  /** For `custom_field`: the custom field's name. Required there. */
  field?: string;
  /** For `unit_id`: the custom id type, e.g. `companyID`. Required there. */
  customID?: string;
}

/**
 * A targeting condition: the seed's `Condition` (`type`, `operator`, `targetValue`) plus the
 * published API's `field` and `customID`. The operator decides the shape of `targetValue`, and a
 * wrong shape is a compile-time error (and a `check` failure for JavaScript programs):
 *
 * | `operator` | `targetValue` |
 * |---|---|
 * | `any`, `none` | list of strings or numbers (`["US", "CA"]`, `[gate.id]`) |
 * | `str_starts_with_any`, `str_ends_with_any`, `str_contains_any`, `str_contains_none` | list of strings (`["@example.com"]`) |
 * | `str_matches` | one regular expression string |
 * | `gt`, `gte`, `lt`, `lte` | one number |
 * | `version_gt`, `version_gte`, `version_lt`, `version_lte` | one version string (`"1.4.2"`) |
 * | `before`, `after`, `on` | one time, epoch milliseconds |
 * | omitted | any JSON value, or none |
 */
export type ConditionInput = ConditionCommon &
  (
    | {
        /** `any` / `none`: the value is (not) one of the list. */
        operator: ListOperator;
        /** The values compared against: a list of strings or numbers. */
        targetValue: pulumi.Input<pulumi.Input<string | number>[]>;
      }
    | {
        /** Text comparison against each string of the list. */
        operator: StringListOperator;
        /** The strings compared against: a list, even for one (`["@example.com"]`). */
        targetValue: pulumi.Input<pulumi.Input<string>[]>;
      }
    | {
        /** The value matches a regular expression. */
        operator: "str_matches";
        /** The regular expression, one string. */
        targetValue: pulumi.Input<string>;
      }
    | {
        /** Numeric comparison. */
        operator: NumberOperator;
        /** The number compared against. */
        targetValue: pulumi.Input<number>;
      }
    | {
        /** Version comparison (`app_version`, `browser_version`, `os_version`). */
        operator: VersionOperator;
        /** The version compared against, e.g. `"1.4.2"`. */
        targetValue: pulumi.Input<VersionString>;
      }
    | {
        /** Time comparison (`time` conditions). */
        operator: TimeOperator;
        /** The time compared against, epoch milliseconds. */
        targetValue: pulumi.Input<number>;
      }
    | {
        /** No operator: the service's default for the type. */
        operator?: undefined;
        /** The value or values compared against, if any. */
        targetValue?: pulumi.Input<JsonInput>;
      }
  );

/** The rule an operator sets on `targetValue`, and a test of a resolved value against it. */
const TARGET_VALUE_RULES: { operators: readonly string[]; rule: string; ok: (v: unknown) => boolean }[] = [
  {
    operators: ["any", "none"],
    rule: "a list of strings or numbers",
    ok: (v) => Array.isArray(v) && v.every((x) => typeof x === "string" || typeof x === "number"),
  },
  {
    operators: ["str_starts_with_any", "str_ends_with_any", "str_contains_any", "str_contains_none"],
    rule: "a list of strings",
    ok: (v) => Array.isArray(v) && v.every((x) => typeof x === "string"),
  },
  { operators: ["str_matches"], rule: "one string (a regular expression)", ok: (v) => typeof v === "string" },
  { operators: ["gt", "gte", "lt", "lte"], rule: "a number", ok: (v) => typeof v === "number" },
  {
    operators: ["version_gt", "version_gte", "version_lt", "version_lte"],
    rule: 'a version string such as "1.4.2"',
    ok: (v) => typeof v === "string" && /^\d+(\.\d+){0,3}$/.test(v),
  },
  {
    operators: ["before", "after", "on"],
    rule: "a time in epoch milliseconds (a number)",
    ok: (v) => typeof v === "number",
  },
];

/**
 * The `ConditionInput` typing rules at `check`, for JavaScript programs (and values TypeScript
 * cannot see, such as config): a `targetValue` whose shape the operator does not take.
 */
export function validateCondition(c: { operator?: unknown; targetValue?: unknown }, at: string): ValidationIssue[] {
  // A value unknown during preview is checked at `up`, once known.
  if (typeof c.operator !== "string" || containsUnknown(c.targetValue)) return [];
  const entry = TARGET_VALUE_RULES.find((r) => r.operators.includes(c.operator as string));
  if (!entry || entry.ok(c.targetValue)) return [];
  return [
    {
      property: `${at}.targetValue`,
      reason: `is ${JSON.stringify(c.targetValue) ?? "missing"}; operator "${c.operator}" takes ${entry.rule}`,
    },
  ];
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
      issues.push(...validateCondition(c, at));
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
