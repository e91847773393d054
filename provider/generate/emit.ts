/**
 * The text of a generated program: references to declared entities (`Ref`), values as
 * deterministic JavaScript expressions (`emit`), variable names, comment lines (see render.ts).
 */

/** A reference to another declared entity's output, with the literal it stands for. */
export class Ref {
  constructor(
    readonly target: string,
    readonly prop: "id" | "name",
    readonly literal: string,
  ) {}
}

/** The value with every `Ref` replaced by its literal (for validation, and to cut cycles). */
export function literalOf(v: unknown, keep: (r: Ref) => boolean = () => false): unknown {
  if (v instanceof Ref) return keep(v) ? v : v.literal;
  if (Array.isArray(v)) return v.map((x) => literalOf(x, keep));
  if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, literalOf(x, keep)]));
  return v;
}

/** Words a variable may not be: keywords, globals, and the program's own imports. */
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
export function orderedKeys(keys: string[]): string[] {
  const lead = (k: string) => (LEADING_KEYS.includes(k) ? LEADING_KEYS.indexOf(k) : LEADING_KEYS.length);
  return [...keys].sort((a, b) => lead(a) - lead(b) || (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * Emits a JS expression for a value; `Ref`s become `<variable>.<prop>`. A resource's arguments
 * (`top`) keep their order, the definition's; nested objects are ordered by `orderedKeys`.
 */
export function emit(v: unknown, refExpr: (r: Ref) => string, top = false): string {
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

/** An object literal's key for `k`: bare when it is an identifier. */
function propertyKey(k: string): string {
  if (k === "__proto__") return `["__proto__"]`; // a literal `__proto__:` would set the prototype
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(k) ? k : JSON.stringify(k);
}

/** A sentence as the lines of a block comment (` * ...`), wrapped at about 100 columns. */
export function commentLines(text: string): string[] {
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

/**
 * The variable of an entity: its id as a readable identifier, unique among `used` (which it joins)
 * and never a keyword (`<id><Class>`, then `<id><Class>2`, ...).
 */
export function variableName(id: string, className: string, used: Set<string>): string {
  let v = identifier(id, className);
  if (used.has(v) || RESERVED.has(v)) v += className;
  for (let n = 2; used.has(v) || RESERVED.has(v); n++) v = `${identifier(id, className)}${className}${n}`;
  used.add(v);
  return v;
}
