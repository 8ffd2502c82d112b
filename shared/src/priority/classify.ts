import { containsKeyword, keyword, stems, type Keyword } from "./danish-text";
import type { PriorityClass, PriorityRule, RuleSet, Vip } from "./rules";
import { t } from "../i18n/catalog";

export interface Participant {
  address: string;
  name?: string;
}

/** What classification looks at in an invitation, meeting or meeting request. */
export interface PriorityItem {
  id: string;
  subject: string;
  body?: string;
  organizer?: Participant;
  attendees?: Participant[];
  location?: string;
  categories?: string[];
  seriesMasterId?: string;
  iCalUId?: string;
  /** The secretary's pin: overrides every rule. */
  pin?: { class: PriorityClass };
}

export type ClassificationSource = "pin" | "vip" | "rule" | "default";

export interface Classification {
  class: PriorityClass;
  reason: string;
  /** The rule ("vip:<match>" for the VIP list) that decided, null for a pin or no match. */
  ruleId: string | null;
  source: ClassificationSource;
}

/** The reasons the mayor reads when no rule of the municipality's decided: the catalogue's words. */
export const PIN_REASON = t("da", "priority.source.pin");
export const DEFAULT_REASON = t("da", "priority.source.default");

/** Matches an address against "navn@kl.dk" (that address) or "kl.dk" / "@kl.dk" (the domain and its subdomains). */
export function addressMatches(address: string, pattern: string): boolean {
  const a = address.trim().toLowerCase();
  const p = pattern.trim().toLowerCase();
  if (!p.startsWith("@") && p.includes("@")) return a === p;
  const domain = p.replace(/^@/, "");
  const own = a.slice(a.lastIndexOf("@") + 1);
  return own === domain || own.endsWith(`.${domain}`);
}

interface PreparedRule {
  rule: PriorityRule;
  organisations?: { keyword: Keyword; domains: string[] }[];
  subject?: Keyword[];
  body?: Keyword[];
  location?: Keyword[];
  category?: Set<string>;
  series?: Set<string>;
}

interface PreparedItem {
  item: PriorityItem;
  subject: string[];
  body: string[];
  location: string[];
  names: string[][];
  addresses: string[];
}

const prepared = new WeakMap<RuleSet, PreparedRule[]>();

function prepareRules(ruleSet: RuleSet): PreparedRule[] {
  let rules = prepared.get(ruleSet);
  if (!rules) {
    const organisations = new Map(ruleSet.organisations.map((org) => [org.name.toLowerCase(), org]));
    rules = ruleSet.rules
      .filter((rule) => rule.enabled)
      .map((rule) => {
        const m = rule.match;
        return {
          rule,
          organisations: m.organisation?.map((name) => ({
            keyword: keyword(name),
            domains: organisations.get(name.toLowerCase())?.domains ?? [],
          })),
          subject: m.subject?.map(keyword),
          body: m.body?.map(keyword),
          location: m.location?.map(keyword),
          category: m.category && new Set(m.category.map((c) => c.trim().toLowerCase())),
          series: m.series && new Set(m.series),
        };
      });
    prepared.set(ruleSet, rules);
  }
  return rules;
}

function prepareItem(item: PriorityItem): PreparedItem {
  const people = [...(item.organizer ? [item.organizer] : []), ...(item.attendees ?? [])];
  return {
    item,
    subject: stems(item.subject),
    body: stems(item.body ?? ""),
    location: stems(item.location ?? ""),
    names: people.map((person) => stems(person.name ?? "")),
    addresses: people.map((person) => person.address),
  };
}

const anyKeyword = (textStems: string[], keywords: Keyword[]) =>
  keywords.some((kw) => containsKeyword(textStems, kw));

function ruleMatches(p: PreparedRule, it: PreparedItem): boolean {
  const m = p.rule.match;
  const { item } = it;
  if (
    m.organizer?.length &&
    !(item.organizer && m.organizer.some((pat) => addressMatches(item.organizer!.address, pat)))
  ) {
    return false;
  }
  if (
    m.attendee?.length &&
    !(item.attendees ?? []).some((a) => m.attendee!.some((pat) => addressMatches(a.address, pat)))
  ) {
    return false;
  }
  if (
    p.organisations?.length &&
    !p.organisations.some(
      (org) =>
        it.addresses.some((address) => org.domains.some((domain) => addressMatches(address, domain))) ||
        containsKeyword(it.subject, org.keyword) ||
        it.names.some((name) => containsKeyword(name, org.keyword)),
    )
  ) {
    return false;
  }
  if (p.subject?.length && !anyKeyword(it.subject, p.subject)) return false;
  if (p.body?.length && !anyKeyword(it.body, p.body)) return false;
  if (p.location?.length && !anyKeyword(it.location, p.location)) return false;
  if (p.category?.size && !(item.categories ?? []).some((c) => p.category!.has(c.trim().toLowerCase())))
    return false;
  if (
    p.series?.size &&
    !(item.seriesMasterId && p.series.has(item.seriesMasterId)) &&
    !(item.iCalUId && p.series.has(item.iCalUId))
  ) {
    return false;
  }
  return true;
}

function bestVip(vips: Vip[], addresses: string[]): Vip | undefined {
  let best: Vip | undefined;
  for (const vip of vips) {
    if ((!best || vip.class < best.class) && addresses.some((address) => addressMatches(address, vip.match)))
      best = vip;
  }
  return best;
}

/**
 * The priority class of an item and why. The secretary's pin wins; otherwise the more
 * important of the best VIP among the participants and the first matching rule (a VIP on
 * a tie, being the more specific); otherwise the rule set's default class.
 */
export function classify(item: PriorityItem, ruleSet: RuleSet): Classification {
  if (item.pin) return { class: item.pin.class, reason: PIN_REASON, ruleId: null, source: "pin" };
  const it = prepareItem(item);
  const vip = bestVip(ruleSet.vips, it.addresses);
  const rule = prepareRules(ruleSet).find((p) => ruleMatches(p, it))?.rule;
  if (vip && (!rule || vip.class <= rule.class)) {
    return { class: vip.class, reason: vip.label, ruleId: `vip:${vip.match}`, source: "vip" };
  }
  if (rule) return { class: rule.class, reason: rule.reason, ruleId: rule.id, source: "rule" };
  return { class: ruleSet.defaultClass, reason: DEFAULT_REASON, ruleId: null, source: "default" };
}
