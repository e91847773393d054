/** Call helpers: output fields picked from an entity, request bodies built from inputs. */
import { changedBody, definedFields, pick } from "../../../../provider/resources/framework";

it("picks the listed fields and the id, dropping what the service sent as null", () => {
  const entity = { id: "g", name: "g", description: null as string | null, tags: ["a"], extra: 1 };
  expect(pick(entity, ["name", "description", "tags"])).toEqual({ id: "g", name: "g", tags: ["a"] });
});

it("builds bodies of the set fields only, or none at all", () => {
  const inputs = { name: "g", description: "d", tags: undefined as string[] | undefined };
  expect(definedFields(inputs, ["description", "tags"])).toEqual({ description: "d" });
  expect(definedFields(inputs, ["tags"])).toBeUndefined();
  expect(changedBody(new Set(["description"]), inputs, ["name", "description"])).toEqual({ description: "d" });
  expect(changedBody(new Set(["tags"]), inputs, ["name", "description"])).toBeUndefined();
});
