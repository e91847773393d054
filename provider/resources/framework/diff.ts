/**
 * Diff and validation, local and exact: compare only the fields the program sets, in canonical
 * form (server-assigned ids and nulls dropped, set-like lists sorted), so the preview after an `up`
 * is empty; validate against the spec-derived schema plus the entity's own rules, skipping values
 * unknown during preview instead of guessing them.
 */
import { ValidationIssue, ajvIssues, compile } from "../../spec";
import type { EntityDefinition, EntityOutputs, FieldRule } from "./definition";
import { containsUnknown, unknownPropertyPaths } from "./protocol";

/** Deep equality over JSON values (key order ignored). */
export function jsonEqual(a: unknown, b: unknown): boolean {
  return JSON.stringify(sortKeys(a)) === JSON.stringify(sortKeys(b));
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === "object") {
    const out: Record<string, unknown> = {};
    const entries = new Map(Object.entries(v));
    for (const k of [...entries.keys()].sort()) {
      const x = entries.get(k);
      if (x !== undefined) out[k] = sortKeys(x);
    }
    return out;
  }
  return v;
}

/** Drops null/undefined members recursively: the service may echo `null` where we sent nothing. */
export function compact(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(compact);
  if (v && typeof v === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) if (x !== undefined && x !== null) out[k] = compact(x);
    return out;
  }
  return v;
}

function canonicalOf(rule: FieldRule, v: unknown): unknown {
  let c = compact(rule.canonical ? rule.canonical(v) : v);
  if (rule.unordered && Array.isArray(c)) c = [...c].map((x) => JSON.stringify(sortKeys(x))).sort();
  return c;
}

/** Lists the fields whose desired value differs from the recorded output. */
export function changedFields<I extends { name: string }, O extends EntityOutputs>(
  def: EntityDefinition<I, O>,
  olds: object,
  news: object,
): { changed: string[]; unknown: string[] } {
  const changed: string[] = [];
  const unknown: string[] = [];
  const recorded = new Map(Object.entries(olds));
  const wanted = new Map(Object.entries(news));
  for (const [field, rule] of Object.entries<FieldRule>(def.fields)) {
    const desired = wanted.get(field);
    if (desired === undefined || desired === null) continue; // unmanaged
    if (containsUnknown(desired)) {
      unknown.push(field);
      changed.push(field);
      continue;
    }
    if (!jsonEqual(canonicalOf(rule, desired), canonicalOf(rule, recorded.get(field)))) changed.push(field);
  }
  return { changed, unknown };
}

/** The key an entity's input validator is compiled (and precompiled, scripts/gen-validators.ts) under. */
export function inputsValidatorKey(def: { typeName: string }): string {
  return `inputs:${def.typeName}`;
}

/** Validates inputs; issues on values unknown during preview are dropped. */
export function validateInputs<I extends { name: string }, O extends EntityOutputs>(
  def: EntityDefinition<I, O>,
  inputs: Record<string, unknown>,
): ValidationIssue[] {
  const validator = compile(inputsValidatorKey(def), def.inputSchema);
  const issues = validator(inputs) ? [] : ajvIssues(validator.errors, "", { data: inputs });
  const unknownPaths = unknownPropertyPaths(inputs);
  const keep = (i: ValidationIssue) =>
    !unknownPaths.some((p) => i.property === p || i.property.startsWith(p + ".") || i.property.startsWith(p + "["));
  return [...issues, ...entityRules(def, inputs)].filter(keep);
}

/**
 * Runs an entity's own rules. With values unknown during preview, a rule that trips on a sentinel
 * is skipped (its issues are filtered by path anyway); with known inputs, nothing is swallowed.
 */
function entityRules<I extends { name: string }, O extends EntityOutputs>(
  def: EntityDefinition<I, O>,
  inputs: Record<string, unknown>,
): ValidationIssue[] {
  if (!def.validate) return [];
  // The schema has been checked above; the entity's rules read the same plain values.
  const typed = inputs as I;
  if (!containsUnknown(inputs)) return def.validate(typed);
  try {
    return def.validate(typed);
  } catch {
    return [];
  }
}
