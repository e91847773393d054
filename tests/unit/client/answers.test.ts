/**
 * answers.ts: a write's answer stands in for the read that follows it, once, for a short while;
 * any write under an entity forgets what was kept for it; a DELETE's answer is never kept.
 */
import { WriteAnswers } from "../../../provider/client/answers";

function harness() {
  let t = 0;
  const answers = new WriteAnswers(() => t);
  const sent: string[] = [];
  const send = (method: string, p: string, answer: unknown, hasQuery = false) =>
    answers.through(method, p, hasQuery, async () => {
      sent.push(`${method} ${p}`);
      return answer;
    });
  return { answers, sent, send, advance: (ms: number) => (t += ms) };
}

const gate = { id: "a b", name: "A B", description: "x" };

it("serves a create's answer to the next GET of the entity, once", async () => {
  const { send, sent } = harness();
  await send("POST", "/gates", gate);
  expect(await send("GET", "/gates/a%20b", "from the server")).toEqual(gate);
  expect(await send("GET", "/gates/a%20b", "from the server")).toBe("from the server");
  expect(sent).toEqual(["POST /gates", "GET /gates/a%20b"]);
});

it("keeps a PUT's sub-resource answer for the GET of that sub-resource", async () => {
  const { send, sent } = harness();
  await send("PUT", "/gates/g/overrides", { userOverrides: [] });
  expect(await send("GET", "/gates/g/overrides", "server")).toEqual({ userOverrides: [] });
  expect(sent).toEqual(["PUT /gates/g/overrides"]);
});

it("a write under the entity forgets its kept answer; a DELETE keeps nothing", async () => {
  const { send, sent } = harness();
  await send("POST", "/gates", { id: "g", name: "g" });
  await send("PUT", "/gates/g/enable", { message: "ok" });
  expect(await send("GET", "/gates/g", "server")).toBe("server");
  await send("DELETE", "/gates/g", { id: "g", name: "g" });
  expect(await send("GET", "/gates/g", "404")).toBe("404");
  expect(sent.filter((s) => s.startsWith("GET"))).toEqual(["GET /gates/g", "GET /gates/g"]);
});

it("a GET with a query, or after the TTL, goes to the server", async () => {
  const { send, advance } = harness();
  await send("POST", "/gates", { id: "g", name: "g" });
  expect(await send("GET", "/gates/g", "listed", true)).toBe("listed");
  await send("PATCH", "/gates/g", { id: "g", name: "g", description: "new" });
  advance(60_001);
  expect(await send("GET", "/gates/g", "server")).toBe("server");
});

it("remembers when this process last wrote an entity", async () => {
  const { send, answers, advance } = harness();
  advance(5);
  await send("PATCH", "/gates/g", { message: "no entity" });
  expect(answers.lastWrite("/gates/g")).toBe(5);
  expect(answers.lastWrite("/gates/h")).toBeUndefined();
});
