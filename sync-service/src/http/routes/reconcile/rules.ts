import { ClassificationSchema, RuleSetSchema, VersionSchema } from "@modeklar/shared";
import { z } from "zod";
import type { ApiBuilder } from "../../api";
import { changedFields, privateReadsOf } from "../../audit-trail";
import { who } from "../../auth";
import { shownPriority } from "../../privacy";
import { sendVersion, staleVersion, versionRead } from "../../versions";
import { parseOr400, parseWhole } from "./bodies";
import type { ReconcileRoutes } from "./context";

const Instant = z.string();

const StoredRulesSchema = z.object({
  ruleSet: RuleSetSchema,
  version: z.number().int(),
  savedBy: z.string(),
  savedAt: Instant,
});

/** The priority rules (versioned, with a dry run) and every meeting's class. */
export function ruleRoutes(api: ApiBuilder, { reconciler, readerOf }: ReconcileRoutes): void {
  const rerun = () => {
    void reconciler.reconcileAll().catch(() => undefined);
  };

  api.add({
    method: "get",
    path: "/priorities/rules",
    summary: "The priority rules in force, with their version and who saved them when.",
    response: StoredRulesSchema,
    handler: async ({ res }) => {
      const current = await reconciler.currentRules();
      sendVersion(res, current.version);
      return current;
    },
  });

  api.add({
    method: "put",
    path: "/priorities/rules",
    summary:
      "Replaces the rules with a new version, only if the version read (`baseVersion` or If-Match) is still the newest (else 412), and re-classifies the calendar.",
    body: z.object({ ruleSet: z.unknown(), baseVersion: VersionSchema.optional() }),
    response: StoredRulesSchema,
    audit: { action: "rules.save", target: "rules" },
    handler: async ({ body, principal, audit, req, res }) => {
      const baseVersion = versionRead(req, body.baseVersion);
      const ruleSet = parseWhole(RuleSetSchema, body.ruleSet, "ruleSet", ["version"]);
      const current = await reconciler.currentRules();
      const saved = await reconciler.replaceRules(ruleSet, who(principal), baseVersion);
      if (!saved) throw staleVersion("The rules", (await reconciler.currentRules()).version);
      audit.describe({ fields: changedFields(current.ruleSet, saved.ruleSet, ["version"]) });
      sendVersion(res, saved.version);
      rerun();
      return saved;
    },
  });

  api.add({
    method: "post",
    path: "/priorities/rules/dry-run",
    summary: "What a rule change would re-classify, before it is saved.",
    audit: false,
    body: z.object({ ruleSet: z.unknown() }),
    response: z.object({
      changes: z.array(
        z.object({
          itemId: z.string(),
          subject: z.string(),
          before: ClassificationSchema,
          after: ClassificationSchema,
        }),
      ),
    }),
    handler: async ({ body, principal, req, audit }) => {
      const { viewer, language } = readerOf(principal, req);
      const ruleSet = parseOr400(RuleSetSchema, body.ruleSet, "ruleSet");
      const { changes, meetings } = await reconciler.ruleChanges(ruleSet);
      // Nothing is written, but the person is shown the re-classified meetings: their private reads are recorded.
      await audit.privateReads(
        privateReadsOf(
          viewer,
          changes.map(({ itemId }) => ({ id: itemId, data: meetings.get(itemId) ?? {} })),
        ),
      );
      return {
        changes: changes.map((change) => {
          const meeting = meetings.get(change.itemId);
          const view = viewer(meeting);
          return {
            ...change,
            subject: view.subject(
              typeof meeting?.["subject"] === "string" ? meeting["subject"] : "",
              language,
            ),
            before: shownPriority(view, change.before),
            after: shownPriority(view, change.after),
          };
        }),
      };
    },
  });

  api.add({
    method: "get",
    path: "/priorities",
    summary: "The priority class and reason of every meeting in the mirror.",
    response: z.object({
      items: z.array(z.object({ id: z.string(), subject: z.string(), classification: ClassificationSchema })),
    }),
    handler: async ({ principal, req, audit }) => {
      const { viewer, language } = readerOf(principal, req);
      const classified = await reconciler.classifyAll();
      await audit.privateReads(
        privateReadsOf(
          viewer,
          classified.map(({ id, sensitivity }) => ({ id, data: { sensitivity } })),
        ),
      );
      return {
        items: classified.map(({ id, subject, sensitivity, classification }) => {
          const view = viewer({ sensitivity });
          return {
            id,
            subject: view.subject(subject, language),
            classification: shownPriority(view, classification),
          };
        }),
      };
    },
  });
}
