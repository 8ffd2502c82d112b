/**
 * Words a Danish text may share with the English one: Danish words spelt as English ones,
 * names, and the IT terms Danish IT staff use as they are. Every other word of a Danish
 * message that is also a word of the English catalogue is English left untranslated.
 * The terms themselves, and the words not to use for them, are in ./glossary.md.
 */
// prettier-ignore
export const SHARED_WORDS: ReadonlySet<string> = new Set([
  // Danish words spelt as English ones.
  "at", "for", "over", "under", "start", "send", "find", "plan", "status", "version", "normal",
  "form", "format", "have", "note", "organisation", "invitation", "mail", "min", "til", "ok",
  "book", "reception", "journal", "sender",
  // English words that Danish ones begin with ("journalise" in "journaliseret").
  "journalise", "journalised", "journalising",
  // Danish words that begin as English ones do (loans with Danish endings).
  "serveres", "materiale", "vegansk", "veganer", "videomøde", "validere", "validerede",
  "internettet", "browseren", "bookingen", "administratorsamtykke", "systemd-enheden",
  // Danish names that the English texts quote (commands that create Danish-named groups).
  "postkasser", "modeklar-postkasser", "rådhuset", "mødelokaler",
  // Names and abbreviations: products, standards and organisations.
  "mødeklar", "outlook", "microsoft", "graph", "exchange", "online", "powershell", "postgresql",
  "pglite", "ean", "kle", "ics", "vip", "kl", "dk", "dns", "https", "tls", "url", "id", "app",
  "docs", "pilot", "md", "env", "example", "pg", "hba", "conf", "mm", "halal",
  // IT terms Danish IT staff use as they are (the preflight's texts for the municipality's IT).
  "token", "proxy", "reverse", "firewall", "upload", "advisory", "lock", "port", "database",
  "tenant", "client", "secret", "certificate", "path", "authority", "host", "identity", "denied",
  "name", "alias", "type", "security", "members", "member", "description", "mailboxes", "all",
  "read", "true", "place", "timedatectl", "set-ntp",
]);

/** The words of a message, lower case, without its {placeholders} and without code (commands, settings, paths). */
function wordsOf(text: string): string[] {
  return text
    .replace(/\{\w+\}/g, " ")
    .split(/\s+/)
    .filter((token) => !/[_/=\d]|\p{Ll}\p{Lu}|\p{Lu}{2,}\p{Ll}|\.\p{L}|^-/u.test(token))
    .flatMap((token) => token.toLowerCase().match(/\p{L}[\p{L}'’-]*/gu) ?? []);
}

/**
 * The words of the Danish messages that are English: "key: word" for each word that the
 * English catalogue uses too and that is not one of the words both languages share.
 */
export function untranslatedWords(
  da: Readonly<Record<string, string>>,
  en: Readonly<Record<string, string>>,
  shared: ReadonlySet<string> = SHARED_WORDS,
): string[] {
  const english = new Set(Object.values(en).flatMap(wordsOf));
  // Also the start of a Danish compound ("briefingnoten"): English words of five letters or more.
  const stems = [...english].filter((word) => word.length >= 5 && !shared.has(word));
  const isEnglish = (word: string) =>
    !shared.has(word) && (english.has(word) || stems.some((stem) => word.startsWith(stem)));
  return Object.entries(da).flatMap(([key, text]) =>
    wordsOf(text)
      .filter(isEnglish)
      .map((word) => `${key}: ${word}`),
  );
}

/** The glossary's (glossary.md) "words not to use" column: lower case, one entry per word. */
export function wordsNotToUse(glossaryMarkdown: string): string[] {
  return glossaryMarkdown
    .split("\n")
    .filter((line) => line.startsWith("|") && !line.startsWith("| Danish term") && !line.startsWith("| ---"))
    .flatMap((line) => (line.split("|").at(-2) ?? "").split(","))
    .map((word) => word.trim().toLowerCase())
    .filter(Boolean);
}

/** "key: word" for each Danish message that uses a word the glossary says not to use (or one beginning with it). */
export function avoidedWords(da: Readonly<Record<string, string>>, avoid: string[]): string[] {
  return Object.entries(da).flatMap(([key, text]) =>
    (text.toLowerCase().match(/\p{L}[\p{L}'’-]*/gu) ?? [])
      .filter((word) => avoid.some((a) => word === a || (a.length >= 5 && word.startsWith(a))))
      .map((word) => `${key}: ${word}`),
  );
}
