import { XMLParser } from "fast-xml-parser";
import { z } from "zod";

/**
 * The parts of the add-in's XML manifest that Outlook on the web uses to show the add-in
 * on a meeting: its id, and the buttons of the newest VersionOverrides with their labels,
 * icons and the task pane each opens.
 */

/** A string with its `Override Locale` translations. */
export const localizedText = z.object({ default: z.string(), overrides: z.record(z.string(), z.string()) });
export type LocalizedText = z.infer<typeof localizedText>;

export const COMMAND_SURFACES = [
  "AppointmentOrganizerCommandSurface",
  "AppointmentAttendeeCommandSurface",
] as const;
export type CommandSurface = (typeof COMMAND_SURFACES)[number];

export const addinButton = z.object({
  surface: z.enum(COMMAND_SURFACES),
  id: z.string(),
  groupLabel: localizedText,
  label: localizedText,
  tooltip: localizedText,
  icons: z.array(z.object({ size: z.number().int(), url: z.string() })),
  taskpaneUrl: z.string(),
  supportsPinning: z.boolean(),
});
export type AddinButton = z.infer<typeof addinButton>;

export const addinManifest = z.object({
  id: z.string(),
  displayName: localizedText,
  supportsSharedFolders: z.boolean(),
  buttons: z.array(addinButton),
});
export type AddinManifest = z.infer<typeof addinManifest>;

/** Picks the override for the display language ("da-DK", "en-US"; language alone as a fallback), else the default. */
export function textFor(text: LocalizedText, language: string): string {
  const wanted = language.toLowerCase();
  const entries = Object.entries(text.overrides);
  const exact = entries.find(([locale]) => locale.toLowerCase() === wanted);
  const sameLanguage = entries.find(
    ([locale]) => locale.toLowerCase().split("-")[0] === wanted.split("-")[0],
  );
  return (exact ?? sameLanguage)?.[1] ?? text.default;
}

type Node = Record<string, unknown>;

const REPEATED = new Set([
  "VersionOverrides",
  "Host",
  "ExtensionPoint",
  "OfficeTab",
  "CustomTab",
  "Group",
  "Control",
  "Image",
  "Url",
  "String",
  "Override",
]);

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@",
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  isArray: (name) => REPEATED.has(name),
});

function node(value: unknown): Node {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Node) : {};
}
function nodes(value: unknown): Node[] {
  return Array.isArray(value) ? value.map(node) : value === undefined ? [] : [node(value)];
}
function attr(value: unknown, name: string): string {
  const found = node(value)[`@${name}`];
  return typeof found === "string" ? found : "";
}
function text(value: unknown): string {
  if (typeof value === "string") return value.trim();
  const inner = node(value)["#text"];
  return typeof inner === "string" ? inner.trim() : "";
}

function localized(element: Node): LocalizedText {
  const overrides: Record<string, string> = {};
  for (const o of nodes(element["Override"])) overrides[attr(o, "Locale")] = attr(o, "Value");
  return { default: attr(element, "DefaultValue"), overrides };
}

/** The innermost VersionOverrides: Outlook uses the newest schema it understands (1.1 sits inside 1.0). */
function newestOverrides(app: Node): Node | undefined {
  let current = nodes(app["VersionOverrides"])[0];
  for (;;) {
    const inner = current && nodes(current["VersionOverrides"])[0];
    if (!inner) return current;
    current = inner;
  }
}

export function parseManifest(xml: string): AddinManifest {
  const app = node(parser.parse(xml)["OfficeApp"]);
  const id = text(app["Id"]);
  if (!id) throw new Error("The manifest has no <OfficeApp><Id>.");
  const overrides = newestOverrides(app);
  const resources = node(overrides?.["Resources"]);
  const byId = (group: string, kind: string) =>
    new Map(nodes(node(resources[group])[kind]).map((r) => [attr(r, "id"), r]));
  const images = byId("Images", "Image");
  const urls = byId("Urls", "Url");
  const strings = new Map([...byId("ShortStrings", "String"), ...byId("LongStrings", "String")]);
  const resolve = (map: Map<string, Node>, ref: unknown): Node => {
    const resid = attr(ref, "resid");
    const found = map.get(resid);
    if (!found) throw new Error(`The manifest names resource '${resid}' but does not define it.`);
    return found;
  };

  const mailHost = nodes(overrides?.["Hosts"] && node(overrides["Hosts"])["Host"]).find(
    (h) => attr(h, "type") === "MailHost",
  );
  const desktop = node(mailHost?.["DesktopFormFactor"]);
  const buttons: AddinButton[] = [];
  for (const point of nodes(desktop["ExtensionPoint"])) {
    const surface = COMMAND_SURFACES.find((s) => s === attr(point, "type"));
    if (!surface) continue;
    const tabs = [...nodes(point["OfficeTab"]), ...nodes(point["CustomTab"])];
    for (const group of tabs.flatMap((t) => nodes(t["Group"]))) {
      for (const control of nodes(group["Control"])) {
        const action = node(control["Action"]);
        if (attr(control, "type") !== "Button" || attr(action, "type") !== "ShowTaskpane") continue;
        const supertip = node(control["Supertip"]);
        buttons.push({
          surface,
          id: attr(control, "id"),
          groupLabel: localized(resolve(strings, group["Label"])),
          label: localized(resolve(strings, control["Label"])),
          tooltip: localized(resolve(strings, supertip["Description"])),
          icons: nodes(node(control["Icon"])["Image"]).map((image) => ({
            size: Number(attr(image, "size")),
            url: attr(resolve(images, image), "DefaultValue"),
          })),
          taskpaneUrl: attr(resolve(urls, action["SourceLocation"]), "DefaultValue"),
          supportsPinning: text(action["SupportsPinning"]) === "true",
        });
      }
    }
  }
  return {
    id,
    displayName: localized(node(app["DisplayName"])),
    supportsSharedFolders: text(desktop["SupportsSharedFolders"]) === "true",
    buttons,
  };
}
