/**
 * `/segments`: CRUD (the seed's `PATCH` with the create body) and the published API's id lists.
 */
import type { ConsoleClient } from "./consoleClient";
import type { IdList, Segment, SegmentCreate, SegmentUpdate } from "./extras";
import { APIResource, Collection } from "./resource";
import { sharedGet } from "./commandCache";

/** The ids of an id-list segment (published API; the service takes at most 1000 ids per call). */
export class SegmentIdList extends APIResource {
  /** The segment's ids (`GET /segments/{id}/id_list`; shared by one CLI command's processes, see commandCache.ts). */
  get(id: string): Promise<Partial<IdList>> {
    return sharedGet<Partial<IdList>>(this.client, this.item(id, "id_list"));
  }
  /** Replaces the ids (`POST /segments/{id}/id_list/reset`). */
  async reset(id: string, ids: string[]): Promise<void> {
    await this.client.post(this.item(id, "id_list", "reset"), { ids });
  }
  /** Adds ids (`PATCH /segments/{id}/add_ids`). */
  async add(id: string, ids: string[]): Promise<void> {
    await this.client.patch(this.item(id, "add_ids"), { ids });
  }
  /** Removes ids (`PATCH /segments/{id}/remove_ids`). */
  async remove(id: string, ids: string[]): Promise<void> {
    await this.client.patch(this.item(id, "remove_ids"), { ids });
  }
}

/** Segments. */
export class Segments extends Collection<Segment, SegmentCreate, SegmentUpdate> {
  /** `/segments/{id}/id_list` and the add/remove endpoints. */
  readonly ids: SegmentIdList;

  /** Binds the module to a client. */
  constructor(client: ConsoleClient) {
    super(client, "/segments");
    this.ids = new SegmentIdList(client, this.collection);
  }
}
