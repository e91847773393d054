/**
 * What applications see when an entity disappears (issue 17, item 1). Pulumi's preview knows fields,
 * not what a replace or delete does to the code that evaluates them, so the provider says it, in
 * Statsig's terms: the SDKs' documented behaviour for an id the project no longer has.
 *
 * - A gate check of an unknown gate returns `false` (Statsig docs, "Feature Gates": an unknown or
 *   deleted gate evaluates to false).
 * - A dynamic config, experiment or layer that does not exist evaluates to an empty config: the
 *   caller's default values (`get(key, default)`) are what code gets.
 * - An experiment that is deleted stops assigning users and collecting exposures.
 * - A `passes_segment` condition on a segment that no longer exists fails (and `fails_segment`
 *   passes): the segment holds nobody.
 */

/** The id that disappears and what evaluation returns afterwards, for a kind that has a consequence. */
export function afterDeletion(kind: string, id: string, olds: { status?: unknown } = {}): string | undefined {
  const q = JSON.stringify(id);
  switch (kind) {
    case "gate":
      return `every check of gate ${q} in running code returns false from then on`;
    case "dynamic config":
      return `every read of dynamic config ${q} returns the caller's default values from then on`;
    case "experiment":
      return olds.status === "active"
        ? `the active experiment ${q} stops assigning users and collecting data, and every read of it returns the caller's default values`
        : `every read of experiment ${q} returns the caller's default values from then on`;
    case "segment":
      return `conditions that refer to segment ${q} (passes_segment, fails_segment) treat it as empty: passes_segment fails`;
    case "layer":
      return `every read of layer ${q} returns the caller's default values from then on`;
    default:
      return undefined;
  }
}

/**
 * The preview warning of a replace (the engine creates the new entity, then deletes the old one,
 * or the reverse when both have the same id): names the id that disappears and what evaluation
 * returns afterwards; a new name is called a rename.
 */
export function replaceWarning(
  kind: string,
  oldId: string,
  olds: { name?: unknown; status?: unknown },
  newName: unknown,
  newId: string | undefined,
  deleteFirst: boolean,
): string | undefined {
  const consequence = afterDeletion(kind, oldId, olds);
  const label = `${kind} ${JSON.stringify(String(olds.name ?? oldId))}`;
  if (deleteFirst) {
    // Same id: it is gone only between the delete and the create.
    return (
      `${label} is replaced by deleting it first: it does not exist in Statsig until ` +
      `${JSON.stringify(newName)} is created, and anything that refers to it meanwhile finds nothing` +
      (consequence ? `; meanwhile ${consequence.replace(/ from then on$/, "")}` : "")
    );
  }
  if (!consequence) return undefined;
  if (newId !== undefined && newId !== oldId)
    return (
      `${label} is renamed to ${JSON.stringify(newName)}: a rename replaces it, so id ${JSON.stringify(oldId)} ` +
      `is deleted once ${JSON.stringify(newId)} exists; ${consequence}. Move code that uses ` +
      `${JSON.stringify(oldId)} to ${JSON.stringify(newId)} first`
    );
  return `${label} is replaced: id ${JSON.stringify(oldId)} is deleted once its replacement exists; ${consequence}`;
}
