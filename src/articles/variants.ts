/*
 * Search-word variants: a country and its demonym find each other ("Iraqi" finds Iraq, "Britain" finds
 * "British"), by a compact table for the irregular ones and two suffix rules for the regular ones.
 * Inflections (plural, -ing) are left to the FTS5 porter stemmer.
 */

/**
 * Places and the words for their people, one group per line, alternatives separated by "|". Every
 * word of a group finds every other, except a word marked "~": it finds the others but is not added
 * to a search for them, being too often something else ("Indian Ocean", "Georgian era", "a pole",
 * "Turk" as a name). Lower case; multi-word names are phrases.
 */
const GROUPS = `
afghanistan|afghan|afghans
albania|albanian
algeria|algerian
argentina|argentine|argentinian
armenia|armenian
australia|australian|aussie
austria|austrian
azerbaijan|azerbaijani|azeri
bahrain|bahraini
bangladesh|bangladeshi
belarus|belarusian
belgium|belgian
bolivia|bolivian
bosnia|bosnian
brazil|brazilian
britain|british|briton|britons|uk|united kingdom
bulgaria|bulgarian
burma|burmese|myanmar
cambodia|cambodian
canada|canadian
chile|chilean
china|chinese
colombia|colombian
croatia|croatian|croat
cuba|cuban
cyprus|cypriot
czech republic|czechia|czech
denmark|danish|~dane|~danes
egypt|egyptian
england|~english
estonia|estonian
ethiopia|ethiopian
europe|european
finland|finnish|~finn
france|french
georgia|~georgian
germany|german
greece|greek
haiti|haitian
hungary|hungarian
iceland|icelandic|icelander
india|~indian
indonesia|indonesian
iran|iranian
iraq|iraqi
ireland|irish
israel|israeli
italy|italian
japan|japanese
~jordan|jordanian
kazakhstan|kazakh
kenya|kenyan
korea|korean
kuwait|kuwaiti
lebanon|lebanese
libya|libyan
lithuania|lithuanian
malaysia|malaysian
maldives|maldivian
mexico|mexican
mongolia|mongolian
morocco|moroccan
nepal|nepalese|nepali
netherlands|dutch|holland
new zealand|new zealander
nigeria|nigerian
norway|norwegian
pakistan|pakistani
palestine|palestinian
peru|peruvian
philippines|filipino|philippine
poland|~polish|~pole|~poles
portugal|portuguese
qatar|qatari
romania|romanian
russia|russian
saudi arabia|saudi
scotland|scottish|~scot|~scots
serbia|serbian
singapore|singaporean
slovakia|slovak
somalia|somali
south africa|south african
spain|spanish|spaniard
sri lanka|sri lankan
sudan|sudanese
sweden|swedish|~swede
switzerland|swiss
syria|syrian
taiwan|taiwanese
thailand|thai
tunisia|tunisian
turkey|turkish|~turk
ukraine|ukrainian
united states|u s|usa|~america|~american
venezuela|venezuelan
vietnam|vietnamese
wales|welsh
yemen|yemeni
zimbabwe|zimbabwean
`;

/** Each word or phrase of the table -> the variants a search for it adds (its group's unmarked words). */
const TABLE: ReadonlyMap<string, readonly string[]> = (() => {
  const map = new Map<string, readonly string[]>();
  for (const line of GROUPS.split('\n')) {
    const entries = line
      .split('|')
      .map((w) => w.trim())
      .filter(Boolean);
    const added = entries.filter((w) => !w.startsWith('~'));
    for (const entry of entries) map.set(entry.replace(/^~/, ''), added);
  }
  return map;
})();

/** Longest table entry, in words: how far {@link tablePhrase} looks ahead. */
const MAX_PHRASE_WORDS = Math.max(...[...TABLE.keys()].map((k) => k.split(' ').length));

const LETTERS = /^\p{L}+$/u;

/**
 * The variants of one search word (itself first): its table group when it is there; otherwise the
 * place for a regular demonym of 5+ letters: "-i" after a consonant ("Yemeni" -> Yemen) and "-ian"/"-yan"
 * ("Nigerian" -> Nigeria). Other words stay exact (a stray variant such as "tsunam" matches nothing).
 */
export function wordVariants(word: string): string[] {
  const w = word.toLowerCase();
  const group = TABLE.get(w);
  if (group) return [w, ...group.filter((g) => g !== w)];
  if (w.length < 5 || !LETTERS.test(w)) return [w];
  if (/[^aeiou]i$/u.test(w)) return [w, w.slice(0, -1)];
  if (/[iy]an$/u.test(w)) return [w, w.slice(0, -1)];
  return [w];
}

/**
 * When the words starting at `index` form a multi-word table entry ("new zealand", "united states"),
 * its length in words and its variants; otherwise null.
 */
export function tablePhrase(
  words: readonly string[],
  index: number,
): { length: number; variants: string[] } | null {
  for (let n = Math.min(MAX_PHRASE_WORDS, words.length - index); n >= 2; n--) {
    const phrase = words.slice(index, index + n).join(' ');
    const group = TABLE.get(phrase);
    if (group) return { length: n, variants: [phrase, ...group.filter((g) => g !== phrase)] };
  }
  return null;
}
