import { stemmer } from "@orama/stemmers/danish";

/**
 * Danish keyword matching that forgives case, inflection and the ae/oe/aa spellings of
 * æ/ø/å: "Byrådsmødets" and "byraadsmoedet" both match the keyword "byrådsmøde".
 */

// Words are stemmed first (the stemmer knows æ/ø/å), then folded, so both spellings meet.
const fold = (stem: string) => stem.replace(/æ/g, "ae").replace(/ø/g, "oe").replace(/å/g, "aa");

/** Compound words carry their keyword at the front: "byråd" matches "byrådsmødet", "KL" matches only "KL". */
const MIN_PREFIX = 4;

export function words(text: string): string[] {
  return text
    .normalize("NFC")
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 0);
}

export function stems(text: string): string[] {
  return words(text).map((word) => fold(stemmer(word)));
}

/** A keyword prepared once, matched against many texts. */
export interface Keyword {
  text: string;
  stems: string[];
}

export function keyword(text: string): Keyword {
  return { text, stems: stems(text) };
}

function stemMatches(textStem: string, keywordStem: string): boolean {
  return textStem === keywordStem || (keywordStem.length >= MIN_PREFIX && textStem.startsWith(keywordStem));
}

/** True if the keyword's words occur, in order and next to each other, in the text's stems. */
export function containsKeyword(textStems: readonly string[], kw: Keyword): boolean {
  const n = kw.stems.length;
  if (n === 0) return false;
  for (let i = 0; i + n <= textStems.length; i += 1) {
    let all = true;
    for (let j = 0; j < n && all; j += 1)
      all = stemMatches(textStems[i + j] as string, kw.stems[j] as string);
    if (all) return true;
  }
  return false;
}

export function matchesKeyword(text: string, keywordText: string): boolean {
  return containsKeyword(stems(text), keyword(keywordText));
}
