/** What each kind of deadline is called, on every page, list and mail: its own module, so a page can show the names without loading the whole catalogue. */
export const deadlineKindsDa = {
  "deadline.invitationAnswer": "Svar på invitation",
  "deadline.cateringCutoff": "Bestilling af forplejning",
  "deadline.materialDue": "Mødemateriale fra afdelingen",
  "deadline.guestListDue": "Gæsteliste til receptionen",
  "deadline.flaggedMail": "Mail til opfølgning",
  "deadline.inquiryReply": "Svar på henvendelse",
  "deadline.journalMissing": "Journalisering mangler",
} as const;
