/**
 * Entity names as the real service takes them: a kind's rule (`NameRule`), the words that say
 * why a name breaks it (`ruleProblem`), and the ajv keyword `nameRule` that applies it inside an
 * input schema. The seed spec leaves names unconstrained (openapi/README.md), so `check` applies
 * these on top of it: a name preview accepts must not be refused by `up`.
 *
 * The rule travels in the schema as data (`{ nameRule: { noun, minLength, ... } }`, written by
 * `nameSchema` in `resources/common.ts`), so each kind states its rule where it states its
 * inputs, and the registry (`provider/registry.ts`) reads it back from there (`nameRuleOf`).
 */
import Ajv2020, { _, KeywordCxt } from "ajv/dist/2020";

/** A JSON Schema (as `index.ts` declares it; restated here so the two modules do not import each other). */
type JsonSchema = Record<string, unknown>;

/** What names one kind of entity accepts on the real service, and how to say so (plain JSON). */
export interface NameRule {
  /** The kind, as messages name it (`layer` → "layer names cannot contain ..."). */
  readonly noun: string;
  /** Fewest characters. */
  readonly minLength: number;
  /** Most characters, when the service documents a maximum. */
  readonly maxLength?: number;
  /** Every character a name may contain, as a regular expression's character class body, when restricted. */
  readonly allowed?: string;
}

/** A kind's name rule given its noun (`withDot`, `withoutDot`, `lengthOnly(1, 100)`). */
export type NameRuleOf = (noun: string) => NameRule;

/** Any characters, `minLength` to `maxLength` of them (tags: 1-100; autotunes document no rule but need an id: 1). */
export const lengthOnly =
  (minLength: number, maxLength?: number): NameRuleOf =>
  (noun) => ({ noun, minLength, ...(maxLength === undefined ? {} : { maxLength }) });

/** Letters, digits, `_`, `-`, `.` and spaces, 3-100 characters: gates and dynamic configs. */
export const withDot = (noun: string): NameRule => ({ noun, minLength: 3, maxLength: 100, allowed: "a-zA-Z0-9_\\-. " });
/** The same without `.`: the service refuses "a.b" for these kinds with a 400. */
export const withoutDot = (noun: string): NameRule => ({
  noun,
  minLength: 3,
  maxLength: 100,
  allowed: "a-zA-Z0-9_\\- ",
});

/**
 * Why `name` breaks `rule`, naming the value and the rule (`"a.b": layer names cannot contain "."`),
 * or undefined when the service accepts it.
 */
export function ruleProblem(rule: NameRule, name: string): string | undefined {
  const value = JSON.stringify(name);
  // UTF-16 units, as the emulator counts: an emoji counts twice, so preview errs on the strict side.
  const length = name.length;
  if (length < rule.minLength || (rule.maxLength !== undefined && length > rule.maxLength))
    return rule.maxLength === undefined
      ? `${value}: ${rule.noun} names must be at least ${rule.minLength} character${rule.minLength === 1 ? "" : "s"}`
      : `${value}: ${rule.noun} names must be ${rule.minLength} to ${rule.maxLength} characters`;
  if (rule.allowed === undefined) return undefined;
  const allowed = new RegExp(`[${rule.allowed}]`);
  const bad = [...name].find((c) => !allowed.test(c));
  if (bad === undefined) return undefined;
  const others = allowed.test(".") ? '"_", "-" and "."' : '"_" and "-"';
  return `${value}: ${rule.noun} names cannot contain ${JSON.stringify(bad)} (only letters, digits, spaces, ${others})`;
}

/** The name rule an input schema states for `name` (`nameSchema`), or undefined. */
export function nameRuleOf(inputSchema: JsonSchema): NameRule | undefined {
  const name = (inputSchema.properties as Record<string, JsonSchema> | undefined)?.name;
  return name?.nameRule as NameRule | undefined;
}

/**
 * The ajv keyword behind `nameSchema`: `{ nameRule: <NameRule> }` fails with `ruleProblem`'s
 * message, so a name issue reads as the rule in words rather than a regular expression.
 */
export function addNameRuleKeyword(ajv: Ajv2020): void {
  // Emitted as code calling `ruleProblem` (by `require("./names")` in standalone output), so the
  // build-time validators apply the same rule with the same message.
  const problemOf = (cxt: { gen: KeywordCxt["gen"] }) =>
    cxt.gen.scopeValue("func", { ref: ruleProblem, code: _`require("./names").ruleProblem` });
  ajv.addKeyword({
    keyword: "nameRule",
    type: "string",
    schemaType: "object",
    error: {
      message: (cxt) => _`${problemOf(cxt)}(${cxt.schemaCode}, ${cxt.data})`,
      params: (cxt) => _`{kind: ${cxt.schemaCode}.noun}`,
    },
    code(cxt: KeywordCxt) {
      cxt.fail(_`${problemOf(cxt)}(${cxt.schemaCode}, ${cxt.data}) !== undefined`);
    },
  });
}
