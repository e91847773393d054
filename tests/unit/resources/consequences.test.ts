/**
 * What a replace or delete does to running code (issue 17, item 1): each kind's consequence, and
 * the replace warning's three forms (rename, same-id replace that deletes first, other replace).
 */
import { afterDeletion, replaceWarning } from "../../../provider/resources/framework/consequences";

describe("afterDeletion", () => {
  it("says what evaluation returns for each kind that applications evaluate", () => {
    expect(afterDeletion("gate", "g")).toBe('every check of gate "g" in running code returns false from then on');
    expect(afterDeletion("dynamic config", "c")).toContain("returns the caller's default values");
    expect(afterDeletion("layer", "l")).toContain('every read of layer "l" returns the caller\'s default values');
    expect(afterDeletion("experiment", "e", { status: "active" })).toContain(
      'the active experiment "e" stops assigning users and collecting data',
    );
    expect(afterDeletion("experiment", "e", { status: "setup" })).not.toContain("stops assigning");
    expect(afterDeletion("segment", "s")).toContain('conditions that refer to segment "s"');
    expect(afterDeletion("tag", "t")).toBeUndefined();
  });
});

describe("replaceWarning", () => {
  it("calls a new id a rename and names the id that disappears", () => {
    expect(replaceWarning("gate", "plan_pro", { name: "plan_pro" }, "plan pro v2", "plan_pro_v2", false)).toBe(
      'gate "plan_pro" is renamed to "plan pro v2": a rename replaces it, so id "plan_pro" is deleted once ' +
        '"plan_pro_v2" exists; every check of gate "plan_pro" in running code returns false from then on. ' +
        'Move code that uses "plan_pro" to "plan_pro_v2" first',
    );
  });

  it("a same-id replace deletes first and says what happens meanwhile; another replace says it is replaced", () => {
    const first = replaceWarning("experiment", "e", { name: "e", status: "active" }, "E", "e", true);
    expect(first).toMatch(/^experiment "e" is replaced by deleting it first: it does not exist in Statsig until "E"/);
    expect(first).toContain("; meanwhile the active experiment");
    expect(replaceWarning("segment", "s", { name: "s" }, "s", "s", false)).toMatch(
      /^segment "s" is replaced: id "s" is deleted once its replacement exists; conditions that refer/,
    );
    // A name not known at preview (an output of another resource): still a replace, no rename claimed.
    expect(
      replaceWarning("gate", "g", { name: "g" }, "04da6b54-80e4-46f7-96ec-b56ff0331ba9", undefined, false),
    ).toMatch(/^gate "g" is replaced/);
    expect(replaceWarning("tag", "t", { name: "t" }, "u", "u", false)).toBeUndefined();
  });
});
