/**
 * No create is lost: the create path's follow-ups and its recovery.
 *
 * - `createEntity` runs the entity's create, then its `afterCreate` follow-ups; once the entity
 *   exists, a failure is a `PartialCreateError`, for every kind alike.
 * - `CreateRecovery` turns what can go wrong after (or instead of) a create into the right end:
 *   an entity that exists although its create failed is recorded as a partially created resource
 *   (Pulumi's "init failed" error, `ResourceInitError`, carrying `__provider`); an ambiguous create
 *   the service applied, or one left by an interrupted run (`../inflight.ts`), is found and
 *   converged; with `adopt: true` an existing entity is taken over (see `../adopt.ts`) through the
 *   same convergence; without it, an existing entity fails naming it and saying how to adopt it.
 */
import { ConsoleClient, StatsigApiError } from "../../client";
import { BadRequestError, ClientError, RefusedError } from "../../client/errors";
import { idFromName } from "../../spec";
import { alreadyExistsMessage } from "../adopt";
import { clearCreate } from "../inflight";
import { EntityDefinition, EntityOutputs, PartialCreateError } from "./definition";
import { changedFields } from "./diff";
import { withManaged } from "./managed";
import { ResourceInitError } from "./protocol";
import { withOperation } from "./operation";

/** Creates the entity, then runs its follow-ups; a follow-up's failure is a `PartialCreateError`. */
export async function createEntity<I extends { name: string }, O extends EntityOutputs>(
  def: EntityDefinition<I, O>,
  c: ConsoleClient,
  inputs: I,
): Promise<string> {
  const made = await def.create(c, inputs);
  const { id, created } = typeof made === "string" ? { id: made, created: undefined } : made;
  if (def.afterCreate) {
    try {
      await def.afterCreate(c, id, inputs, created);
    } catch (err) {
      throw new PartialCreateError(id, err);
    }
  }
  return id;
}

/** What recovery needs of the provider it serves. */
export interface RecoveryHelpers<I, O> {
  /** `gate "x"`. */
  label(name: unknown): string;
  /** The keys the outputs record as managed, for the raw inputs. */
  recordedKeys(raw: Record<string, unknown>): string[];
  /** Reads the entity back after a write (it must exist). */
  readBack(id: string, managed: Partial<I>, name: unknown): Promise<O>;
  /** Runs the entity's refusals of a change. */
  guard(olds: O, news: I, changed: string[]): void;
}

/** What a failed create knows of the entity under the derived id (read once, however often asked). */
type Found<O> = { entity?: O; unreadable?: true };

/** The create-recovery path of one entity's provider. */
export class CreateRecovery<I extends { name: string }, O extends EntityOutputs> {
  /** Recovery for `def`'s entities through `client`. */
  constructor(
    private readonly def: EntityDefinition<I, O>,
    private readonly client: () => ConsoleClient,
    private readonly h: RecoveryHelpers<I, O>,
  ) {}

  /**
   * With `adopt: true` (see ../adopt.ts): an existing entity under the derived id is taken over
   * (only differing fields written), not created; undefined when there is none.
   */
  async adopt(raw: Record<string, unknown>, inputs: I, derivedId: string) {
    const { def, h } = this;
    const existing = await withOperation(`read ${h.label(inputs.name)}`, () =>
      def.read(this.client(), derivedId, inputs),
    );
    if (!existing) return undefined;
    const { changed } = changedFields(def, existing, inputs);
    // A change the service refuses (a running experiment's groups...) fails before the takeover.
    if (changed.length) h.guard(existing, inputs, changed);
    return this.convergeExisting(derivedId, existing, raw, inputs, changed);
  }

  /**
   * After the create failed: the entity recorded if it exists all the same (see `recoverExisting`),
   * else the error to throw, saying so when the entity exists and `adopt` was not asked for. The
   * record of the create (inflight.ts) is cleared after a definite refusal that created nothing.
   */
  async afterFailedCreate(
    err: unknown,
    raw: Record<string, unknown>,
    inputs: I,
    at: { baseUrl: string; leftoverSince: number | undefined; adopt: boolean },
  ) {
    const { def } = this;
    const derivedId = idFromName(inputs.name);
    // The entity exists but a follow-up call failed: recorded, the next `up` finishes it with
    // an update instead of creating a duplicate the service would reject.
    if (err instanceof PartialCreateError) throw await this.initFailure(err.id, raw, inputs, err.cause);
    const existing = this.lookUp(derivedId, inputs);
    const recovered = await this.recoverExisting(err, raw, inputs, at.leftoverSince, existing);
    if (recovered) return recovered;
    // A definite refusal created nothing; after an ambiguous failure, or when the entity could
    // not be read to tell whether it is ours, the record stays.
    if (err instanceof ClientError && !err.ambiguousRetry) {
      // recoverExisting has read the entity for a refusal with a record (no second request).
      const asked = at.leftoverSince !== undefined && err instanceof RefusedError;
      if (!(asked && (await existing()).unreadable)) clearCreate(at.baseUrl, def.typeName, derivedId);
    }
    if (!at.adopt) {
      const exists = await this.alreadyExists(err, inputs, existing);
      if (exists) throw exists;
    }
    throw err;
  }

  /**
   * After a failed create: the entity under the derived id, read once however many questions ask
   * about it (`entity` absent: no such entity; `unreadable`: the read failed, so nobody can tell).
   */
  private lookUp(id: string, inputs: I) {
    let found: Promise<Found<O>> | undefined;
    return (): Promise<Found<O>> =>
      (found ??= this.def.read(this.client(), id, inputs).then(
        (entity): Found<O> => ({ entity: entity ?? undefined }),
        (): Found<O> => ({ unreadable: true }),
      ));
  }

  /**
   * Whether a failed create's entity may exist all the same, and if it does and is ours, converges
   * it to the inputs and returns it (so it is recorded, never orphaned). Ours means: the entity
   * under the derived id carries exactly our name, and either this create's POST failed
   * ambiguously (5xx, reset, timeout: the server may have applied it; then its retry hears
   * "already exists", or every attempt failed), or a create of this very entity was started on
   * this machine and no run since has seen it in state (an interrupted run: see inflight.ts for
   * why that is safe). An unreadable entity is not taken: the record stays, so the next `up` asks
   * again.
   */
  private async recoverExisting(
    err: unknown,
    raw: Record<string, unknown>,
    inputs: I,
    leftoverSince: number | undefined,
    existing: () => Promise<Found<O>>,
  ) {
    if (!(err instanceof StatsigApiError) || !err.fromPost) return undefined;
    const ambiguous = err.mayHaveApplied;
    const refused = err instanceof RefusedError;
    if (!ambiguous && !(refused && leftoverSince !== undefined)) return undefined;
    const { entity } = await existing();
    if (!entity || entity.name !== inputs.name) return undefined;
    // An entity older than our interrupted create is someone else's (10 minutes of clock skew allowed).
    const created = (entity as { createdTime?: unknown }).createdTime;
    if (!ambiguous && typeof created === "number" && created < leftoverSince! - 10 * 60_000) return undefined;
    return this.convergeExisting(idFromName(inputs.name), entity, raw, inputs);
  }

  /** A refused POST for an entity whose id exists, without `adopt`: say so, and how to adopt it. */
  private async alreadyExists(err: unknown, inputs: I, existing: () => Promise<Found<O>>): Promise<Error | undefined> {
    if (!(err instanceof BadRequestError) || !err.fromPost) return undefined;
    const { entity } = await existing();
    const id = idFromName(inputs.name);
    return entity ? new Error(alreadyExistsMessage(this.def.kind, inputs.name, id, err.message)) : undefined;
  }

  /**
   * Brings an existing entity to the inputs with the update path and returns it as created. Once
   * the entity exists, any failure is thrown as an init failure, so it is recorded.
   */
  private async convergeExisting(
    id: string,
    existing: O,
    raw: Record<string, unknown>,
    inputs: I,
    changed = changedFields(this.def, existing, inputs).changed,
  ) {
    const { def, h } = this;
    try {
      // Nothing to write: `existing` was just read with these inputs, which is what a read-back is.
      if (!changed.length) return { id, outs: withManaged(existing, h.recordedKeys(raw)) };
      await withOperation(`create ${h.label(inputs.name)}`, () =>
        def.update(this.client(), id, existing, inputs, new Set(changed)),
      );
      return { id, outs: withManaged(await h.readBack(id, inputs, inputs.name), h.recordedKeys(raw)) };
    } catch (err) {
      throw await this.initFailure(id, raw, inputs, err);
    }
  }

  /**
   * The init-failed error that records an entity which exists although its create failed (a
   * follow-up call, the read-back, a convergence): the next `up` updates it, `destroy` deletes it.
   * The recorded properties carry `__provider`, without which refresh and delete cannot run at all
   * ("code must be a string").
   */
  async initFailure(id: string, raw: Record<string, unknown>, inputs: I, cause: unknown) {
    const named =
      cause instanceof StatsigApiError && !cause.operation
        ? cause.withOperation(`create ${this.h.label(inputs.name)}`)
        : cause;
    let properties: object = { ...inputs, id };
    try {
      properties = { ...((await this.def.read(this.client(), id, inputs)) ?? properties) };
    } catch {
      // Keep the inputs as the best record; the next refresh or `up` corrects them.
    }
    const recordedProperties = withManaged(properties, this.h.recordedKeys(raw));
    return new ResourceInitError(id, { ...recordedProperties, __provider: raw.__provider }, named);
  }
}
