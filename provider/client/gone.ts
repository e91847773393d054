/**
 * The gone-policy: when a failed read or delete means the entity no longer exists (refresh drops
 * it from state, delete counts as done). Only when Statsig answered an entity 404 AND the
 * entity's collection confirms that the base URL and route work: a 404 from a wrong base URL once
 * made refresh drop every resource.
 */
import { StatsigApiError, NotFoundError, apiError } from "./errors";
import { collectionOf } from "./paths";

/** What the gone-policy needs of a client: its base URL and a raw GET. */
export interface ProbingClient {
  /** The base URL (probes are remembered per base URL). */
  readonly baseUrl: string;
  /** A request with retries, resolving to the parsed body. */
  raw(method: string, p: string, opts: { query: Record<string, number> }): Promise<unknown>;
}

/**
 * Collections confirmed to answer, per process and base URL: a refresh that finds many deletions
 * pays for one probe. Only a success is remembered; a failed probe is asked again next time.
 */
export class CollectionProbes {
  private readonly confirmed = new Map<string, Promise<StatsigApiError | undefined>>();

  /**
   * Probes a collection with `GET <collectionPath>?limit=1`; resolves to the failure, or undefined
   * when it answered 200 with JSON (the base URL and route are right, so an entity 404 there means
   * the entity is gone).
   */
  probe(client: ProbingClient, collectionPath: string): Promise<StatsigApiError | undefined> {
    const cacheKey = `${client.baseUrl} ${collectionPath}`;
    let probe = this.confirmed.get(cacheKey);
    if (!probe) {
      probe = client.raw("GET", collectionPath, { query: { limit: 1 } }).then(
        (body) =>
          body && typeof body === "object"
            ? undefined
            : apiError({
                status: 200,
                apiMessage: "answered 200 but not with the Console API's JSON",
                method: "GET",
                path: collectionPath,
                url: client.baseUrl + collectionPath,
              }),
        (err: unknown) => {
          if (err instanceof StatsigApiError) return err;
          throw err;
        },
      );
      this.confirmed.set(cacheKey, probe);
      void probe
        .then((failed) => failed && this.confirmed.delete(cacheKey))
        .catch(() => this.confirmed.delete(cacheKey));
    }
    return probe;
  }
}

/** The probes of this process. */
const probes = new CollectionProbes();

/**
 * Whether `err` means the entity is gone, for read (drop from state) and delete (done). Returns
 * false for every error but an entity 404 (the caller rethrows it; a non-entity 404 already names
 * the full URL). Throws when the entity 404 cannot be confirmed, saying why, so nothing is dropped
 * on the strength of an answer that may have come from the wrong server.
 */
export async function isGone(
  err: unknown,
  client: ProbingClient,
  collectionPath: string = err instanceof StatsigApiError ? collectionOf(err.path) : "/",
): Promise<boolean> {
  if (!(err instanceof NotFoundError)) return false;
  const failed = await probes.probe(client, collectionPath);
  if (!failed) return true;
  throw err.withMessage(
    `${err.apiMessage}; not treated as deleted, because the collection check ` +
      `GET ${failed.url ?? collectionPath} failed too: ${failed.status ? `HTTP ${failed.status}` : "no response"}: ${failed.apiMessage}`,
  );
}
