/**
 * The published API's `/{collection}/{id}/overrides` endpoints (experiments, layers, holdouts): the
 * overrides are a few lists stored beside the entity (`extra("overrides", ...)`, which the SDK
 * document reads); `GET` reads them, `POST` replaces them, `PATCH` appends to each list, `DELETE`
 * empties them. Each kind states its lists, its messages and what it checks.
 */
import { Entity, Store } from "../store";
import { Handler, HandlerContext } from "../types";
import { mustGet, mustMutate, touch } from "./common";

type Lists<L extends string> = Record<L, unknown[]>;

/** One kind's overrides. */
export interface OverridesSpec<L extends string> {
  /** Collection and URL segment, e.g. `holdouts`. */
  collection: string;
  /** The kind in the answers' messages, e.g. `Holdout`. */
  noun: string;
  /** The lists of the published DTO, in its order; a body's missing list counts as empty. */
  lists: readonly L[];
  /** The message of a `POST` or `PATCH` answer. */
  updated: string;
  /** Refuses overrides that do not fit the entity (a 400). */
  check?: (store: Store, entity: Entity, next: Lists<L>) => void;
  /** Whether storing overrides marks the entity modified. */
  touch?: boolean;
}

/** The four overrides handlers, named for the route table. */
export interface OverridesHandlers {
  getOverrides: Handler;
  setOverrides: Handler;
  addOverrides: Handler;
  deleteOverrides: Handler;
}

/** Builds the handlers of one kind's overrides. */
export function overrides<L extends string>(spec: OverridesSpec<L>): OverridesHandlers {
  const C = spec.collection;
  const full = (o: Partial<Lists<L>> | undefined) =>
    Object.fromEntries(spec.lists.map((l) => [l, o?.[l] ?? []])) as Lists<L>;
  const current = (store: Store, id: string) => full(store.extra<Lists<L>>("overrides", C, id));

  /** Stores the overrides of an existing entity; answers them. */
  function store(ctx: HandlerContext, next: Lists<L>) {
    const e = mustGet(ctx.store, C, ctx.params.id);
    spec.check?.(ctx.store, e, next);
    if (spec.touch) mustMutate(ctx.store, C, ctx.params.id, (x) => void touch(ctx.store, x));
    ctx.store.setExtra("overrides", C, ctx.params.id, next);
    return { body: next, message: spec.updated };
  }

  return {
    getOverrides: (ctx) => {
      mustGet(ctx.store, C, ctx.params.id);
      return { body: current(ctx.store, ctx.params.id), message: `${spec.noun} Overrides read successfully.` };
    },
    setOverrides: (ctx) => store(ctx, full(ctx.body as Partial<Lists<L>>)),
    addOverrides: (ctx) => {
      const cur = current(ctx.store, ctx.params.id);
      const b = full(ctx.body as Partial<Lists<L>>);
      return store(ctx, Object.fromEntries(spec.lists.map((l) => [l, [...cur[l], ...b[l]]])) as Lists<L>);
    },
    deleteOverrides: (ctx) => {
      store(ctx, full(undefined));
      return { body: { message: `${spec.noun} overrides deleted` }, raw: true };
    },
  };
}
