/**
 * The unified manifest for Microsoft 365 (manifest.json, the format the admin centre and new
 * Outlook prefer), from the same declarations as manifest.xml: the organizer's and attendee's
 * meeting views, a pinnable task pane, shared (delegate) calendars, item read/write access,
 * Danish with English strings, and the same icons under PUBLIC_URL.
 * https://learn.microsoft.com/office/dev/add-ins/develop/unified-manifest-overview
 */
import { ADDIN_ID } from "@modeklar/shared";
import { ADDIN_DECLARATIONS as ADDIN, type Surface } from "../addin/manifest-declarations";
import { httpsUrl, manifestVersion, type ManifestSettings } from "./write-manifest";

/** The schema version written and validated against (shipped offline by @microsoft/app-manifest). */
export const UNIFIED_MANIFEST_VERSION = "1.24";
const SCHEMA_BASE = `https://developer.microsoft.com/json-schemas/teams/v${UNIFIED_MANIFEST_VERSION}`;

/** The English strings, a file of the app package beside manifest.json. */
export const ENGLISH_FILE = "manifest.en-us.json";
/** Package files: the colour icon (192 px) and the white outline icon (32 px). */
export const PACKAGE_ICONS = { color: "icon-192.png", outline: "icon-outline-32.png" } as const;

const CONTEXT: Record<Surface, string> = {
  organizer: "meetingDetailsOrganizer",
  attendee: "meetingDetailsAttendee",
};

/** The Office add-in permission levels as the unified manifest's resource-specific permissions. */
const ITEM_ACCESS: Record<typeof ADDIN.itemAccess, string> = {
  ReadWriteItem: "MailboxItem.ReadWrite.User",
};

const ACTION_ID = "openMeetingPlan";
export const RIBBON_ICON_SIZES = [16, 32, 80] as const;
const CONTROL = "extensions[0].ribbons[0].tabs[0].groups[0].controls[0]";

export interface UnifiedManifest {
  manifest: Record<string, unknown>;
  english: Record<string, string>;
}

export function renderUnifiedManifest(settings: ManifestSettings): UnifiedManifest {
  const publicUrl = httpsUrl(settings.publicUrl, "PUBLIC_URL").href.replace(/\/+$/, "");
  const signIn = httpsUrl(settings.signInHost ?? "https://login.microsoftonline.com", "AUTHORITY_HOST");
  const asset = (size: number) => `${publicUrl}/assets/icon-${size}.png`;
  // The unified manifest takes at most three sizes per button: Outlook's required 16, 32 and 80.
  const ribbonIcons = RIBBON_ICON_SIZES.map((size) => ({ size, url: asset(size) }));
  const mailbox18 = { capabilities: [{ name: "Mailbox", minVersion: "1.8" }] };
  const manifest = {
    $schema: `${SCHEMA_BASE}/MicrosoftTeams.schema.json`,
    manifestVersion: UNIFIED_MANIFEST_VERSION,
    version: manifestVersion().split(".").slice(0, 3).join("."),
    id: ADDIN_ID,
    localizationInfo: {
      defaultLanguageTag: ADDIN.locales.default.toLowerCase(),
      additionalLanguages: [{ languageTag: ADDIN.locales.english.toLowerCase(), file: ENGLISH_FILE }],
    },
    developer: {
      name: ADDIN.provider,
      websiteUrl: `${publicUrl}${ADDIN.supportPath}`,
      privacyUrl: `${publicUrl}${ADDIN.supportPath}`,
      termsOfUseUrl: `${publicUrl}${ADDIN.supportPath}`,
    },
    name: { short: ADDIN.name.da, full: ADDIN.name.da },
    description: { short: ADDIN.name.da, full: ADDIN.description.da },
    icons: PACKAGE_ICONS,
    accentColor: "#0F6CBD",
    validDomains: [...new Set([new URL(publicUrl).host, signIn.host])],
    authorization: {
      permissions: {
        resourceSpecific: [
          { name: ITEM_ACCESS[ADDIN.itemAccess], type: "Delegated" },
          ...(ADDIN.sharedFolders ? [{ name: "Mailbox.SharedFolder", type: "Delegated" }] : []),
        ],
      },
    },
    extensions: [
      {
        requirements: { scopes: ["mail"], ...mailbox18 },
        runtimes: [
          {
            requirements: mailbox18,
            id: "taskPaneRuntime",
            type: "general",
            code: { page: `${publicUrl}${ADDIN.taskPanePath}` },
            lifetime: "short",
            actions: [{ id: ACTION_ID, type: "openPage", view: "meetingPlan", pinnable: ADDIN.pinnable }],
          },
        ],
        ribbons: [
          {
            contexts: ADDIN.surfaces.map((surface) => CONTEXT[surface]),
            tabs: [
              {
                builtInTabId: "TabDefault",
                groups: [
                  {
                    id: "meetingPlanGroup",
                    label: ADDIN.groupLabel.da,
                    icons: ribbonIcons,
                    controls: [
                      {
                        id: "openMeetingPlanButton",
                        type: "button",
                        label: ADDIN.buttonLabel.da,
                        icons: ribbonIcons,
                        supertip: { title: ADDIN.buttonLabel.da, description: ADDIN.buttonTooltip.da },
                        actionId: ACTION_ID,
                      },
                    ],
                  },
                ],
              },
            ],
          },
        ],
      },
    ],
  };
  const english = {
    $schema: `${SCHEMA_BASE}/MicrosoftTeams.Localization.schema.json`,
    "name.short": ADDIN.name.en.slice(0, 30),
    "name.full": ADDIN.name.en,
    "description.short": ADDIN.name.en,
    "description.full": ADDIN.description.en,
    "extensions[0].ribbons[0].tabs[0].groups[0].label": ADDIN.groupLabel.en,
    [`${CONTROL}.label`]: ADDIN.buttonLabel.en,
    [`${CONTROL}.supertip.title`]: ADDIN.buttonLabel.en,
    [`${CONTROL}.supertip.description`]: ADDIN.buttonTooltip.en,
  };
  return { manifest, english };
}
