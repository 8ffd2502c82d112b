import { stems } from "../priority/danish-text";

/** An earlier inquiry that already has its case number. */
export interface FiledInquiry {
  fromAddress: string;
  subject: string;
  caseNumber: string;
  receivedAt: string;
}

export interface CaseNumberSuggestion {
  caseNumber: string;
  /** Why: the same sender wrote in that case before, or the subjects share words. */
  reason: "sameSender" | "sameWords";
  /** The words the subjects share (for sameWords), as the earlier subject spells them. */
  words: string[];
}

/** Short and common words say nothing about which case a mail belongs to. */
const STOP_WORDS = new Set(
  stems(
    "angående bede borgmester borgmesteren dear der det din dit du efter eller en et for fra har hej hvad hvem hvor hvordan ikke jeg kære med mig mit mod når og om på re sv fw vs spørgsmål til tak vedr vedrørende vi vil",
  ),
);

const meaningful = (subject: string) =>
  stems(subject).filter((stem) => stem.length >= 4 && !STOP_WORDS.has(stem));

/** Compounds and inflections the stemmer leaves apart ("byggeplads", "byggepladsen") share their head. */
const MIN_SHARED = 5;
const sameWord = (a: string, b: string) =>
  a === b || (Math.min(a.length, b.length) >= MIN_SHARED && (a.startsWith(b) || b.startsWith(a)));

/**
 * Case numbers worth offering for a new inquiry: first those its sender wrote in before (the
 * newest first), then those whose subjects share the most meaningful words with it. Each
 * case number is offered once, at most `limit` in all.
 */
export function suggestCaseNumbers(
  inquiry: { fromAddress: string; subject: string },
  earlier: readonly FiledInquiry[],
  limit = 3,
): CaseNumberSuggestion[] {
  const newestFirst = [...earlier].sort((a, b) => b.receivedAt.localeCompare(a.receivedAt));
  const sender = inquiry.fromAddress.toLowerCase();
  const suggestions: CaseNumberSuggestion[] = [];
  const offered = new Set<string>();
  const offer = (suggestion: CaseNumberSuggestion) => {
    if (offered.has(suggestion.caseNumber) || suggestions.length >= limit) return;
    offered.add(suggestion.caseNumber);
    suggestions.push(suggestion);
  };

  for (const filed of newestFirst) {
    if (filed.fromAddress.toLowerCase() === sender)
      offer({ caseNumber: filed.caseNumber, reason: "sameSender", words: [] });
  }

  const own = meaningful(inquiry.subject);
  const shared = newestFirst
    .map((filed) => {
      const words = filed.subject.split(/\s+/).filter((word) => {
        const [stem] = stems(word);
        return stem !== undefined && !STOP_WORDS.has(stem) && own.some((mine) => sameWord(mine, stem));
      });
      return { filed, words };
    })
    .filter(({ words }) => words.length > 0)
    .sort((a, b) => b.words.length - a.words.length);
  for (const { filed, words } of shared)
    offer({
      caseNumber: filed.caseNumber,
      reason: "sameWords",
      words: words.map((w) => w.replace(/[^\p{L}\p{N}-]/gu, "")),
    });
  return suggestions;
}
