import type { PrivacySettings } from "@modeklar/shared";
import type { Request } from "express";
import { privateReadsOf, type RequestAudit } from "./audit-trail";
import type { Principal } from "./auth";
import { languageOf, type Language } from "./language";
import { viewerOf, type Viewer } from "./privacy";

/**
 * Who a view is made for: what the privacy policy lets them see, the language they read, and
 * the audit log's record of each private meeting shown to them.
 */
export interface Reader {
  viewer: Viewer;
  language: Language;
  /** Records, before they are shown, the private meetings among `events` this reader sees. */
  shows(events: readonly { id: string; data: Record<string, unknown> }[]): Promise<void>;
}

export function readerOf(
  request: { principal: Principal; req: Pick<Request, "header">; audit: Pick<RequestAudit, "privateReads"> },
  privacy: PrivacySettings,
): Reader {
  const viewer = viewerOf(request.principal, privacy);
  return {
    viewer,
    language: languageOf(request.req.header("accept-language")),
    shows: (events) => request.audit.privateReads(privateReadsOf(viewer, events)),
  };
}
