/**
 * `/<collection>/{id}/overrides` of the published API, for experiments, layers and holdouts: `GET`
 * reads them, `POST` replaces them ("Update ... Overrides"), the only two calls the provider makes
 * (the published `PATCH`, which adds to them, and `DELETE` are not needed: a change replaces them
 * whole). (Gates keep the seed's `PUT`, see gates.ts.)
 */
import { APIResource } from "./resource";

/** The overrides sub-resource of one collection; `O` is its published body. */
export class OverridesApi<O> extends APIResource {
  /** The entity's overrides. */
  get(id: string): Promise<O> {
    return this.client.get<O>(this.item(id, "overrides"));
  }
  /** Replaces the entity's overrides (`POST`); resolves to them as stored. */
  set(id: string, overrides: O): Promise<O> {
    return this.client.post<O>(this.item(id, "overrides"), overrides);
  }
}
