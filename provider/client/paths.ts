/** URL paths of the Console API, built in one place so an id such as `a/b` never reaches another route. */

/** `/gates` + `["a b", "rules"]` → `/gates/a%20b/rules`: the collection, then each part URL-encoded. */
export function entityPath(collection: string, ...parts: string[]): string {
  return collection + parts.map((p) => "/" + encodeURIComponent(p)).join("");
}

/** `/gates/x/overrides?limit=1` → `/gates`: every Console API entity lives in a top-level collection. */
export function collectionOf(relPath: string): string {
  return "/" + (relPath.split("?")[0].split("/").filter(Boolean)[0] ?? "");
}
