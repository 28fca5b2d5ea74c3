/**
 * Small stopword lists (English plus a few common European languages), lower-case, accents kept.
 * Words that are also meaningful English news words ("war", "son", "un" = UN, "us" = US, "who" =
 * WHO, "may", "van", "hat", "die", "met", "mit", "sind", "al") are deliberately left out.
 */
const FUNCTION_WORDS: Record<string, string> = {
  en: `a an the and or but nor if then than so of in on at to for from by with without about into onto
    under before between through during against among as is are was were be been being am do does did
    has have had having it its this that these those there here he she they them his her their our we
    you your i me my mine whom whose which what when where why how all any both each few more most other
    some such no not only own same too very can could will would shall should might must just also again
    further once s t`,
  fr: `le la les une des du de d l et ou mais au aux en dans par pour sur avec sans sous ce cet cette ces
    qui que quoi dont où est sont été être ont il elle ils elles se sa ses leur leurs ne pas`,
  de: `der das den dem des ein eine einen einem einer und oder aber im am auf aus bei nach von vor zu zum
    zur für über unter ist wird werden haben nicht auch sich er sie wir`,
  es: `el los las una unos unas y o pero del en por para sobre entre es fue ser ha han se su sus que lo`,
  it: `il lo gli le una e o ma di da della tra fra è sono non che`,
  pt: `os as um uma ou mas do da dos das em na nos nas com sem é são foi não`,
  nl: `het een en maar op aan voor bij naar zijn niet dat`,
};

/** Extra words that are poor autocomplete topics in headlines ("says", "new", "over" ...). */
const HEADLINE_FILLERS = `says said say tells told new amid via vs per over after up down out off
  into more than first last one two three report reports update updates live latest news how why what`;

function words(list: string): string[] {
  return list.split(/\s+/).filter(Boolean);
}

/** Function words dropped from search queries (unless a query has nothing else). */
export const STOPWORDS: ReadonlySet<string> = new Set(Object.values(FUNCTION_WORDS).flatMap(words));

/** Stopwords plus headline fillers: words never offered as autocomplete terms. */
export const TITLE_STOPWORDS: ReadonlySet<string> = new Set([...STOPWORDS, ...words(HEADLINE_FILLERS)]);

/** Whether a lower-cased word is a stopword for search queries. */
export function isStopword(word: string): boolean {
  return STOPWORDS.has(word);
}
