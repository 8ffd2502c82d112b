import { doctorDa } from "./doctor-da";

/** Danish, the product's first language: every user-visible text of the domain. */
export const da = {
  ...doctorDa,
  "step.room": "Lokale",
  "step.catering": "Forplejning",
  "step.reception": "Modtagelse af gæster",
  "step.material": "Mødemateriale",
  "step.journal": "Journalisering",
  "step.briefing": "Notat til borgmesteren",

  "state.notNeeded": "Ikke nødvendig",
  "state.todo": "Mangler",
  "state.ordered": "Bestilt",
  "state.confirmed": "Bekræftet",

  "readiness.summary": "{done} af {needed} klar",
  "readiness.waiting": "Venter på svar: {steps}",
  "readiness.missing": "Mangler: {steps}",
  "readiness.nothingNeeded": "Intet at forberede",

  "plan.tooLarge": "Planen er for stor til at gemmes på mødet: {parts} gemmes i Mødeklar i stedet.",
  "plan.unreadable": "Planen på mødet kan ikke læses; den er muligvis gemt af en nyere version.",
  "plan.conflict": "{person} har gemt planen, mens du redigerede. Se ændringerne, før du gemmer igen.",

  "equipment.display": "Skærm",
  "equipment.video": "Videomøde",
  "equipment.audio": "Lyd og mikrofon",

  "catering.coffeeTea": "Kaffe og te",
  "catering.water": "Vand",
  "catering.fruit": "Frugt",
  "catering.sandwiches": "Sandwich",
  "catering.lunch": "Frokost",
  "catering.cake": "Kage",

  "dietary.vegetarian": "Vegetar",
  "dietary.vegan": "Veganer",
  "dietary.glutenFree": "Glutenfri",
  "dietary.lactoseFree": "Laktosefri",
  "dietary.halal": "Halal",
  "dietary.nutAllergy": "Nøddeallergi",

  "costCentre.ean": "EAN-nummer",
  "costCentre.account": "Konto",

  "priority.class": "Prioritet {class}",
  "priority.source.pin": "sekretærens fastlåsning",
  "priority.source.vip": "VIP",
  "priority.source.rule": "regel",
  "priority.source.default": "ingen regel ramte",

  "deadline.invitationAnswer": "Svar på invitation",
  "deadline.cateringCutoff": "Frist for bestilling af forplejning",
  "deadline.materialDue": "Mødemateriale fra fagcenter",
  "deadline.guestListDue": "Gæsteliste til receptionen",
  "deadline.flaggedMail": "Opfølgning på mail",
  "deadline.inquiryReply": "Svar på henvendelse",

  "severity.overdue": "Overskredet",
  "severity.today": "I dag",
  "severity.soon": "Snart",
  "severity.later": "Senere",

  "group.overdue": "Overskredet",
  "group.today": "I dag",
  "group.thisWeek": "Denne uge",
  "group.later": "Senere",

  "conflict.overlap": "«{first}» overlapper «{second}»",
  "conflict.travel": "Kun {available} min. fra «{first}» til «{second}»; transporten tager {needed} min.",
  "conflict.action.declineInvite": "Afslå eller foreslå et andet tidspunkt for «{meeting}»",
  "conflict.action.chooseOne": "Vælg ét af møderne; send evt. stabschefen til det andet",
  "conflict.action.moveOrShorten": "Flyt eller afkort «{meeting}», eller deltag virtuelt",

  "privacy.privateSubject": "Privat aftale",

  "cutoff.passed": "Fristen for at bestille forplejning til dette møde var {due}. Ring til køkkenet.",

  "validation.required": "skal udfyldes",
  "validation.tooLong": "er for lang",
  "validation.controlChars": "indeholder ugyldige tegn",
  "validation.email": "er ikke en gyldig mailadresse",
  "validation.ean": "er ikke et gyldigt EAN-nummer (13 cifre med korrekt kontrolciffer)",
  "validation.caseNumber": "passer ikke til kommunens format for journalnumre",
  "validation.casePattern": "er ikke et gyldigt mønster (regulært udtryk)",
  "validation.kle": "er ikke et KLE-emnenummer (fx 00.01.00)",
  "validation.localTime": "er ikke et klokkeslæt (TT:MM)",
  "validation.localDate": "er ikke en dato (ÅÅÅÅ-MM-DD)",
  "validation.priorityClass": "skal være prioritet 1, 2 eller 3",
  "validation.addressPattern": "skal være en mailadresse eller et domæne (fx kl.dk)",
  "validation.emptyMatch": "reglen skal mindst have én betingelse",
  "validation.duplicateId": "id'et er brugt af en anden regel",
  "validation.unknownOrganisation": "organisationen findes ikke i listen over organisationer",
  "validation.invalid": "er ugyldig",
  "validation.field": "{field}: {message}",
} as const;
