import { z } from "zod";
import { RuleSetSchema } from "../priority/rules";
import { ClassificationSchema, InstantSchema, VersionSchema } from "./common";

/** The stored rule set with its version; saving sends the version it was based on. */
export const RuleSetResponseSchema = z.object({
  ruleSet: RuleSetSchema,
  updatedAt: InstantSchema.optional(),
});
export const RuleSetSaveRequestSchema = z.object({
  ruleSet: RuleSetSchema,
  baseVersion: VersionSchema,
});

/** The dry run of a rule change: what would be re-classified. */
export const RuleDryRunRequestSchema = z.object({ ruleSet: RuleSetSchema });
export const RuleDryRunResponseSchema = z.object({
  changes: z.array(
    z.object({
      itemId: z.string(),
      subject: z.string().optional(),
      before: ClassificationSchema,
      after: ClassificationSchema,
    }),
  ),
});
