/**
 * Lifecycle calls that are not idempotent at the service (`start`, `make_decision`, `abandon`,
 * `archive`, `unarchive`, ...: the second of two identical calls is refused, because the first
 * already moved the entity). When an attempt is applied but its answer is lost (a 5xx after the
 * commit, a reset connection, a timeout), the client's retry hears that refusal; the entity is
 * then where the call takes it, and the call worked.
 */
import { StatsigApiError } from "../client";

/**
 * Runs `call`; a 400 heard on a retry after an ambiguous attempt counts as success when `arrived`
 * (asked only then, with a read) says the entity is where the call takes it. Undefined then: the
 * answer was lost, the caller reads the entity instead.
 */
export async function applied<T>(call: () => Promise<T>, arrived: () => Promise<boolean>): Promise<T | undefined> {
  try {
    return await call();
  } catch (err) {
    if (!(err instanceof StatsigApiError) || err.status !== 400 || !err.ambiguousRetry) throw err;
    if (!(await arrived())) throw err;
    return undefined;
  }
}
