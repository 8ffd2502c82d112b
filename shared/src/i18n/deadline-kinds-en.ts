import type { deadlineKindsDa } from "./deadline-kinds-da";

export const deadlineKindsEn: Record<keyof typeof deadlineKindsDa, string> = {
  "deadline.invitationAnswer": "Answer to invitation",
  "deadline.cateringCutoff": "Catering order cut-off",
  "deadline.materialDue": "Meeting material from department",
  "deadline.guestListDue": "Guest list to reception",
  "deadline.flaggedMail": "Follow-up on mail",
  "deadline.inquiryReply": "Reply to inquiry",
  "deadline.journalMissing": "Not journalised",
};
