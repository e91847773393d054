/**
 * emulator/http.ts and the route table's audit column: nesting measured without parsing, request
 * targets split (absolute form, null-prototype query), replies shaped in the seed's or the
 * published shape, and a mutation row without its audit action refused at start.
 */
import { jsonDepth, parseTarget, shapeBody } from "../../../emulator/http";
import { compileRoutes } from "../../../emulator/router";
import { routeTable } from "../../../emulator/routes";

describe("jsonDepth", () => {
  it("counts nesting, ignoring brackets inside strings", () => {
    expect(jsonDepth("1")).toBe(0);
    expect(jsonDepth("{}")).toBe(1);
    expect(jsonDepth('{"a":[{"b":"[[[{{{"}]}')).toBe(3);
    expect(jsonDepth('["\\"[", [[]]]')).toBe(3);
  });
});

describe("parseTarget", () => {
  it("splits path and query, from origin or absolute form, into a null-prototype query", () => {
    const t = parseTarget("/console/v1/gates?limit=2&page=3&limit=5");
    expect(t.pathname).toBe("/console/v1/gates");
    expect(t.search).toBe("?limit=2&page=3&limit=5");
    expect({ ...t.query }).toEqual({ limit: "5", page: "3" });
    expect(Object.getPrototypeOf(t.query)).toBeNull();
    expect(parseTarget("http://h:1/console/v1/tags?x=1").pathname).toBe("/console/v1/tags");
    expect(parseTarget("weird").pathname).toBe("/weird");
  });
});

describe("shapeBody", () => {
  const page = { items: [1, 2], page: 1, limit: 2, total: 3 };
  it("the seed's shape: bare entities, `{ data, pagination: { hasMore } }`", () => {
    expect(shapeBody({ body: { id: "g" } }, "seed")).toEqual({ id: "g" });
    expect(shapeBody({ items: [1] }, "seed")).toEqual({ data: [1] });
    expect(shapeBody({ page }, "seed")).toEqual({
      data: [1, 2],
      pagination: { total: 3, page: 1, limit: 2, hasMore: true },
    });
  });

  it("the published shape: the envelope, with nextPage null on the last page", () => {
    expect(shapeBody({ body: { id: "g" } }, "published")).toEqual({ message: "OK", data: { id: "g" } });
    expect(shapeBody({ body: { id: "g" }, raw: true }, "published")).toEqual({ id: "g" });
    expect(shapeBody({ page, message: "Gates listed" }, "published")).toEqual({
      message: "Gates listed",
      data: [1, 2],
      pagination: { itemsPerPage: 2, pageNumber: 1, totalItems: 3, nextPage: 2, previousPage: null, all: null },
    });
    expect(shapeBody({ page: { ...page, page: 2 } }, "published")).toMatchObject({
      pagination: { nextPage: null, previousPage: 1 },
    });
  });
});

describe("the route table's audit column", () => {
  it("every mutation row names its audit action; GET rows none", () => {
    const rows = routeTable("k");
    expect(rows.filter((r) => r.method !== "GET" && !r.audit)).toEqual([]);
    expect(rows.filter((r) => r.method === "GET" && r.audit)).toEqual([]);
    const action = (method: string, path: string) => rows.find((r) => r.method === method && r.path === path)?.audit;
    expect(action("POST", "/gates")).toBe("create");
    expect(action("PUT", "/gates/{id}/enable")).toBe("enable");
    expect(action("PUT", "/gates/{id}/rules")).toBe("rules.update");
    expect(action("PATCH", "/segments/{id}/add_ids")).toBe("add_ids");
    // The published overrides endpoints: POST replaces (update_*_overrides), PATCH adds (add_*_overrides).
    for (const kind of ["experiments", "layers", "holdouts"]) {
      expect([kind, action("POST", `/${kind}/{id}/overrides`)]).toEqual([kind, "overrides.update"]);
      expect([kind, action("PATCH", `/${kind}/{id}/overrides`)]).toEqual([kind, "overrides.add"]);
    }
  });

  it("a mutation row without one refuses to start", () => {
    const rows = routeTable("k").map((r) =>
      r.method === "DELETE" && r.path === "/tags/{id}" ? { ...r, audit: undefined } : r,
    );
    expect(() => compileRoutes(rows)).toThrow("route table: DELETE /tags/{id} is a mutation without an audit action");
  });
});
