import type { Request } from "express";
import type { InquiryJournal } from "../../../journal/inquiry-views";
import type { Reconciler } from "../../../reconcile";
import type { MirrorStore } from "../../../store/types";
import type { Principal } from "../../auth";
import { languageOf, type Language } from "../../language";
import { viewerOf, type Viewer } from "../../privacy";

export interface ReconcileApiDeps {
  reconciler: Reconciler;
  mirror: MirrorStore;
  now: () => Date;
  /** Inquiries are shown with their journal state and case number suggestions. */
  inquiryJournal: InquiryJournal;
}

/** What every reconcile route reads from: the deps, the mayor's mailbox, and who reads. */
export interface ReconcileRoutes extends ReconcileApiDeps {
  mailbox: string;
  /** Who reads, as the privacy policy sees them, and in which language. */
  readerOf: (principal: Principal, req: Request) => { viewer: Viewer; language: Language };
}

export function reconcileRoutesOf(deps: ReconcileApiDeps): ReconcileRoutes {
  return {
    ...deps,
    mailbox: deps.reconciler.mailbox,
    readerOf: (principal, req) => ({
      viewer: viewerOf(principal, deps.reconciler.privacy),
      language: languageOf(req.header("accept-language")),
    }),
  };
}
