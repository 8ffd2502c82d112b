import { KitchenSchema, type Kitchen } from "@modeklar/shared";
import { z } from "zod";

/** A department that meeting material can be ordered from, by mail. */
export const DepartmentSchema = z.object({ name: z.string().min(1), email: z.email() });
export type Department = z.infer<typeof DepartmentSchema>;

/** Where orders for a meeting go: the kitchen (with its cut-off), the reception, the departments. */
export interface Offices {
  kitchen: Kitchen;
  receptionMailbox: string;
  departments: Department[];
}

const EnvSchema = z.object({
  CATERING_MAILBOX: z.email().optional(),
  CATERING_WORKING_DAYS_BEFORE: z.coerce.number().int().min(0).max(20).default(2),
  CATERING_CUTOFF_TIME: z.string().default("12:00"),
  RECEPTION_MAILBOX: z.email().optional(),
  DEPARTMENTS: z.string().default(""),
});

/**
 * The offices from the environment. Unset mailboxes default to `kantine@` and `reception@`
 * in the mayor's domain; DEPARTMENTS is "Name=address;Name=address".
 */
export function officesFromEnv(env: Record<string, string | undefined>, mayorMailbox: string): Offices {
  const parsed = EnvSchema.parse(env);
  const domain = mayorMailbox.split("@")[1] ?? "localhost";
  const departments = parsed.DEPARTMENTS.split(";")
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => {
      const [name = "", email = ""] = entry.split("=").map((part) => part.trim());
      return DepartmentSchema.parse({ name, email });
    });
  return {
    kitchen: KitchenSchema.parse({
      id: "kantine",
      name: "Kantinen",
      mailbox: parsed.CATERING_MAILBOX ?? `kantine@${domain}`,
      workingDaysBefore: parsed.CATERING_WORKING_DAYS_BEFORE,
      atTime: parsed.CATERING_CUTOFF_TIME,
    }),
    receptionMailbox: parsed.RECEPTION_MAILBOX ?? `reception@${domain}`,
    departments,
  };
}
