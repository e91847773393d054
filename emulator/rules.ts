/**
 * The Console API's own rules, as the emulator enforces them: how an id derives from a name, which
 * names each kind of entity accepts, the documented rate budget, and the emulator's limits on
 * hostile input.
 *
 * This is deliberately the emulator's own copy, written from Statsig's published Console API
 * description (the `*CreateDto` schemas and the API's introduction), not imported from
 * `provider/`: the emulator is a second opinion, so a rule the provider gets wrong shows up as a
 * disagreement in the tests instead of both sides agreeing on the wrong answer.
 * `tests/unit/emulator/rules.test.ts` pins each rule to the published examples.
 */

/** The entity kinds that are created from a name, by collection (URL segment). */
export type NamedKind =
  "gates" | "dynamic_configs" | "experiments" | "segments" | "layers" | "holdouts" | "tags" | "autotunes";

/** What names a kind accepts. */
export interface NameRule {
  /** Fewest characters. */
  minLength: number;
  /** Most characters, when the service documents a maximum. */
  maxLength?: number;
  /** The characters allowed, when the service restricts them. */
  pattern?: RegExp;
  /** The allowed characters in words, for the 400's message. */
  allowed?: string;
}

/** Letters, digits, `_`, `-`, `.` and spaces: gates and dynamic configs (`GateCreateDto`). */
const WITH_DOT: NameRule = {
  minLength: 3,
  maxLength: 100,
  pattern: /^[a-zA-Z0-9_\-. ]*$/,
  allowed: "letters, digits, spaces, '_', '-' and '.'",
};
/** The same without `.`: experiments, segments, layers, holdouts (`ExperimentCreateDto`...). */
const WITHOUT_DOT: NameRule = {
  minLength: 3,
  maxLength: 100,
  pattern: /^[a-zA-Z0-9_\- ]*$/,
  allowed: "letters, digits, spaces, '_' and '-'",
};

/**
 * Name rules per kind, as the published API documents them on each create body. Tags are only
 * length-limited (`TagCreateDto`: 1–100). Autotunes document no rule at all (`AutotuneCreateDto`);
 * a name must still yield an id, so it cannot be empty.
 */
export const NAME_RULES: Readonly<Record<NamedKind, NameRule>> = {
  gates: WITH_DOT,
  dynamic_configs: WITH_DOT,
  experiments: WITHOUT_DOT,
  segments: WITHOUT_DOT,
  layers: WITHOUT_DOT,
  holdouts: WITHOUT_DOT,
  tags: { minLength: 1, maxLength: 100 },
  autotunes: { minLength: 1 },
};

/**
 * Why `name` breaks the kind's rule (`name: must be 3 to 100 characters`), or undefined when it
 * is acceptable. `kind` is a kind above or, for a kind whose handlers state their own, the rule.
 */
export function nameProblem(kind: NamedKind | NameRule, name: unknown): string | undefined {
  const r = typeof kind === "string" ? NAME_RULES[kind] : kind;
  if (typeof name !== "string") return "name: is required";
  const tooLong = r.maxLength !== undefined && name.length > r.maxLength;
  if (name.length < r.minLength || tooLong)
    return r.maxLength === undefined
      ? `name: must be at least ${r.minLength} character${r.minLength === 1 ? "" : "s"}`
      : `name: must be ${r.minLength} to ${r.maxLength} characters`;
  if (r.pattern && !r.pattern.test(name)) return `name: may contain only ${r.allowed} (got ${JSON.stringify(name)})`;
  return undefined;
}

/**
 * The id the service derives from a name: lowercased, spaces become `_` (the published examples:
 * "A Gate" → `a_gate`, "A Layer" → `a_layer`). Ids never change afterwards; a rename changes only
 * the display name.
 */
export function idFromName(name: string): string {
  return name.toLowerCase().replace(/ /g, "_");
}

/** One rate window: at most `limit` requests in any `windowMs`. */
export interface RateWindow {
  limit: number;
  windowMs: number;
}

/** The documented budget: "~ 100reqs / 10secs and ~ 900reqs / 15 mins" (the API's introduction). */
export const PUBLISHED_BUDGET: readonly RateWindow[] = [
  { limit: 100, windowMs: 10_000 },
  { limit: 900, windowMs: 900_000 },
];

/**
 * Parses `--rate-limit`: `off` (also `none`, `0`), `published` (also `default` and empty), or a list of
 * windows such as `5/1s,50/1m` (`<requests>/<n><ms|s|m|h>`, `n` defaulting to 1).
 */
export function parseRateLimit(spec: string): RateWindow[] {
  const s = spec.trim().toLowerCase();
  if (s === "off" || s === "none" || s === "0") return [];
  if (s === "" || s === "published" || s === "default") return PUBLISHED_BUDGET.map((w) => ({ ...w }));
  return s.split(",").map((part) => {
    const m = /^(\d+)\s*\/\s*(\d+)?\s*(ms|s|m|h)$/.exec(part.trim());
    if (!m) throw new Error(`--rate-limit: "${part}" is not a budget like 100/10s or 900/15m`);
    const limit = Number(m[1]);
    const count = Number(m[2] ?? "1");
    if (limit < 1 || count < 1) throw new Error(`--rate-limit: "${part}" needs positive numbers`);
    const unitMs = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[m[3] as "ms" | "s" | "m" | "h"];
    return { limit, windowMs: count * unitMs };
  });
}

/** At most this many ids per segment id-list call, as on the real service. */
export const ID_LIST_CHUNK = 1000;

/**
 * Request bodies nesting deeper than this are refused with a 400 before they are parsed: deep
 * enough for any real rule or parameter value, shallow enough that validating, copying and
 * persisting the value can never exhaust the stack (fuzzing found a ~4,500-deep body stored, after
 * which every list answered 500).
 */
export const MAX_JSON_DEPTH = 400;

/** Largest request body accepted. */
export const MAX_BODY_BYTES = 5 * 1024 * 1024;

/**
 * Condition types of the published API's rules on gates and dynamic configs (`GateCreateDto`,
 * `DynamicConfigCreateDto`... → `rules[].conditions[].type`). The seed's enum is narrower (and has
 * `environment`, which the published one does not); the seed shape keeps the seed's.
 */
export const PUBLISHED_CONDITION_TYPES: readonly string[] = [
  "app_version",
  "browser_name",
  "browser_version",
  "country",
  "custom_field",
  "email",
  "environment_tier",
  "fails_gate",
  "fails_segment",
  "ip_address",
  "locale",
  "os_name",
  "os_version",
  "passes_gate",
  "passes_segment",
  "public",
  "time",
  "unit_id",
  "user_id",
  "url",
  "javascript",
  "device_model",
  "target_app",
];

/** The published condition types that segment rules do not take (see the list below). */
const NOT_IN_SEGMENT_RULES: ReadonlySet<string> = new Set([
  "public",
  "passes_gate",
  "fails_gate",
  "time",
  "locale",
  "url",
  "javascript",
  "device_model",
  "target_app",
]);

/**
 * Condition types of segment rules (`SegmentCreateContractDto`, `SegmentRulesDto` of
 * `POST /segments/{id}/conditional`): no `public` ("can not be used in conditional segments",
 * docs.statsig.com/console-api/rules), no gates, no time, no client-only types.
 */
export const PUBLISHED_SEGMENT_CONDITION_TYPES: readonly string[] = PUBLISHED_CONDITION_TYPES.filter(
  (t) => !NOT_IN_SEGMENT_RULES.has(t),
);

/**
 * A published condition with the given types: `operator` a free string (the published schema
 * does not enumerate it), `targetValue` one string or number, a list of strings or of numbers, or
 * null, whatever the operator; `field` and `customID` nullable strings. The published `oneOf` for
 * `targetValue` is read as "any of": `[]` is both a string list and a number list, and Statsig's
 * own examples send it.
 */
export function publishedConditionSchema(types: readonly string[]): Record<string, unknown> {
  return {
    type: "object",
    required: ["type"],
    properties: {
      type: { type: "string", enum: [...types] },
      operator: { type: ["string", "null"] },
      targetValue: {
        anyOf: [
          { type: "array", items: { type: "string" } },
          { type: "array", items: { type: "number" } },
          { type: "string" },
          { type: "number" },
          { type: "null" },
        ],
      },
      field: { type: ["string", "null"] },
      customID: { type: ["string", "null"] },
    },
  };
}
