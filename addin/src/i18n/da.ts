/**
 * The add-in's Danish texts: the first language, and the one every key is defined in first.
 * `{name}` marks a value filled in by `t(key, { name })`.
 */
export const da = {
  "app.name": "Mødeklar",
  "app.loading": "Henter …",
  "app.retry": "Prøv igen",

  "page.taskpane.title": "Mødeplan",
  "page.taskpane.noMeeting": "Vælg et møde i kalenderen for at se dets plan.",
  "page.mobile.title": "Invitationer til borgmesteren",
  "page.week.title": "Ugens møder",
  "page.daylist.title": "Dagens gæster og forplejning",

  "outsideOutlook.title": "Åbn Mødeklar fra Outlook",
  "outsideOutlook.body":
    "Denne side er Mødeklars opgaverude og virker kun inde i Outlook. Åbn et møde i kalenderen og vælg «Mødeplan» på båndet.",

  "office.unsupported":
    "Din version af Outlook understøtter ikke {feature}. Opdater Outlook, eller brug Outlook på nettet.",
  "office.notAMeeting": "Mødeklar virker kun på møder og aftaler i kalenderen.",
  "office.notInOutlook": "Outlook er ikke tilgængelig her.",
  "office.organizerOnly": "Kun mødeindkalderen kan ændre mødet. Du ser det som deltager.",
  "office.accessDenied": "Du har ikke adgang til at ændre dette møde i kalenderen hos {owner}.",
  "office.itemChanged": "Du har valgt et andet møde, mens Outlook arbejdede. Prøv igen på dette møde.",
  "office.tooLarge":
    "Planen er for stor til at gemme i mødet ({size} af højst {limit} tegn). Flyt lange tekster til briefingnoten.",
  "office.failed": "Outlook kunne ikke {operation}. Prøv igen om lidt.",

  "office.operation.readMeeting": "læse mødet",
  "office.operation.readAttendees": "læse deltagerne",
  "office.operation.readLocation": "læse mødestedet",
  "office.operation.addRoom": "tilføje lokalet til mødet",
  "office.operation.readItemId": "finde mødets id",
  "office.operation.readSharedProperties": "læse, hvis kalender mødet ligger i",
  "office.operation.loadCustomProperties": "hente mødets plan",
  "office.operation.saveCustomProperties": "gemme mødets plan",
  "office.operation.watchItem": "følge med, når du vælger et andet møde",

  "office.feature.sharedFolders": "at arbejde i en andens kalender som stedfortræder",
  "office.feature.pinning": "at fastgøre opgaveruden",
  "office.feature.rooms": "at booke lokaler fra mødet",
  "office.feature.organizer": "at vise mødets indkalder",
  "office.feature.itemId": "at finde et nyt mødes id",
} as const;

export type MessageKey = keyof typeof da;
export type Catalog = Record<MessageKey, string>;
