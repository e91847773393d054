/**
 * Renders a project snapshot as a Pulumi TypeScript program (unformatted; `index.ts` formats it).
 *
 * - Each entity becomes `new statsig.<Class>("<id>", { ...fields, adopt: true })`. The fields are the
 *   resource's own inputs (the entity definitions' `fields`, so nothing is restated here), and only
 *   those that are set: empty strings, lists and objects are left out (unmanaged, never a diff).
 * - References stay references: the fields whose rule says what they refer to (`FieldRule.refers`:
 *   `passes_gate`/`fails_gate` and `passes_segment`/`fails_segment` targets in rules, an
 *   experiment's `layerID` and `targetingGateID`, a holdout's `gateIDs`, tag names) become
 *   `<variable>.id` or `<variable>.name`, so Pulumi orders creates and deletes.
 * - Declarations are topologically sorted over those references (ties: kind order, then id), so
 *   every variable is declared before use. A reference cycle (possible on the service through
 *   later edits) is cut with the literal id and a warning.
 * - Each entity's inputs are checked with the resource's own validation: a field the program cannot
 *   declare is left out with a warning; an entity that still fails is not declared, with a warning.
 * - Deterministic: entities sorted by id, set-like lists sorted, keys of nested objects in a fixed
 *   order (`orderedKeys`), no timestamps: the same project gives the same bytes whatever order the
 *   API answers in.
 * - A gate gets one of `isEnabled` and `status` (`oneSwitch`), so turning it on or off is one edit.
 * - `generate --protect` / `--retain-on-delete` add those resource options to every resource.
 */
import { FieldReference, FieldRule, compact, validateInputs } from "../resources/framework";
import { AnyDefinition, kindOfModule, kindOfType } from "../kinds";
import { Ref, commentLines, emit, literalOf, variableName } from "./emit";
import { ApiEntity, KINDS, Kind, ProjectSnapshot } from "./source";

/** Each kind's resource definition (its class name, input fields and validation). */
const definitionOf = (kind: Kind): AnyDefinition => kindOfModule(kind).definition;

/** The snapshot key (`gates`) of the kind a reference names by class name (`Gate`). */
function kindNamed(typeName: string): Kind {
  const k = kindOfType(typeName);
  if (!k) throw new Error(`pulumi-statsig generate: a field refers to ${typeName}, which is not a registered kind`);
  return k.module;
}

/** One declaration to emit. */
interface Decl {
  key: string;
  kind: Kind;
  id: string;
  inputs: Record<string, unknown>;
  deps: Set<string>;
  variable?: string;
}

/** The rendered program and what `generate` reports about it. */
export interface RenderResult {
  /** The program text (not yet formatted). */
  source: string;
  /** Entities declared, per kind. */
  counts: Record<Kind, number>;
  /** Fields left out, entities not declared, references cut: one line each, naming the entity. */
  warnings: string[];
}

const nodeKey = (kind: Kind, id: string) => `${kind}:${id}`;

/** Whether a value is "not set": left out of the program. */
function unset(v: unknown): boolean {
  if (v === undefined || v === null || v === "") return true;
  if (Array.isArray(v)) return v.length === 0;
  if (typeof v === "object") return Object.keys(v).length === 0;
  return false;
}

/** The inputs of one entity: its definition's fields that are set, in the definition's order. */
function inputsOf(def: AnyDefinition, e: ApiEntity): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [field, rule] of Object.entries(def.fields) as [string, FieldRule][]) {
    let v = compact(e[field]);
    if (rule.asInput && v !== undefined) v = rule.asInput(v);
    if (isOverrides(field, v)) v = dropEmptyLists(v as Record<string, unknown>);
    if (rule.unordered && Array.isArray(v) && v.every((x) => typeof x === "string")) v = [...v].sort();
    if (!unset(v)) out[field] = v;
  }
  if (def.typeName === "Gate") oneSwitch(out);
  return out;
}

/**
 * A gate's `status` and `isEnabled` say the same thing for an active or disabled gate, and a
 * program that sets both must change both to turn the gate on or off (check refuses a
 * contradiction). So one of them: `isEnabled`, the switch people flip, for an active or disabled
 * gate; `status` for a launched or archived one, which `isEnabled` cannot express.
 */
function oneSwitch(inputs: Record<string, unknown>): void {
  if (inputs.status === "launched" || inputs.status === "archived") delete inputs.isEnabled;
  else if (inputs.isEnabled !== undefined) delete inputs.status;
}

const isOverrides = (field: string, v: unknown) => field === "overrides" && !!v && typeof v === "object";

function dropEmptyLists(v: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(v).filter(([, x]) => !unset(x)));
}

/** Finds the declaration an entity of `kind` is known by: its id, or (`byName`) its name. */
type Lookup = (kind: Kind, key: string, byName: boolean) => string | undefined;

/**
 * Replaces references in an entity's inputs with `Ref`s to the declared entities, field by field
 * as each field's rule says (`FieldRule.refers`), in the definition's field order.
 */
function linkReferences(d: Decl, fields: Record<string, FieldRule>, find: Lookup) {
  const ref = (kind: Kind, v: unknown, byName = false): unknown => {
    if (typeof v !== "string") return v;
    const target = find(kind, v, byName);
    if (!target || target === d.key) return v;
    d.deps.add(target);
    return new Ref(target, byName ? "name" : "id", v);
  };
  const each = (v: unknown, kind: Kind, byName = false) =>
    Array.isArray(v) ? v.map((x) => ref(kind, x, byName)) : ref(kind, v, byName);
  for (const [field, rule] of Object.entries(fields)) {
    const refers: FieldReference | undefined = rule.refers;
    const v = d.inputs[field];
    if (!refers || v === undefined) continue;
    if ("ids" in refers) d.inputs[field] = each(v, kindNamed(refers.ids));
    else if ("names" in refers) d.inputs[field] = Array.isArray(v) ? each(v, kindNamed(refers.names), true) : v;
    else if (Array.isArray(v)) linkConditions(v, refers.conditions, each);
  }
}

/** Links the ids in the rules' conditions whose type refers to a kind (`passes_gate` → gates). */
function linkConditions(
  rules: { conditions?: { type?: string; targetValue?: unknown }[] }[],
  targets: Readonly<Record<string, string>>,
  each: (v: unknown, kind: Kind) => unknown,
) {
  for (const rule of rules)
    for (const c of rule.conditions ?? []) {
      const typeName = c.type !== undefined && Object.hasOwn(targets, c.type) ? targets[c.type] : undefined;
      if (typeName) c.targetValue = each(c.targetValue, kindNamed(typeName));
    }
}

/**
 * Checks inputs with the resource's own rules; drops each failing optional field (with a warning)
 * until they pass. Returns false when the entity cannot be declared at all.
 */
function fitInputs(def: AnyDefinition, d: Decl, warnings: string[]): boolean {
  const label = `${def.kind} "${d.id}"`;
  const dropped = new Set<string>();
  for (;;) {
    const issues = validateInputs(def, literalOf(d.inputs) as Record<string, unknown>);
    if (issues.length === 0) return true;
    const fields = [...new Set(issues.map((i) => i.property.split(/[.[]/)[0]))];
    const fatal = fields.find((f) => !f || f === "name" || dropped.has(f) || !(f in d.inputs));
    if (fatal !== undefined) {
      const why = issues.map((i) => `${i.property}: ${i.reason}`).join("; ");
      warnings.push(`${label} is not declared: the program cannot express it (${why})`);
      return false;
    }
    for (const f of fields) {
      const why = issues
        .filter((i) => i.property.split(/[.[]/)[0] === f)
        .map((i) => `${i.property}: ${i.reason}`)
        .join("; ");
      warnings.push(`${label}: ${f} is left out (unmanaged), the program cannot declare it: ${why}`);
      delete d.inputs[f];
      dropped.add(f);
    }
  }
}

/** Resource options written on every declared resource (`generate --protect`, `--retain-on-delete`). */
export interface RenderOptions {
  /** `protect: true`: Pulumi refuses to delete the resource (destroy, removal, replace) until unset. */
  protect?: boolean;
  /** `retainOnDelete: true`: Pulumi forgets the resource on delete, and the entity stays in Statsig. */
  retainOnDelete?: boolean;
}

/** The declarations of every entity of `snapshot` that the program can express (see `fitInputs`). */
function declarations(snapshot: ProjectSnapshot, warnings: string[]): Map<string, Decl> {
  const decls = new Map<string, Decl>();
  for (const kind of KINDS) {
    const entities = [...(snapshot[kind] ?? [])].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    for (const e of entities) {
      const key = nodeKey(kind, e.id);
      decls.set(key, { key, kind, id: e.id, inputs: inputsOf(definitionOf(kind), e), deps: new Set() });
    }
  }
  // Validate on literal values first: an entity that cannot be declared is not a reference target.
  for (const d of [...decls.values()]) if (!fitInputs(definitionOf(d.kind), d, warnings)) decls.delete(d.key);
  return decls;
}

/** Links every declaration's references (`linkReferences`) to the declarations they name. */
function linkAll(decls: Map<string, Decl>): void {
  const byName = new Map<string, string>();
  for (const d of decls.values())
    if (typeof d.inputs.name === "string") byName.set(nodeKey(d.kind, d.inputs.name), d.key);
  const find: Lookup = (kind, key, named) =>
    named ? byName.get(nodeKey(kind, key)) : decls.has(nodeKey(kind, key)) ? nodeKey(kind, key) : undefined;
  for (const d of decls.values()) linkReferences(d, definitionOf(d.kind).fields, find);
}

/** Gives a variable to every declaration something refers to: unique, readable, never a keyword. */
function nameVariables(decls: Map<string, Decl>, order: Decl[]): void {
  const referenced = new Set<string>();
  for (const d of decls.values()) for (const t of d.deps) referenced.add(t);
  const used = new Set<string>();
  for (const d of order)
    if (referenced.has(d.key)) d.variable = variableName(d.id, definitionOf(d.kind).typeName, used);
}

/** The resource options every resource gets (`{ protect: true }`...), or undefined. */
function resourceOptionsOf(options: RenderOptions): string | undefined {
  if (!options.protect && !options.retainOnDelete) return undefined;
  const opts = {
    ...(options.protect ? { protect: true } : {}),
    ...(options.retainOnDelete ? { retainOnDelete: true } : {}),
  };
  return emit(opts, String, true);
}

/** The program's header comment and import. */
function header(snapshot: ProjectSnapshot, options: RenderOptions): string[] {
  const kept = resourceOptionsOf(options)
    ? [
        ...(options.protect
          ? [
              " * Every resource sets `protect: true`: Pulumi refuses to delete it (destroy, removal, replace)",
              " * until the option is removed.",
            ]
          : []),
        ...(options.retainOnDelete
          ? [
              " * Every resource sets `retainOnDelete: true`: a delete only forgets it, the entity stays in",
              " * Statsig.",
            ]
          : []),
      ]
    : [
        " * `pulumi destroy` deletes what is declared here: set the `retainOnDelete` resource option on",
        " * anything that must outlive the stack (`pulumi-statsig generate --retain-on-delete` sets it on all).",
      ];
  return [
    "/**",
    " * This Statsig project as a Pulumi program, generated by `pulumi-statsig generate`.",
    " *",
    " * Every resource sets `adopt: true`: the first `pulumi up` takes the existing entities over and",
    " * writes only fields that differ from what is declared here (none, right after generating).",
    " * Fields left out are not managed.",
    ...kept,
    ...(snapshot.unread ?? []).flatMap((note) => [" *", ...commentLines(note)]),
    " */",
    'import * as statsig from "pulumi-statsig";',
    "",
  ];
}

/** Renders the program declaring every entity of `snapshot`. */
export function render(snapshot: ProjectSnapshot, options: RenderOptions = {}): RenderResult {
  const warnings: string[] = [];
  const decls = declarations(snapshot, warnings);
  linkAll(decls);
  const order = declarationOrder(decls, warnings);
  nameVariables(decls, order);

  const counts = Object.fromEntries(KINDS.map((k) => [k, 0])) as Record<Kind, number>;
  const resourceOptions = resourceOptionsOf(options);
  const refExpr = (r: Ref) => {
    const t = decls.get(r.target);
    return t?.variable ? `${t.variable}.${r.prop}` : JSON.stringify(r.literal);
  };
  const lines = header(snapshot, options);
  for (const d of order) {
    counts[d.kind]++;
    const args = emit({ ...d.inputs, adopt: true }, refExpr, true);
    const opts = resourceOptions ? `, ${resourceOptions}` : "";
    const expr = `new statsig.${definitionOf(d.kind).typeName}(${JSON.stringify(d.id)}, ${args}${opts});`;
    lines.push(d.variable ? `const ${d.variable} = ${expr}` : expr, "");
  }
  return { source: lines.join("\n"), counts, warnings };
}

/**
 * Kahn's algorithm over the references, always taking the first ready declaration in (kind, id)
 * order, so the output is stable and reads tags → segments → gates → ... where references allow.
 */
function declarationOrder(decls: Map<string, Decl>, warnings: string[]): Decl[] {
  const rank = (d: Decl) => KINDS.indexOf(d.kind);
  const all = [...decls.values()].sort((a, b) => rank(a) - rank(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const done = new Set<string>();
  const order: Decl[] = [];
  while (order.length < all.length) {
    let next = all.find((d) => !done.has(d.key) && [...d.deps].every((t) => done.has(t)));
    if (!next) {
      // A cycle: declare the first remaining entity with its pending references as literal ids.
      next = all.find((d) => !done.has(d.key))!;
      const pending = [...next.deps].filter((t) => !done.has(t));
      const cut = new Set(pending);
      next.inputs = literalOf(next.inputs, (r) => !cut.has(r.target)) as Record<string, unknown>;
      for (const t of pending) next.deps.delete(t);
      warnings.push(
        `${definitionOf(next.kind).kind} "${next.id}" refers to ${pending.map((t) => t.replace(":", " ")).join(", ")} ` +
          "in a cycle: written as literal ids (Pulumi cannot order a cycle)",
      );
    }
    done.add(next.key);
    order.push(next);
  }
  return order;
}
