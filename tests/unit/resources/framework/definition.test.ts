/** The fields map: flags read back as field lists, the plain collection pattern, partial creates. */
import { PartialCreateError, fieldsWith, plainFields } from "../../../../provider/resources/framework";

it("lists the fields with a flag, in declaration order", () => {
  const fields = {
    name: { replace: true, create: true },
    a: { create: true, patch: true },
    b: { patch: true },
  } as const;
  expect(fieldsWith(fields, "create")).toEqual(["name", "a"]);
  expect(fieldsWith(fields, "patch")).toEqual(["a", "b"]);
  expect(fieldsWith(fields, "replace")).toEqual(["name"]);
});

it("plain fields: the name replaces, every other field is created and patched", () => {
  expect(plainFields({ description: {}, tags: { unordered: true } })).toEqual({
    // `via` documents the replace (the README's table and the Args docs are generated from it).
    name: { replace: true, create: true, via: expect.any(String) },
    description: { create: true, patch: true },
    tags: { unordered: true, create: true, patch: true },
  });
});

it("a partial create keeps the failure that caused it", () => {
  const cause = new Error("follow-up failed");
  const err = new PartialCreateError("g", cause);
  expect(err).toMatchObject({ id: "g", message: "follow-up failed", cause });
});
