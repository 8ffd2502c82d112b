import { TravelTableSchema } from "@modeklar/shared";
import type { ApiBuilder } from "../../api";
import { ReconcileSettingsSchema } from "../../../reconcile";
import type { ReconcileRoutes } from "./context";
import { versionedRecord } from "./versioned-record";

/** The travel table and the reconcile settings, each replaced whole from the version read. */
export function settingsRoutes(api: ApiBuilder, { reconciler }: ReconcileRoutes): void {
  versionedRecord(api, {
    path: "/travel",
    name: "The travel table",
    summary: {
      get: "The places and the minutes between them.",
      put: "Replaces the whole travel table, only if the version read (If-Match with the GET's ETag) is still the one stored (else 412).",
    },
    schema: TravelTableSchema,
    audit: { action: "travel.save", target: "travel" },
    read: () => reconciler.travelVersioned(),
    replace: (table, by, baseVersion) => reconciler.replaceTravel(table, by, baseVersion),
  });

  versionedRecord(api, {
    path: "/reconcile/settings",
    name: "The settings",
    summary: {
      get: "Internal domains, departments and routing, kitchens, guest list, digest, reminders and closed days.",
      put: "Replaces the whole reconcile settings, only if the version read (If-Match with the GET's ETag) is still the one stored (else 412).",
    },
    schema: ReconcileSettingsSchema,
    audit: { action: "settings.save", target: "settings" },
    read: () => reconciler.settingsVersioned(),
    replace: (settings, by, baseVersion) => reconciler.replaceSettings(settings, by, baseVersion),
  });
}
