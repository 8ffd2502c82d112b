// The unified manifest for Microsoft 365 (manifest.json), validated offline against the JSON
// schema @microsoft/app-manifest ships, and held against manifest.xml: both must declare the same.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, resolve } from "node:path";
import { inflateSync } from "node:zlib";
import Ajv from "ajv-draft-04";
import addFormats from "ajv-formats";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  ENGLISH_FILE,
  PACKAGE_ICONS,
  RIBBON_ICON_SIZES,
  UNIFIED_MANIFEST_VERSION,
  renderUnifiedManifest,
} from "../scripts/unified-manifest";
import { DEFAULT_PUBLIC_URL, MANIFEST_PATH } from "../scripts/write-manifest";

const root = dirname(MANIFEST_PATH);
const json = (file: string) =>
  JSON.parse(readFileSync(resolve(root, file), "utf8")) as Record<string, unknown>;
const manifest = json("manifest.json");
const english = json(ENGLISH_FILE) as Record<string, string>;

const schemas = resolve(
  dirname(createRequire(import.meta.url).resolve("@microsoft/app-manifest/package.json")),
  `build/json-schemas/teams/v${UNIFIED_MANIFEST_VERSION}`,
);

/** The published schemas are draft-04 and use patterns that are not valid unicode regular expressions. */
function validator(schemaFile: string) {
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  return ajv.compile(JSON.parse(readFileSync(resolve(schemas, schemaFile), "utf8")) as object);
}

const xml = new DOMParser().parseFromString(readFileSync(MANIFEST_PATH, "utf8"), "application/xml");
const all = (tag: string) => [...xml.getElementsByTagName(tag)];
const innermost = () =>
  all("VersionOverrides").find((e) => e.getAttribute("xsi:type") === "VersionOverridesV1_1")!;
function xmlString(id: string): { da: string; en: string } {
  const element = [...innermost().getElementsByTagName("bt:String")].find(
    (e) => e.getAttribute("id") === id,
  )!;
  const override = [...element.getElementsByTagName("bt:Override")].find(
    (e) => e.getAttribute("Locale") === "en-US",
  );
  return { da: element.getAttribute("DefaultValue")!, en: override!.getAttribute("Value")! };
}

interface Control {
  label: string;
  icons: { size: number; url: string }[];
  supertip: { title: string; description: string };
  actionId: string;
}
const extension = (manifest["extensions"] as Record<string, unknown>[])[0] as {
  requirements: { capabilities: { name: string; minVersion: string }[] };
  runtimes: { code: { page: string }; actions: { id: string; type: string; pinnable: boolean }[] }[];
  ribbons: { contexts: string[]; tabs: { groups: { label: string; controls: Control[] }[] }[] }[];
};
const control = extension.ribbons[0]!.tabs[0]!.groups[0]!.controls[0]!;

function pngPixels(file: string): { width: number; height: number; rgba: Buffer } {
  const bytes = readFileSync(file);
  const width = bytes.readUInt32BE(16);
  const height = bytes.readUInt32BE(20);
  const idat: Buffer[] = [];
  for (let at = 8; at < bytes.length;) {
    const length = bytes.readUInt32BE(at);
    if (bytes.toString("ascii", at + 4, at + 8) === "IDAT")
      idat.push(bytes.subarray(at + 8, at + 8 + length));
    at += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  // Rows of filter type 0 (none), as addin/scripts/draw-icons.ts writes them.
  const rgba = Buffer.concat(
    Array.from({ length: height }, (_, row) => {
      expect(raw[row * (width * 4 + 1)]).toBe(0);
      return raw.subarray(row * (width * 4 + 1) + 1, (row + 1) * (width * 4 + 1));
    }),
  );
  return { width, height, rgba };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe("the unified manifest for Microsoft 365", () => {
  it("is the one write-manifest produces for the default PUBLIC_URL, with its English strings", () => {
    const rendered = renderUnifiedManifest({ publicUrl: DEFAULT_PUBLIC_URL });
    expect(manifest, "manifest.json is out of date: run `npm run manifest -w addin`").toEqual(
      JSON.parse(JSON.stringify(rendered.manifest)),
    );
    expect(english).toEqual(rendered.english);
  });

  it("is valid against the published app manifest schema, checked without any network request", () => {
    const fetches = vi.spyOn(globalThis, "fetch");
    const validate = validator("MicrosoftTeams.schema.json");
    expect(validate(manifest), JSON.stringify(validate.errors)).toBe(true);
    const validateStrings = validator("MicrosoftTeams.Localization.schema.json");
    expect(validateStrings(english), JSON.stringify(validateStrings.errors)).toBe(true);
    expect(fetches).not.toHaveBeenCalled();
  });

  it("would be refused by the schema without its developer, or with a context Outlook does not have", () => {
    const validate = validator("MicrosoftTeams.schema.json");
    const { developer: _developer, ...withoutDeveloper } = manifest;
    expect(validate(withoutDeveloper)).toBe(false);
    const wrongContext = JSON.parse(JSON.stringify(manifest)) as typeof manifest & {
      extensions: (typeof extension)[];
    };
    wrongContext.extensions[0]!.ribbons[0]!.contexts = ["calendarWeekView"];
    expect(validate(wrongContext)).toBe(false);
  });

  it("has the colour icon at 192 pixels and a white outline icon at 32 on a transparent ground", () => {
    const assets = resolve(import.meta.dirname, "public/assets");
    const color = pngPixels(resolve(assets, PACKAGE_ICONS.color));
    expect([color.width, color.height]).toEqual([192, 192]);
    const outline = pngPixels(resolve(assets, PACKAGE_ICONS.outline));
    expect([outline.width, outline.height]).toEqual([32, 32]);
    let transparent = 0;
    for (let i = 0; i < outline.rgba.length; i += 4) {
      if (outline.rgba[i + 3] === 0) transparent += 1;
      else expect([outline.rgba[i], outline.rgba[i + 1], outline.rgba[i + 2]]).toEqual([255, 255, 255]);
    }
    expect(transparent).toBeGreaterThan(32 * 32 * 0.2);
  });
});

describe("manifest.json and manifest.xml", () => {
  it("name the same add-in, version, provider and names in Danish and English", () => {
    const root = xml.documentElement;
    expect(manifest["id"]).toBe(root.getElementsByTagName("Id")[0]!.textContent);
    expect(`${String(manifest["version"])}.0`).toBe(root.getElementsByTagName("Version")[0]!.textContent);
    expect((manifest["developer"] as { name: string }).name).toBe(all("ProviderName")[0]!.textContent);
    const displayName = all("DisplayName")[0]!;
    expect((manifest["name"] as { full: string }).full).toBe(displayName.getAttribute("DefaultValue"));
    expect(english["name.full"]).toBe(displayName.getElementsByTagName("Override")[0]!.getAttribute("Value"));
    const description = all("Description")[0]!;
    expect((manifest["description"] as { full: string }).full).toBe(description.getAttribute("DefaultValue"));
    expect(english["description.full"]).toBe(
      description.getElementsByTagName("Override")[0]!.getAttribute("Value"),
    );
  });

  it("speak Danish by default and English as the other language", () => {
    expect(all("DefaultLocale")[0]!.textContent).toBe("da-DK");
    expect(manifest["localizationInfo"]).toEqual({
      defaultLanguageTag: "da-dk",
      additionalLanguages: [{ languageTag: "en-us", file: ENGLISH_FILE }],
    });
  });

  it("put one button on the organizer's and the attendee's meeting, opening the same pinnable task pane", () => {
    const surfaces = [...innermost().getElementsByTagName("ExtensionPoint")].map((e) =>
      e.getAttribute("xsi:type"),
    );
    expect(surfaces).toEqual(["AppointmentOrganizerCommandSurface", "AppointmentAttendeeCommandSurface"]);
    expect(extension.ribbons[0]!.contexts).toEqual(["meetingDetailsOrganizer", "meetingDetailsAttendee"]);
    const taskPane = [...innermost().getElementsByTagName("bt:Url")].find(
      (u) => u.getAttribute("id") === "Taskpane.Url",
    );
    expect(extension.runtimes[0]!.code.page).toBe(taskPane!.getAttribute("DefaultValue"));
    const pinning = [...innermost().getElementsByTagName("SupportsPinning")].map((e) => e.textContent);
    expect(pinning).toEqual(["true", "true"]);
    expect(extension.runtimes[0]!.actions).toEqual([
      expect.objectContaining({ id: control.actionId, type: "openPage", pinnable: true }),
    ]);
  });

  it("label the group and the button and explain it in the same words", () => {
    expect({
      da: extension.ribbons[0]!.tabs[0]!.groups[0]!.label,
      en: english["extensions[0].ribbons[0].tabs[0].groups[0].label"],
    }).toEqual(xmlString("Group.Label"));
    const controlKey = "extensions[0].ribbons[0].tabs[0].groups[0].controls[0]";
    expect({ da: control.label, en: english[`${controlKey}.label`] }).toEqual(xmlString("OpenPlan.Label"));
    expect({ da: control.supertip.description, en: english[`${controlKey}.supertip.description`] }).toEqual(
      xmlString("OpenPlan.Tooltip"),
    );
  });

  it("work in shared (delegate) calendars from Mailbox 1.8, with read/write access to the item only", () => {
    expect(innermost().getElementsByTagName("SupportsSharedFolders")[0]!.textContent).toBe("true");
    expect(innermost().getElementsByTagName("bt:Sets")[0]!.getAttribute("DefaultMinVersion")).toBe("1.8");
    expect(extension.requirements.capabilities).toEqual([{ name: "Mailbox", minVersion: "1.8" }]);
    expect(all("Permissions")[0]!.textContent).toBe("ReadWriteItem");
    const permissions = (manifest["authorization"] as { permissions: { resourceSpecific: unknown[] } })
      .permissions;
    expect(permissions.resourceSpecific).toEqual([
      { name: "MailboxItem.ReadWrite.User", type: "Delegated" },
      { name: "Mailbox.SharedFolder", type: "Delegated" },
    ]);
  });

  it("show the button with the same icons and let the task pane open the same domains", () => {
    const images = new Map(
      [...innermost().getElementsByTagName("bt:Image")]
        .filter((image) => image.hasAttribute("id"))
        .map((image) => [
          Number(image.getAttribute("id")!.replace("Icon.", "")),
          image.getAttribute("DefaultValue"),
        ]),
    );
    expect(control.icons.map((icon) => icon.size)).toEqual([...RIBBON_ICON_SIZES]);
    for (const icon of control.icons) expect(icon.url).toBe(images.get(icon.size));
    const appDomains = all("AppDomain").map((domain) => new URL(domain.textContent!).host);
    expect([...(manifest["validDomains"] as string[])].sort()).toEqual([...appDomains].sort());
  });
});
