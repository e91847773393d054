/**
 * What derives from the entity registry (`registry.ts`) beyond dispatch: finding a kind by class
 * name or typed-API module (generate), and the name rules per kind (`NAME_RULES`, `nameProblem`).
 */
import { REGISTRY } from "./registry";
import { NameRule, nameRuleOf, ruleProblem } from "./spec/names";

export type { AnyDefinition } from "./registry";

/** One entry of `REGISTRY`, with its module name's literal type. */
export type RegisteredKind = (typeof REGISTRY)[number];

/** A registered kind's module name (`gates`): how `generate` and the typed API name it. */
export type KindModule = RegisteredKind["module"];

/** The registered kind whose class name is `typeName` (`Gate`), or undefined. */
export function kindOfType(typeName: string): RegisteredKind | undefined {
  return REGISTRY.find((k) => k.definition.typeName === typeName);
}

/** The registered kind whose module is `module` (`gates`). */
export function kindOfModule(module: KindModule): RegisteredKind {
  // Every module name is one of the registry's (the type says so).
  return REGISTRY.find((k) => k.module === module)!;
}

/**
 * A kind's key in `NAME_RULES`: its class name with a lower-case initial (`gate`, `dynamicConfig`).
 * A plain string: definitions type their class name as one.
 */
export type NameKind = string;

/**
 * The name rules of the real service per kind (openapi/README.md; Statsig's published create
 * bodies), as each kind's input schema states them (`nameSchema`), keyed by `NameKind`.
 */
export const NAME_RULES = Object.fromEntries(
  REGISTRY.map((k) => {
    const rule = nameRuleOf(k.definition.inputSchema);
    if (!rule) throw new Error(`pulumi-statsig: ${k.definition.typeName}'s input schema states no name rule`);
    const t = k.definition.typeName;
    return [t[0].toLowerCase() + t.slice(1), rule];
  }),
) as Readonly<Record<NameKind, NameRule>>;

/**
 * Why `name` breaks the rule of `kind`, naming the value and the rule
 * (`"a.b": layer names cannot contain "."`), or undefined when the service accepts it.
 */
export function nameProblem(kind: NameKind, name: string): string | undefined {
  const rule = NAME_RULES[kind];
  if (!rule) throw new Error(`pulumi-statsig: no entity kind "${kind}" has a name rule`);
  return ruleProblem(rule, name);
}
