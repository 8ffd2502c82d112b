import { z } from "zod";

// Control characters would be escaped six-fold in the stored JSON and never belong in a name.
const NO_CONTROL = /^[^\p{Cc}]*$/u;
const NO_CONTROL_EXCEPT_NEWLINE = /^[^\p{Cc}]*(?:\n[^\p{Cc}]*)*$/u;

/** A one-line text of at most `max` characters. */
export const line = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { message: "validation.tooLong" })
    .regex(NO_CONTROL, { message: "validation.controlChars" });

/** A free text that may hold line breaks. */
export const note = (max: number) =>
  z
    .string()
    .max(max, { message: "validation.tooLong" })
    .regex(NO_CONTROL_EXCEPT_NEWLINE, { message: "validation.controlChars" });

export const EmailSchema = z.email({ message: "validation.email" }).max(254);

/** An optional text where an empty field means "not given", as forms send it. */
export const optionalText = <T extends z.ZodType<string, string>>(schema: T) =>
  z
    .string()
    .optional()
    .transform((value) => (value?.trim() === "" ? undefined : value))
    .pipe(schema.optional());
