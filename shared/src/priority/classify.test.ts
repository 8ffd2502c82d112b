import { describe, expect, it } from "vitest";
import { addressMatches, classify, type PriorityItem } from "./classify";
import { defaultRuleSet } from "./default-rules";
import { RuleSetSchema } from "./rules";

const rules = defaultRuleSet();
const mayor = { address: "borgmester@fjordby.dk", name: "Birgitte Holm Sørensen" };
const invite = (
  subject: string,
  organizer: string,
  organizerName = "",
  extra: Partial<PriorityItem> = {},
): PriorityItem => ({
  id: subject,
  subject,
  organizer: { address: organizer, name: organizerName },
  attendees: [mayor],
  ...extra,
});

describe("classifying the mayor's invitations with the default rules", () => {
  const seededWeek: [PriorityItem, number, string][] = [
    [invite("Byrådsmøde", "byraadssekretariatet@fjordby.dk"), 1, "byrådsmøde"],
    [invite("Økonomiudvalgsmøde", "byraadssekretariatet@fjordby.dk"), 1, "økonomiudvalget"],
    [invite("Direktionsmøde", "kommunaldirektoer@fjordby.dk"), 1, "direktionen"],
    [
      invite("Ministermøde om kommunernes økonomi", "minister@fm.dk", "Finansministerens kontor"),
      1,
      "afsender fra et ministerium",
    ],
    [
      invite("Besøg af transportministeren", "sekretaer@fjordby.dk", "", {
        attendees: [mayor, { address: "minister@trm.dk", name: "Transportministeren" }],
      }),
      1,
      "afsender fra et ministerium",
    ],
    [
      invite("KL: Temamøde om folkeskolens økonomi", "udvalg@kl.dk", "KL's Børne- og Undervisningsudvalg"),
      2,
      "KL",
    ],
    [
      invite("Regionalt vækstforum – dialogmøde", "vaekstforum@regionsjaelland.dk"),
      2,
      "partner: Region Sjælland",
    ],
    [
      invite("Erhvervsrådets morgenmøde", "formand@fjordby-erhvervsraad.dk"),
      2,
      "lokal partner: Fjordby Erhvervsråd",
    ],
    [
      invite("Møde med DI om erhvervsklimaet", "sekretariat@di.dk"),
      2,
      "erhvervsorganisation: Dansk Industri",
    ],
    [
      invite("Landsbyrådets årsmøde", "landsbyraad@noerreby.dk", "Nørreby Landsbyråd"),
      3,
      "standardprioritet, da ingen regel passer",
    ],
    [
      invite("Indvielse af den nye skolegård", "skoleleder@fjordby-skole.dk"),
      3,
      "standardprioritet, da ingen regel passer",
    ],
  ];

  it.each(seededWeek.map(([item, c, r]) => [item.subject, c, r, item] as const))(
    "“%s” is class %i because of %s",
    (_subject, expectedClass, reason, item) => {
      const result = classify(item, rules);
      expect(result.class).toBe(expectedClass);
      expect(result.reason).toBe(reason);
    },
  );

  it("the secretary's pin overrides every rule", () => {
    const result = classify(invite("Byrådsmøde", "x@fjordby.dk", "", { pin: { class: 3 } }), rules);
    expect(result).toEqual({ class: 3, reason: "låst af sekretariatet", ruleId: null, source: "pin" });
  });

  it("a council meeting with a minister present stays class 1 for the council rule's sake or the VIP's", () => {
    const item = invite("Byrådsmøde", "byraadssekretariatet@fjordby.dk", "", {
      attendees: [mayor, { address: "minister@fm.dk" }],
    });
    expect(classify(item, rules).class).toBe(1);
  });

  it("a more important VIP beats a less important rule", () => {
    const item = invite("KL's topmøde", "topmoede@kl.dk", "", {
      attendees: [{ address: "minister@stm.dk" }],
    });
    expect(classify(item, rules)).toMatchObject({
      class: 1,
      reason: "afsender fra Statsministeriet",
      source: "vip",
    });
  });
});

describe("each kind of condition", () => {
  const only = (match: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
    RuleSetSchema.parse({ rules: [{ id: "r", class: 1, reason: "hit", match, ...extra }] });
  const base: PriorityItem = {
    id: "1",
    subject: "Møde om budgettet",
    body: "Vi skal drøfte anlægsbudgettet og Kulturhusets ombygning.",
    organizer: { address: "anne@partner.dk", name: "Anne Lund" },
    attendees: [mayor, { address: "ole@sub.kommune.dk", name: "Ole Berg" }],
    location: "Byrådssalen, Rådhuset",
    categories: ["Borgermøde"],
    seriesMasterId: "AAMkSeries1",
    iCalUId: "040000008200E00074C5B7101A82E008",
  };

  it.each([
    ["organizer address", { organizer: ["anne@partner.dk"] }, { organizer: ["bo@partner.dk"] }],
    ["organizer domain", { organizer: ["partner.dk"] }, { organizer: ["other.dk"] }],
    ["attendee subdomain", { attendee: ["@kommune.dk"] }, { attendee: ["sub2.kommune.dk"] }],
    ["subject keyword", { subject: ["budget"] }, { subject: ["regnskab"] }],
    ["body keyword", { body: ["kulturhus"] }, { body: ["svømmehal"] }],
    ["location", { location: ["byrådssal"] }, { location: ["mødelokale 2"] }],
    ["existing category", { category: ["borgermøde"] }, { category: ["Privat"] }],
    ["series master", { series: ["AAMkSeries1"] }, { series: ["AAMkSeries2"] }],
    ["series iCalUId", { series: ["040000008200E00074C5B7101A82E008"] }, { series: ["X"] }],
  ])("a rule on %s matches only what it names", (_kind, hit, miss) => {
    expect(classify(base, only(hit)).reason).toBe("hit");
    expect(classify(base, only(miss)).reason).toBe("standardprioritet, da ingen regel passer");
  });

  it("all conditions of one rule must hold", () => {
    expect(classify(base, only({ subject: ["budget"], organizer: ["other.dk"] })).source).toBe("default");
  });

  it("the first matching rule decides", () => {
    const set = RuleSetSchema.parse({
      rules: [
        { id: "a", class: 2, reason: "first", match: { subject: ["budget"] } },
        { id: "b", class: 1, reason: "second", match: { subject: ["budget"] } },
      ],
    });
    expect(classify(base, set)).toMatchObject({ reason: "first", ruleId: "a" });
  });

  it("a disabled rule does not count", () => {
    expect(classify(base, only({ subject: ["budget"] }, { enabled: false })).source).toBe("default");
  });
});

describe("address patterns", () => {
  it.each([
    ["anne@kl.dk", "kl.dk", true],
    ["anne@kl.dk", "@kl.dk", true],
    ["anne@udvalg.kl.dk", "kl.dk", true],
    ["anne@skl.dk", "kl.dk", false],
    ["Anne@KL.dk", "anne@kl.dk", true],
    ["bo@kl.dk", "anne@kl.dk", false],
  ])("%s matches %s: %s", (address, pattern, expected) => {
    expect(addressMatches(address, pattern)).toBe(expected);
  });
});
