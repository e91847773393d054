/**
 * What an entity says about itself (`EntityDefinition`): its input schema, how diff treats each
 * field, and its API calls. Everything else is generic (see `provider.ts`).
 */
import type { ConsoleClient } from "../../client";
import type { JsonSchema, ValidationIssue } from "../../spec";

/** How diff treats one input field. */
export interface FieldRule {
  /** A change replaces the resource (e.g. the name, from which the id derives). */
  replace?: boolean;
  /** Order does not matter (tags, target apps): compare sorted. */
  unordered?: boolean;
  /** Maps a value (input or output) to the form compared, e.g. strips server-assigned rule ids. */
  canonical?: (value: unknown) => unknown;
  /** Maps an output value back to an input value (for refresh's recorded inputs). */
  asInput?: (value: unknown) => unknown;
}

/** Thrown by an entity's `create` when the entity exists but a follow-up call failed. */
export class PartialCreateError extends Error {
  /** Records the id of the created entity and the failure of the follow-up call (kept as `cause`). */
  constructor(
    readonly id: string,
    cause: unknown,
  ) {
    super(cause instanceof Error ? cause.message : String(cause), { cause });
    this.name = "PartialCreateError";
  }
}

/** The entity outputs the framework relies on: the id, and the name it derives from. */
export interface EntityOutputs {
  /** The entity's id. */
  id: string;
  /** The entity's name. */
  name?: string;
}

/** What an entity must say about itself; everything else is generic. */
export interface EntityDefinition<I extends { name: string }, O extends EntityOutputs> {
  /** Lower-case noun used in messages: `gate`, `dynamic config`. */
  kind: string;
  /** Resource class name and type token suffix: `Gate`. */
  typeName: string;
  /** JSON schema of the inputs, built from the spec's component schemas. */
  inputSchema: JsonSchema;
  /** Rules beyond the schema (cross-field, uniqueness, sums); no API calls. */
  validate?(inputs: I): ValidationIssue[];
  /** Every input field diff compares, with how. */
  fields: { [K in keyof I & string]-?: FieldRule };
  /**
   * Whether a replacement must delete first. Default: when the new name derives the same id as the
   * old one (a case-only rename, or a replace-on-change field other than the name), because the
   * service refuses a second entity with that id.
   */
  deleteBeforeReplace?(olds: O, news: I): boolean;
  /** Refuses changes the service cannot make (thrown at preview, with what to do instead). */
  guardChanges?(olds: O, news: I, changed: string[]): void;
  /** Creates the entity with every call it needs; returns its id. */
  create(client: ConsoleClient, inputs: I): Promise<string>;
  /** Reads the entity; undefined when it does not exist. `managed` is what the program sets. */
  read(client: ConsoleClient, id: string, managed: Partial<I>): Promise<O | undefined>;
  /** Applies the changed fields with only the endpoints they need. */
  update(client: ConsoleClient, id: string, olds: O, news: I, changed: Set<string>): Promise<void>;
  /** Deletes the entity (a 404 is handled generically). */
  delete(client: ConsoleClient, id: string): Promise<void>;
}
