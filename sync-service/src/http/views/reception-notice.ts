import { GuestSchema } from "@modeklar/shared";
import { z } from "zod";

/** A guest list as it was sent to the reception (a stored order's body). */
export const ReceptionNoticeSchema = z.object({
  arrivalAt: z.string().optional(),
  host: z.string().optional(),
  parking: z.boolean().default(false),
  badge: z.boolean().default(false),
  guests: z.array(GuestSchema).default([]),
});
export type ReceptionNotice = z.output<typeof ReceptionNoticeSchema>;
