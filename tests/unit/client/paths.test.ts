/** paths.ts: every part of a path is encoded into its own segment; the collection of any path. */
import { collectionOf, entityPath } from "../../../provider/client/paths";

it("encodes ids and sub-resources into their own segments", () => {
  expect(entityPath("/gates", "a b", "rules")).toBe("/gates/a%20b/rules");
  expect(entityPath("/gates", "a/b")).toBe("/gates/a%2Fb");
  expect(entityPath("/gates", "../keys")).toBe("/gates/..%2Fkeys");
  expect(entityPath("/gates")).toBe("/gates");
});

it("finds the top-level collection of a path, query or not", () => {
  expect(collectionOf("/gates/x/overrides?limit=1")).toBe("/gates");
  expect(collectionOf("/dynamic_configs")).toBe("/dynamic_configs");
  expect(collectionOf("/")).toBe("/");
});
