/**
 * gone.ts: an entity 404 means "gone" only once the entity's collection answers with JSON; a
 * successful probe is remembered per base URL and collection, a failed one asked again, and a
 * 404 that cannot be confirmed fails saying why.
 */
import { NotFoundError, StatsigApiError, apiError } from "../../../provider/client/errors";
import { ProbingClient, isGone } from "../../../provider/client/gone";

const entity404 = (path: string) =>
  apiError({ status: 404, apiMessage: 'Gate "x" not found', method: "GET", path, notFoundKind: "entity" });

/** A client whose probes answer `answers` in turn (an error is thrown), counting them. */
function probing(baseUrl: string, answers: unknown[]): ProbingClient & { asked: string[] } {
  const asked: string[] = [];
  return {
    baseUrl,
    asked,
    raw: async (_method, p) => {
      asked.push(p);
      const next = answers.shift();
      if (next instanceof Error) throw next;
      return next;
    },
  };
}

it("only an entity 404 can mean gone", async () => {
  const c = probing("http://only-404", []);
  expect(await isGone(apiError({ status: 404, apiMessage: "no", method: "GET", path: "/gates/x" }), c)).toBe(false);
  expect(await isGone(apiError({ status: 500, apiMessage: "no", method: "GET", path: "/gates/x" }), c)).toBe(false);
  expect(await isGone(new Error("other"), c)).toBe(false);
  expect(c.asked).toEqual([]);
});

it("confirms with the collection once per base URL and collection", async () => {
  const c = probing("http://confirmed", [{ data: [] }, { data: [] }]);
  expect(await isGone(entity404("/gates/a"), c)).toBe(true);
  expect(await isGone(entity404("/gates/b/overrides"), c)).toBe(true);
  expect(await isGone(entity404("/tags/t"), c)).toBe(true);
  expect(c.asked).toEqual(["/gates", "/tags"]);
});

it("fails an unconfirmed 404, naming the probe's failure, and asks again next time", async () => {
  const probeFailure = apiError({
    status: 404,
    apiMessage: "Cannot GET",
    method: "GET",
    path: "/gates",
    url: "http://wrong/gates",
  });
  const c = probing("http://wrong", [probeFailure, "<html>not json</html>", { data: [] }]);
  let thrown: unknown;
  try {
    await isGone(entity404("/gates/a"), c);
  } catch (err) {
    thrown = err;
  }
  expect(thrown).toBeInstanceOf(NotFoundError);
  expect((thrown as StatsigApiError).apiMessage).toBe(
    'Gate "x" not found; not treated as deleted, because the collection check GET http://wrong/gates failed too: HTTP 404: Cannot GET',
  );
  await expect(isGone(entity404("/gates/a"), c)).rejects.toThrow(/answered 200 but not with the Console API's JSON/);
  expect(await isGone(entity404("/gates/a"), c)).toBe(true);
  expect(c.asked).toEqual(["/gates", "/gates", "/gates"]);
});
