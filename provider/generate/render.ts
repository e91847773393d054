/**
 * Renders a project snapshot as a Pulumi TypeScript program (unformatted; `index.ts` formats it).
 *
 * - Each entity becomes `new statsig.<Class>("<id>", { ...fields, adopt: true })`. The fields are the
 *   resource's own inputs (the entity definitions' `fields`, so nothing is restated here), and only
 *   those that are set: empty strings, lists and objects are left out (unmanaged, never a diff).
 * - References stay references: `passes_gate`/`fails_gate` and `passes_segment`/`fails_segment`
 *   targets, an experiment's `layerID` and `targetingGateID`, a holdout's `gateIDs` become
 *   `<variable>.id`, and tag names become `<tag>.name`, so Pulumi orders creates and deletes.
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
import { autotuneDefinition } from "../resources/autotune";
import { dynamicConfigDefinition } from "../resources/dynamicConfig";
import { experimentDefinition } from "../resources/experiment";
import { EntityDefinition, FieldRule, compact, validateInputs } from "../resources/framework";
import { gateDefinition } from "../resources/gate";
import { holdoutDefinition } from "../resources/holdout";
import { layerDefinition } from "../resources/layer";
import { segmentDefinition } from "../resources/segment";
import { tagDefinition } from "../resources/tag";
import { ApiEntity, KINDS, Kind, ProjectSnapshot } from "./source";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDefinition = EntityDefinition<any, any>;

/** Each kind's resource definition (its class name, input fields and validation). */
const DEFINITIONS: Record<Kind, AnyDefinition> = {
  tags: tagDefinition,
  segments: segmentDefinition,
  gates: gateDefinition,
  dynamicConfigs: dynamicConfigDefinition,
  layers: layerDefinition,
  experiments: experimentDefinition,
  holdouts: holdoutDefinition,
  autotunes: autotuneDefinition,
};

/** Condition types whose `targetValue` lists ids of another entity kind. */
const CONDITION_TARGETS: Record<string, Kind> = {
  passes_gate: "gates",
  fails_gate: "gates",
  passes_segment: "segments",
  fails_segment: "segments",
};

/** A reference to another declared entity's output, with the literal it stands for. */
class Ref {
  constructor(
    readonly target: string,
    readonly prop: "id" | "name",
    readonly literal: string,
  ) {}
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
  if (def === gateDefinition) oneSwitch(out);
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

/** Replaces references in an entity's inputs with `Ref`s to the declared entities. */
function linkReferences(
  d: Decl,
  known: (kind: Kind, id: string) => string | undefined,
  tagKey: (name: string) => string | undefined,
) {
  const ref = (kind: Kind, id: unknown): unknown => {
    if (typeof id !== "string") return id;
    const target = known(kind, id);
    if (!target || target === d.key) return id;
    d.deps.add(target);
    return new Ref(target, "id", id);
  };
  const i = d.inputs;
  if (Array.isArray(i.tags))
    i.tags = i.tags.map((name) => {
      const target = typeof name === "string" ? tagKey(name) : undefined;
      if (!target) return name;
      d.deps.add(target);
      return new Ref(target, "name", name as string);
    });
  if (Array.isArray(i.rules))
    for (const rule of i.rules as { conditions?: { type?: string; targetValue?: unknown }[] }[])
      for (const c of rule.conditions ?? []) {
        const kind = c.type ? CONDITION_TARGETS[c.type] : undefined;
        if (!kind) continue;
        c.targetValue = Array.isArray(c.targetValue)
          ? c.targetValue.map((v) => ref(kind, v))
          : ref(kind, c.targetValue);
      }
  if (d.kind === "experiments") {
    if (i.layerID !== undefined) i.layerID = ref("layers", i.layerID);
    if (i.targetingGateID !== undefined) i.targetingGateID = ref("gates", i.targetingGateID);
  }
  if (d.kind === "holdouts" && Array.isArray(i.gateIDs)) i.gateIDs = i.gateIDs.map((g) => ref("gates", g));
}

/** The value with every `Ref` replaced by its literal (for validation, and to cut cycles). */
function literalOf(v: unknown, keep: (r: Ref) => boolean = () => false): unknown {
  if (v instanceof Ref) return keep(v) ? v : v.literal;
  if (Array.isArray(v)) return v.map((x) => literalOf(x, keep));
  if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, literalOf(x, keep)]));
  return v;
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

const RESERVED = new Set(
  (
    "break case catch class const continue debugger default delete do else enum export extends false finally for " +
    "function if import in instanceof new null return super switch this throw true try typeof var void while with " +
    "yield let static implements interface package private protected public await async of undefined NaN Infinity " +
    "statsig pulumi arguments eval"
  ).split(" "),
);

/** A camelCase identifier from an id: `new_checkout` → `newCheckout`. */
function identifier(id: string, className: string): string {
  const words = id.split(/[^A-Za-z0-9]+/).filter(Boolean);
  let s = words.map((w, i) => (i === 0 ? w.toLowerCase() : w[0].toUpperCase() + w.slice(1).toLowerCase())).join("");
  if (!s || /^[0-9]/.test(s))
    s = className[0].toLowerCase() + className.slice(1) + (s ? s[0].toUpperCase() + s.slice(1) : "");
  return s;
}

/** Keys that read first in a nested object, in this order (a rule's name, a condition's type...). */
const LEADING_KEYS = ["name", "id", "type", "field", "customID", "operator", "targetValue", "passPercentage"];

/**
 * The keys of a nested object in a fixed order (the leading ones, then the rest sorted): the
 * service answers in whatever order it likes, and the program must be the same bytes whatever it
 * is, so a re-run of `generate` after `up` shows no diff.
 */
function orderedKeys(keys: string[]): string[] {
  const lead = (k: string) => (LEADING_KEYS.includes(k) ? LEADING_KEYS.indexOf(k) : LEADING_KEYS.length);
  return [...keys].sort((a, b) => lead(a) - lead(b) || (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * Emits a JS expression for a value; `Ref`s become `<variable>.<prop>`. A resource's arguments
 * (`top`) keep their order, the definition's; nested objects are ordered by `orderedKeys`.
 */
function emit(v: unknown, refExpr: (r: Ref) => string, top = false): string {
  if (v instanceof Ref) return refExpr(v);
  if (Array.isArray(v)) return `[${v.map((x) => emit(x, refExpr)).join(", ")}]`;
  if (v && typeof v === "object") {
    const entries = new Map(Object.entries(v));
    const keys = top ? [...entries.keys()] : orderedKeys([...entries.keys()]);
    const members = keys
      .map((k) => [k, entries.get(k)] as const)
      .filter(([, x]) => x !== undefined)
      .map(([k, x]) => `${propertyKey(k)}: ${emit(x, refExpr)}`);
    return `{ ${members.join(", ")} }`;
  }
  return JSON.stringify(v) ?? "undefined";
}

function propertyKey(k: string): string {
  if (k === "__proto__") return `["__proto__"]`; // a literal `__proto__:` would set the prototype
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(k) ? k : JSON.stringify(k);
}

/** A sentence as the lines of a block comment (` * ...`), wrapped at about 100 columns. */
function commentLines(text: string): string[] {
  const lines: string[] = [];
  let line = " *";
  for (const word of text.split(/\s+/)) {
    if (line.length + word.length + 1 > 100 && line !== " *") {
      lines.push(line);
      line = " *";
    }
    line += " " + word;
  }
  return [...lines, line];
}

/** Resource options written on every declared resource (`generate --protect`, `--retain-on-delete`). */
export interface RenderOptions {
  /** `protect: true`: Pulumi refuses to delete the resource (destroy, removal, replace) until unset. */
  protect?: boolean;
  /** `retainOnDelete: true`: Pulumi forgets the resource on delete, and the entity stays in Statsig. */
  retainOnDelete?: boolean;
}

/** Renders the program declaring every entity of `snapshot`. */
export function render(snapshot: ProjectSnapshot, options: RenderOptions = {}): RenderResult {
  const warnings: string[] = [];
  const decls = new Map<string, Decl>();
  for (const kind of KINDS) {
    const entities = [...(snapshot[kind] ?? [])].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    for (const e of entities) {
      const key = nodeKey(kind, e.id);
      decls.set(key, { key, kind, id: e.id, inputs: inputsOf(DEFINITIONS[kind], e), deps: new Set() });
    }
  }
  // Validate on literal values first: an entity that cannot be declared is not a reference target.
  for (const d of [...decls.values()]) if (!fitInputs(DEFINITIONS[d.kind], d, warnings)) decls.delete(d.key);

  const tagsByName = new Map<string, string>();
  for (const d of decls.values()) if (d.kind === "tags") tagsByName.set(d.inputs.name as string, d.key);
  const known = (kind: Kind, id: string) => (decls.has(nodeKey(kind, id)) ? nodeKey(kind, id) : undefined);
  for (const d of decls.values()) linkReferences(d, known, (n) => tagsByName.get(n));

  const order = declarationOrder(decls, warnings);

  // Variables only for entities something refers to; names unique, readable, never a keyword.
  const referenced = new Set<string>();
  for (const d of decls.values()) for (const t of d.deps) referenced.add(t);
  const used = new Set<string>();
  for (const d of order) {
    if (!referenced.has(d.key)) continue;
    const className = DEFINITIONS[d.kind].typeName;
    let v = identifier(d.id, className);
    if (used.has(v) || RESERVED.has(v)) v += className;
    for (let n = 2; used.has(v) || RESERVED.has(v); n++) v = `${identifier(d.id, className)}${className}${n}`;
    used.add(v);
    d.variable = v;
  }

  const counts = Object.fromEntries(KINDS.map((k) => [k, 0])) as Record<Kind, number>;
  const resourceOptions =
    options.protect || options.retainOnDelete
      ? emit(
          {
            ...(options.protect ? { protect: true } : {}),
            ...(options.retainOnDelete ? { retainOnDelete: true } : {}),
          },
          String,
          true,
        )
      : undefined;
  const lines = [
    "/**",
    " * This Statsig project as a Pulumi program, generated by `pulumi-statsig generate`.",
    " *",
    " * Every resource sets `adopt: true`: the first `pulumi up` takes the existing entities over and",
    " * writes only fields that differ from what is declared here (none, right after generating).",
    " * Fields left out are not managed.",
    ...(resourceOptions
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
        ]),
    ...(snapshot.unread ?? []).flatMap((note) => [" *", ...commentLines(note)]),
    " */",
    'import * as statsig from "pulumi-statsig";',
    "",
  ];
  for (const d of order) {
    const def = DEFINITIONS[d.kind];
    counts[d.kind]++;
    const refExpr = (r: Ref) => {
      const t = decls.get(r.target);
      return t?.variable ? `${t.variable}.${r.prop}` : JSON.stringify(r.literal);
    };
    const args = emit({ ...d.inputs, adopt: true }, refExpr, true);
    const opts = resourceOptions ? `, ${resourceOptions}` : "";
    const expr = `new statsig.${def.typeName}(${JSON.stringify(d.id)}, ${args}${opts});`;
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
        `${DEFINITIONS[next.kind].kind} "${next.id}" refers to ${pending.map((t) => t.replace(":", " ")).join(", ")} ` +
          "in a cycle: written as literal ids (Pulumi cannot order a cycle)",
      );
    }
    done.add(next.key);
    order.push(next);
  }
  return order;
}
