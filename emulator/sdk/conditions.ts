/**
 * Console conditions and rules → SDK conditions and rules (the condition and operator tables in
 * translate.ts's header). Every entity's declared rules pass through here, so an untranslatable
 * condition is refused in one place, naming where it was found.
 */
import type { ConsoleCondition, ConsoleRule } from "./console";
import { SpecCondition, SpecRule, cond, segmentSpecName } from "./document";

/** A condition type or operator no server SDK evaluates; names it and where it was found. */
export class UntranslatableError extends Error {
  /** Creates the error. */
  constructor(
    readonly where: string,
    readonly what: string,
  ) {
    super(`${where}: ${what}`);
    this.name = "UntranslatableError";
  }
}

/** Console condition types → SDK condition type and user field (see the table above). */
const USER_FIELDS: Readonly<Record<string, { type: string; field: string | null }>> = {
  email: { type: "user_field", field: "email" },
  ip_address: { type: "user_field", field: "ip" },
  app_version: { type: "user_field", field: "appVersion" },
  locale: { type: "user_field", field: "locale" },
  country: { type: "ip_based", field: "country" },
  browser_name: { type: "ua_based", field: "browser_name" },
  browser_version: { type: "ua_based", field: "browser_version" },
  os_name: { type: "ua_based", field: "os_name" },
  os_version: { type: "ua_based", field: "os_version" },
  environment: { type: "environment_field", field: "tier" },
  environment_tier: { type: "environment_field", field: "tier" },
  time: { type: "current_time", field: null },
  target_app: { type: "target_app", field: null },
};

/** Why a Console condition type cannot be translated. */
const CLIENT_ONLY: Readonly<Record<string, string>> = {
  url: "the page URL is known only to client SDKs",
  javascript: "a JavaScript expression is evaluated only by client SDKs",
  device_model: "the device model is known only to client SDKs",
};

/** The operators both SDK evaluators implement (Evaluator.ts `_evalCondition`, evaluator.rs). */
export const SDK_OPERATORS: ReadonlySet<string> = new Set([
  "any",
  "none",
  "any_case_sensitive",
  "none_case_sensitive",
  "str_starts_with_any",
  "str_ends_with_any",
  "str_contains_any",
  "str_contains_none",
  "str_matches",
  "gt",
  "gte",
  "lt",
  "lte",
  "version_gt",
  "version_gte",
  "version_lt",
  "version_lte",
  "version_eq",
  "version_neq",
  "before",
  "after",
  "on",
  "eq",
  "neq",
  "array_contains_any",
  "array_contains_none",
  "array_contains_all",
  "not_array_contains_all",
  "in_segment_list",
  "not_in_segment_list",
]);

/** Operators the SDKs lack, written as ones they have (see the table above). */
const REWRITTEN_OPERATORS: Readonly<Record<string, { operator: string; targetValue: null }>> = {
  is_null: { operator: "eq", targetValue: null },
  is_not_null: { operator: "neq", targetValue: null },
};

/** The Console condition types the translation accepts. */
export const TRANSLATED_TYPES: readonly string[] = [
  "public",
  "user_id",
  "unit_id",
  "custom_field",
  "passes_gate",
  "fails_gate",
  "passes_segment",
  "fails_segment",
  ...Object.keys(USER_FIELDS),
];

/**
 * One Console condition as a list of alternatives (any of which passes): several only for a
 * gate/segment condition naming several targets.
 */
function translateCondition(condition: ConsoleCondition, idType: string, where: string): SpecCondition[] {
  let c = condition;
  const type = c?.type;
  if (typeof type !== "string") throw new UntranslatableError(where, "condition has no type");
  if (CLIENT_ONLY[type])
    throw new UntranslatableError(where, `condition type "${type}" cannot be evaluated: ${CLIENT_ONLY[type]}`);
  const refs = {
    passes_gate: "pass_gate",
    fails_gate: "fail_gate",
    passes_segment: "pass_gate",
    fails_segment: "fail_gate",
  };
  if (type in refs) {
    const sdkType = refs[type as keyof typeof refs];
    const targets = Array.isArray(c.targetValue) ? c.targetValue : [c.targetValue];
    if (!targets.length || targets.some((t) => typeof t !== "string" || !t))
      throw new UntranslatableError(where, `condition type "${type}" needs the id of a ${type.split("_")[1]}`);
    const named = (t: string) => (type.endsWith("segment") ? segmentSpecName(t) : t);
    return targets.map((t) => cond(sdkType, null, named(t as string), null, idType));
  }
  if (type === "public") return [cond("public", null, null, null, idType)];
  if (typeof c.operator !== "string" || !c.operator)
    throw new UntranslatableError(where, `condition type "${type}" has no operator`);
  const rewritten = REWRITTEN_OPERATORS[c.operator];
  if (rewritten) c = { ...c, ...rewritten };
  const op = c.operator as string;
  if (!SDK_OPERATORS.has(op))
    throw new UntranslatableError(where, `operator "${op}" is not evaluated by Statsig's server SDKs`);
  if (type === "user_id") return [cond("unit_id", op, c.targetValue, null, "userID")];
  if (type === "unit_id") {
    if (!c.customID) throw new UntranslatableError(where, `condition type "unit_id" needs customID`);
    return [cond("unit_id", op, c.targetValue, null, c.customID)];
  }
  if (type === "custom_field") {
    if (!c.field) throw new UntranslatableError(where, `condition type "custom_field" needs field`);
    return [cond("user_field", op, c.targetValue, c.field, idType)];
  }
  const mapped = USER_FIELDS[type];
  if (!mapped)
    throw new UntranslatableError(where, `condition type "${type}" is not evaluated by Statsig's server SDKs`);
  return [cond(mapped.type, op, c.targetValue, mapped.field, idType)];
}

/** Every combination of one alternative per condition (a rule's conditions are ANDed). */
function product(lists: SpecCondition[][]): SpecCondition[][] {
  return lists.reduce<SpecCondition[][]>((acc, alts) => acc.flatMap((pre) => alts.map((a) => [...pre, a])), [[]]);
}

/** A rule's salt and id: `baseID` survives percentage edits, then `id`, then the name. */
function ruleKey(rule: ConsoleRule, index: number): { id: string; salt: string } {
  const id = rule.id || rule.baseID || rule.name || `rule_${index}`;
  return { id, salt: rule.baseID || id };
}

/**
 * The SDK rules of a Console rule list. A rule whose conditions name several gates/segments becomes
 * one SDK rule per combination (same id, salt and return value, so the first that matches decides
 * exactly as one "any of" condition would).
 */
export function translateRules(
  rules: ConsoleRule[] | undefined,
  idType: string,
  where: string,
  returnValueOf: (r: ConsoleRule) => unknown,
): SpecRule[] {
  return (rules ?? []).flatMap((rule, i) => {
    const at = `${where}.rules[${i}]${rule.name ? ` ("${rule.name}")` : ""}`;
    const lists = (rule.conditions ?? []).map((c, j) => translateCondition(c, idType, `${at}.conditions[${j}]`));
    if (Array.isArray(rule.environments) && rule.environments.length)
      lists.push([cond("environment_field", "any", rule.environments, "tier", idType)]);
    const { id, salt } = ruleKey(rule, i);
    return product(lists).map((conditions) => ({
      name: rule.name ?? id,
      id,
      salt,
      passPercentage: rule.passPercentage ?? 100,
      conditions,
      returnValue: returnValueOf(rule),
      idType,
    }));
  });
}
