import { InquiriesResponseSchema, InquirySchema } from "@modeklar/shared";
import { z } from "zod";
import type { ApiBuilder } from "../../api";
import { who } from "../../auth";
import { badRequest, notFound } from "../../problem";
import { INQUIRY_STATUSES, type InquiryRecord } from "../../../store/reconcile";
import { checkedCaseNumber } from "../journal";
import type { ReconcileRoutes } from "./context";

/** Citizens' and partners' inquiries: listed with their journal, routed, filed, forwarded, closed. */
export function inquiryRoutes(api: ApiBuilder, deps: ReconcileRoutes): void {
  const { reconciler } = deps;
  const viewOf = async (inquiry: InquiryRecord) => {
    const [view] = await deps.inquiryJournal.views([inquiry]);
    if (!view) throw notFound(`No inquiry ${inquiry.id}.`);
    return view;
  };

  api.add({
    method: "get",
    path: "/inquiries",
    summary: "Citizens' and partners' inquiries with their reply deadline, department and status.",
    query: z.object({ status: z.enum(INQUIRY_STATUSES).optional() }),
    response: InquiriesResponseSchema,
    handler: async ({ query }) => ({
      inquiries: await deps.inquiryJournal.views(
        await reconciler.listInquiries(query.status ? { status: query.status } : {}),
      ),
      caseNumberFormat: deps.inquiryJournal.settings.caseNumberFormat,
    }),
  });

  api.add({
    method: "patch",
    path: "/inquiries/:id",
    summary: "Chooses the department, files the case number or closes the inquiry.",
    body: z.strictObject({
      department: z.string().min(1).optional(),
      caseNumber: z.string().trim().min(1).optional(),
      status: z.enum(["answered", "closed"]).optional(),
    }),
    response: InquirySchema,
    audit: { action: "inquiry.update", target: "inquiry", param: "id" },
    handler: async ({ body, params, principal, audit }) => {
      audit.describe({ fields: Object.keys(body).sort() });
      const settings = await reconciler.settings();
      if (body.department && !settings.departments.some((d) => d.id === body.department))
        throw badRequest(`department: ${body.department} is not one of the departments`, {
          errors: [{ field: "body.department", message: "ukendt afdeling" }],
        });
      const caseNumber = body.caseNumber
        ? checkedCaseNumber(body.caseNumber, deps.inquiryJournal.settings.caseNumberFormat)
        : undefined;
      const updated = await reconciler.updateInquiry(
        params["id"] ?? "",
        {
          ...(body.department ? { department: body.department, departmentSource: "manual" } : {}),
          ...(caseNumber ? { caseNumber } : {}),
          ...(body.status ? { status: body.status } : {}),
          ...(body.status === "answered"
            ? { answeredAt: deps.now().toISOString(), answeredBy: who(principal) }
            : {}),
        },
        who(principal),
      );
      if (!updated) throw notFound(`No inquiry ${params["id"]}.`);
      return viewOf(updated);
    },
  });

  api.add({
    method: "post",
    path: "/inquiries/:id/forward",
    summary: "Forwards the inquiry's mail to the department's mailbox and marks it forwarded.",
    body: z.strictObject({
      department: z.string().min(1).optional(),
      comment: z.string().max(4000).default(""),
    }),
    response: InquirySchema,
    audit: { action: "inquiry.forward", target: "inquiry", param: "id" },
    handler: async ({ body, params, principal, audit }) => {
      audit.describe({ fields: ["department", ...(body.comment ? ["comment"] : [])] });
      const inquiry = await reconciler.inquiry(params["id"] ?? "");
      if (!inquiry) throw notFound(`No inquiry ${params["id"]}.`);
      const settings = await reconciler.settings();
      const id = body.department ?? inquiry.department;
      const department = settings.departments.find((d) => d.id === id);
      if (!department) throw badRequest("department: choose the department to forward to");
      const forwarded = await reconciler.forwardInquiry(
        inquiry,
        department,
        body.comment,
        who(principal),
        deps.now().toISOString(),
      );
      return viewOf(forwarded);
    },
  });
}
