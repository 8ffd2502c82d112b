/**
 * What the add-in declares to Outlook, in one place for both manifests: `manifest.xml` (the
 * add-in only manifest, from manifest.template.xml) and `manifest.json` (the unified manifest for
 * Microsoft 365). scripts/write-manifest.ts writes both; addin/manifest.test.ts checks they agree.
 */
export const ADDIN_DECLARATIONS = {
  provider: "Mødeklar",
  name: { da: "Mødeklar", en: "Mødeklar (meeting-ready)" },
  description: {
    da: "Gør mødet klar: lokale, forplejning, gæstemodtagelse, mødemateriale og journal – direkte fra mødet i Outlook.",
    en: "Get the meeting ready: room, catering, guest reception, meeting material and case file – right from the meeting in Outlook.",
  },
  groupLabel: { da: "Mødeklar", en: "Mødeklar" },
  buttonLabel: { da: "Mødeplan", en: "Meeting plan" },
  buttonTooltip: {
    da: "Planlæg lokale, forplejning, gæster, materiale og journal for mødet.",
    en: "Plan the meeting's room, catering, guests, material and case file.",
  },
  /** The meeting's organizer and attendee views, each with one button that opens the task pane. */
  surfaces: ["organizer", "attendee"],
  /** The task pane stays open as the selection moves (Mailbox 1.8 and later). */
  pinnable: true,
  /** Works in the mayor's calendar opened as a delegate (Mailbox 1.8 and later). */
  sharedFolders: true,
  /** The least that works: the plan is the item's custom properties; a room is added as a location. */
  itemAccess: "ReadWriteItem",
  taskPanePath: "/taskpane.html",
  supportPath: "/support.html",
  buttonIconSizes: [16, 20, 24, 32, 40, 48, 64, 80],
  listIconSize: 64,
  highResolutionIconSize: 128,
  /** Danish first, English for everyone else. */
  locales: { default: "da-DK", english: "en-US" },
} as const;

export type Surface = (typeof ADDIN_DECLARATIONS.surfaces)[number];
