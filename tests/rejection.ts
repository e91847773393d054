/** The value a promise rejects with; fails the test when it resolves instead. */
export function rejection<T = Error>(p: Promise<unknown>): Promise<T> {
  return p.then(
    (v) => {
      throw new Error(`expected a rejection, got ${JSON.stringify(v)}`);
    },
    (e: T) => e,
  );
}
