/**
 * What Statsig accepts in a targeting condition beyond the seed spec (`openapi/statsig-console-api.yaml`,
 * whose `Condition` enums are a subset of the service's). Written here in our own words, each value
 * with where it comes from; nothing is copied from the published files.
 *
 * Sources, cited below by their short names:
 * - **published**: Statsig's published Console API description (the OpenAPI document behind
 *   https://docs.statsig.com/api-reference, e.g. `GateCreateDto` → `rules[].conditions[]`); its
 *   `type` enum, its `operator` (a free string) and its `targetValue`
 *   (`string | number | string[] | number[]`, nullable).
 * - **docs**: https://docs.statsig.com/console-api/rules (every condition type with its operators
 *   and `targetValue` forms) and https://docs.statsig.com/feature-flags/conditions.
 * - **node-sdk**: `statsig-io/node-js-server-sdk`, `src/Evaluator.ts` (`_evalCondition`, the
 *   `switch (op)` over the condition's operator).
 * - **server-core**: `statsig-io/statsig-server-core`, `statsig-rust/src/evaluation/evaluator.rs`
 *   (`evaluate_condition`, the `match operator`).
 */

/**
 * Condition types the published API has and the seed spec lacks (the seed's own enum, which adds
 * `environment`, stays valid: the union of both is accepted).
 */
export const PUBLISHED_CONDITION_TYPES = [
  /** "Everyone": no operator, no value (published `type` enum; docs "Everyone"; both SDKs' `public`). */
  "public",
  /** The SDK's environment tier, e.g. `["production"]` (published; docs "Environment Tier"). */
  "environment_tier",
  /** The user's locale (published `type` enum). */
  "locale",
  /** The page URL a client SDK reports (published `type` enum). */
  "url",
  /** A JavaScript expression evaluated by web SDKs (published `type` enum). */
  "javascript",
  /** The device model a client SDK reports (published `type` enum). */
  "device_model",
  /** The target app of the SDK key (published `type` enum; both SDKs' `target_app`). */
  "target_app",
] as const;

/**
 * Every operator Statsig evaluates. The published API types `operator` as a free string, so the
 * service's schema alone would take anything; but an operator outside this list is one no SDK
 * evaluates (node-sdk: `default: return { passes: false, unsupported: true }`; server-core:
 * `_ => { ... ctx.result.unsupported = true }`), so the condition could never pass for anyone. A
 * misspelt operator is therefore refused at `check`, naming the value (issue 16). Case counts:
 * server-core matches the operator as written (node-sdk lowercases it), so `"GT"` is refused too.
 * No operator at all (absent, `null` or `""`) is accepted, as the service's own "Everyone" and
 * `passes_gate` examples omit it.
 */
export const STATSIG_OPERATORS = [
  // Lists: the value is (not) one of `targetValue` (docs: every type; node-sdk, server-core).
  "any",
  "none",
  "any_case_sensitive",
  "none_case_sensitive",
  // Text against each string of `targetValue` (docs: email, custom field, unit id; both SDKs).
  "str_starts_with_any",
  "str_ends_with_any",
  "str_contains_any",
  "str_contains_none",
  "str_matches",
  // Numbers (docs: custom field "number"; both SDKs' `compare_numbers`).
  "gt",
  "gte",
  "lt",
  "lte",
  // Versions (docs: app version, custom field "version"; both SDKs, `version_eq`/`version_neq` too).
  "version_gt",
  "version_gte",
  "version_lt",
  "version_lte",
  "version_eq",
  "version_neq",
  // Times (docs: time, custom field "date"; both SDKs' `compare_time`).
  "before",
  "after",
  "on",
  // Strict equality (both SDKs: `eq`, `neq`).
  "eq",
  "neq",
  // Presence (docs: Unit ID "Any: any | none | is_null | is_not_null").
  "is_null",
  "is_not_null",
  // Array-valued fields (both SDKs' `compare_arrays`).
  "array_contains_any",
  "array_contains_none",
  "array_contains_all",
  "not_array_contains_all",
  // Id-list segments (both SDKs: `in_segment_list`, `not_in_segment_list`).
  "in_segment_list",
  "not_in_segment_list",
] as const;

/** A JSON Schema object (the seed's `Condition` and what we make of it). */
type Schema = Record<string, unknown>;

/**
 * The seed's `Condition` widened to what the published API takes, for every schema that refers to
 * it (rules of gates, dynamic configs and segments):
 * - `type`: the seed's enum and `PUBLISHED_CONDITION_TYPES`;
 * - `operator`: `STATSIG_OPERATORS`, or none (`null`, `""`; absent is already allowed);
 * - `targetValue`: the published `string | number | string[] | number[]`, nullable, whatever the
 *   operator. The published `oneOf` is read as "any of": `[]` matches both list branches, and
 *   Statsig's own examples send it (`{ "type": "public", "targetValue": [] }`). A list mixing
 *   strings and numbers (`[42, "u-1"]`) is left to the service: we cannot know that it refuses it;
 * - `field`, `customID`: strings or `null` (published: nullable, optional for every type).
 */
export function publishedCondition(seed: Schema): Schema {
  const props = (seed.properties ?? {}) as Record<string, Schema>;
  const seedTypes = (props.type?.enum ?? []) as string[];
  return {
    ...seed,
    properties: {
      ...props,
      type: { ...props.type, type: "string", enum: [...new Set([...seedTypes, ...PUBLISHED_CONDITION_TYPES])] },
      operator: { ...props.operator, type: ["string", "null"], enum: [null, "", ...STATSIG_OPERATORS] },
      targetValue: {
        ...props.targetValue,
        type: ["string", "number", "array", "null"],
        items: { type: ["string", "number"] },
      },
      field: { type: ["string", "null"], description: "For custom_field: the custom field's name." },
      customID: { type: ["string", "null"], description: "For unit_id: the custom id type." },
    },
  };
}
