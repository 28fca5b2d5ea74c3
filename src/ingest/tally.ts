/** How one imported item (a file, a JSON entry, a page, a feed item) ended. */
export type ImportStatus = 'added' | 'updated' | 'unchanged' | 'failed' | 'skipped';

/** Counts of an import run by outcome: the one tally of file import, the `ingest` CLI and the samples. */
export type ImportTally = Record<ImportStatus, number>;

/** A tally with nothing counted. */
export function emptyTally(): ImportTally {
  return { added: 0, updated: 0, unchanged: 0, failed: 0, skipped: 0 };
}

/** Counts each result's status into `tally` (a new one by default) and returns the tally. */
export function tallyResults(
  results: Iterable<{ status: ImportStatus }>,
  tally: ImportTally = emptyTally(),
): ImportTally {
  for (const r of results) tally[r.status] += 1;
  return tally;
}
