/**
 * ROUGE-N recall, written for the eval (no package): text is lower-cased and split into words of letters
 * and digits; optionally each word is reduced by a light Porter-like suffix stripper. For each reference,
 * recall is the clipped count of the candidate's n-grams found in the reference over the reference's
 * n-gram count; the score is the mean over the references.
 */

/** Strips common English inflections (plural, -ed, -ing, -ly, ...), enough to match "rescued" ~ "rescue". */
export function stem(word: string): string {
  if (word.length <= 3 || /\d/.test(word)) return word;
  const rules: [RegExp, string][] = [
    [/ies$/, 'y'],
    [/sses$/, 'ss'],
    [/([^s])s$/, '$1'],
    [/eed$/, 'ee'],
    [/([aeiou].*)(?:ed|ing)$/, '$1'],
    [/ational$/, 'ate'],
    [/(?:ness|ment|ly)$/, ''],
    [/([^aeiou].{3,})e$/, '$1'],
  ];
  let out = word;
  for (const [re, to] of rules) {
    const next = out.replace(re, to);
    if (next !== out && next.length >= 3) out = next;
  }
  return out;
}

/** Lower-case word tokens, optionally stemmed. */
export function tokens(text: string, options: { stem?: boolean } = {}): string[] {
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  return options.stem ? words.map(stem) : words;
}

function ngrams(words: readonly string[], n: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (let i = 0; i + n <= words.length; i++) {
    const gram = words.slice(i, i + n).join(' ');
    counts.set(gram, (counts.get(gram) ?? 0) + 1);
  }
  return counts;
}

/** ROUGE-N recall of `candidate` against each of `references`, averaged. */
export function rougeRecall(
  candidate: string,
  references: readonly string[],
  n: number,
  options: { stem?: boolean } = {},
): number {
  const cand = ngrams(tokens(candidate, options), n);
  const scores = references.map((reference) => {
    const ref = ngrams(tokens(reference, options), n);
    let total = 0;
    let hit = 0;
    for (const [gram, count] of ref) {
      total += count;
      hit += Math.min(count, cand.get(gram) ?? 0);
    }
    return total ? hit / total : 0;
  });
  return scores.length ? scores.reduce((a, b) => a + b, 0) / scores.length : 0;
}
