/**
 * Segments: CRUD (the seed's PATCH with the create body), and the published API's id lists
 * (`GET /segments/{id}/id_list`, `POST .../id_list/reset`, `PATCH .../add_ids`,
 * `PATCH .../remove_ids`, at most 1000 ids per call) and rules (`POST .../conditional`).
 * A segment's `type` never changes; an `id_list` segment has no rules.
 */
import { ID_LIST_CHUNK } from "../rules";
import { JsonSchema, componentRef } from "../spec";
import { Entity, Store } from "../store";
import { EntityHandlers, Handler, HandlerContext, HttpError } from "../types";
import { assignRuleIds, mustGet, mustMutate } from "./common";
import { crud } from "./crud";

const C = "segments";

function idList(store: Store, id: string): string[] {
  return store.extra<string[]>("id_list", C, id) ?? [];
}

function idListSegment(store: Store, id: string): Entity {
  const seg = mustGet(store, C, id);
  if (seg.type !== "id_list") throw new HttpError(400, `segment ${JSON.stringify(id)} is not an id_list segment`);
  return seg;
}

function idsOf(body: unknown): string[] {
  const ids = (body as { ids: string[] }).ids;
  if (ids.length > ID_LIST_CHUNK) throw new HttpError(400, `ids: at most ${ID_LIST_CHUNK} ids per request`);
  return ids;
}

/** A handler that replaces the id list with `change(current, given)`; `echo` returns the ids too. */
function idListChange(change: (current: string[], given: string[]) => string[], echo = false): Handler {
  return (ctx) => {
    const seg = idListSegment(ctx.store, ctx.params.id);
    const ids = change(idList(ctx.store, seg.id), idsOf(ctx.body));
    ctx.store.setExtra("id_list", C, seg.id, ids);
    return { body: echo ? { ids, count: ids.length } : { count: ids.length } };
  };
}

const idsBody: JsonSchema = {
  type: "object",
  required: ["ids"],
  properties: { ids: { type: "array", items: { type: "string" } } },
};

/**
 * The published shape's `count` on an id-list segment ("for id_list segments: the length of the ID
 * list", `SegmentDto`), which lets a reader skip the id list of an empty one; the seed has no count.
 */
function withCount(ctx: HandlerContext, seg: unknown): unknown {
  const e = seg as Entity;
  if (ctx.shape !== "published" || !e || e.type !== "id_list") return seg;
  return { ...e, count: idList(ctx.store, e.id).length };
}

const segmentCrud = crud({
  collection: C,
  createDefaults: { description: "", type: "rule_based", rules: [], tags: [] },
  updatable: ["description", "rules", "tags", "type"],
  timestamps: { created: true, modified: false },
  validate(_store, next, prev) {
    if (next.type !== "rule_based" && next.type !== "id_list")
      throw new HttpError(400, `type: must be "rule_based" or "id_list"`);
    if (prev && prev.type !== next.type) throw new HttpError(400, "type: cannot change once the segment exists");
    if (next.type === "id_list" && Array.isArray(next.rules) && next.rules.length)
      throw new HttpError(400, "rules: an id_list segment has no rules");
  },
  normalize(store, next, prev) {
    next.rules = assignRuleIds(store, next.rules, prev?.rules);
  },
});

/** Segment handlers, named for the route table. */
export const segments = {
  ...segmentCrud,
  list: async (ctx) => {
    const r = await segmentCrud.list(ctx);
    return r.page ? { ...r, page: { ...r.page, items: r.page.items.map((e) => withCount(ctx, e)) } } : r;
  },
  get: async (ctx) => {
    const r = await segmentCrud.get(ctx);
    return { ...r, body: withCount(ctx, r.body) };
  },

  getIdList: (ctx) => {
    idListSegment(ctx.store, ctx.params.id);
    const ids = idList(ctx.store, ctx.params.id);
    return { body: { ids, count: ids.length } };
  },
  resetIdList: idListChange((_current, given) => [...new Set(given)], true),
  addIds: idListChange((current, given) => [...new Set([...current, ...given])]),
  removeIds: idListChange((current, given) => {
    const remove = new Set(given);
    return current.filter((x) => !remove.has(x));
  }),
  idsBody,

  setRules: (ctx) => {
    const seg = mustMutate(ctx.store, C, ctx.params.id, (seg) => {
      if (seg.type !== "rule_based") throw new HttpError(400, "rules: only rule_based segments have rules");
      seg.rules = assignRuleIds(ctx.store, ctx.body, seg.rules);
    });
    return { body: seg };
  },
  rulesBody: { type: "array", items: componentRef("SegmentRule") },
} satisfies EntityHandlers;
