// The manifest's rules, checked offline: office-addin-manifest's own reader plus an XML parse.
// (`office-addin-manifest validate` posts the file to an online service, see the README.)
import https from "node:https";
import http from "node:http";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { ADDIN_ID } from "@modeklar/shared";
import { OfficeAddinManifest } from "office-addin-manifest";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  DEFAULT_PUBLIC_URL,
  DEFAULT_SIGN_IN_HOST,
  MANIFEST_PATH,
  renderManifest,
} from "../scripts/write-manifest";

const REQUIRED_ICON_SIZES = ["16", "32", "80"];
const ALL_ICON_SIZES = ["16", "20", "24", "32", "40", "48", "64", "80"];
const BT = "bt:";

function parse(xml: string): Document {
  const doc = new DOMParser().parseFromString(xml, "application/xml");
  expect(doc.getElementsByTagName("parsererror")).toHaveLength(0);
  return doc;
}

const committed = readFileSync(MANIFEST_PATH, "utf8");
const manifest = parse(committed);

function all(parent: Document | Element, tag: string): Element[] {
  return [...parent.getElementsByTagName(tag)];
}

function children(parent: Element, tag: string): Element[] {
  return [...parent.children].filter((child) => child.tagName === tag);
}

function versionOverrides(doc: Document, type: "VersionOverridesV1_0" | "VersionOverridesV1_1"): Element {
  const found = all(doc, "VersionOverrides").find((element) => element.getAttribute("xsi:type") === type);
  if (!found) throw new Error(`no ${type}`);
  return found;
}

/** The elements of an override section, without those of an override nested inside it. */
function own(section: Element, tag: string): Element[] {
  return all(section, tag).filter((element) => element.closest("VersionOverrides") === section);
}

function minimumMailbox(section: Element): string | null {
  return own(section, `${BT}Sets`)[0]?.getAttribute("DefaultMinVersion") ?? null;
}

function commandSurface(section: Element, surface: string): Element | undefined {
  return own(section, "ExtensionPoint").find((point) => point.getAttribute("xsi:type") === surface);
}

/** Every URL the manifest makes Outlook load: pages, icons, the support page. */
function loadedUrls(doc: Document): string[] {
  const withDefault = [
    "IconUrl",
    "HighResolutionIconUrl",
    "SupportUrl",
    "SourceLocation",
    `${BT}Url`,
    `${BT}Image`,
  ];
  return withDefault
    .flatMap((tag) => all(doc, tag))
    .map((element) => element.getAttribute("DefaultValue"))
    .filter((value): value is string => value !== null);
}

function pngSize(path: string): { width: number; height: number } {
  const bytes = readFileSync(path);
  expect(bytes.subarray(1, 4).toString("ascii")).toBe("PNG");
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

function assetPath(url: string): string {
  expect(url.startsWith(`${DEFAULT_PUBLIC_URL}/`)).toBe(true);
  return resolve(import.meta.dirname, "public", url.slice(DEFAULT_PUBLIC_URL.length + 1));
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe("the Outlook add-in manifest", () => {
  it("is the one write-manifest produces from the template for the default PUBLIC_URL", () => {
    expect(committed, "manifest.xml is out of date: run `npm run manifest -w addin`").toBe(
      renderManifest({ publicUrl: DEFAULT_PUBLIC_URL }),
    );
  });

  it("reads as a mail add-in with Mødeklar's id, Danish by default, asking only for ReadWriteItem", async () => {
    const info = await OfficeAddinManifest.readManifestFile(MANIFEST_PATH);
    expect(info.officeAppType).toBe("MailApp");
    expect(info.id).toBe(ADDIN_ID);
    expect(info.version).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    expect(info.providerName).toBe("Mødeklar");
    expect(info.defaultLocale).toBe("da-DK");
    expect(info.displayName).toBe("Mødeklar");
    expect(info.permissions).toBe("ReadWriteItem");
    expect(info.hosts).toEqual(["Mailbox"]);
    // The reader returns only the first AppDomain; the XML test below checks them all.
    expect(info.appDomains).toContain(DEFAULT_SIGN_IN_HOST);
    expect(info.iconUrl).toBe(`${DEFAULT_PUBLIC_URL}/assets/icon-64.png`);
    expect(info.highResolutionIconUrl).toBe(`${DEFAULT_PUBLIC_URL}/assets/icon-128.png`);
    expect(info.supportUrl).toBe(`${DEFAULT_PUBLIC_URL}/support.html`);
  });

  it("is read without any network request", async () => {
    const requests = [vi.spyOn(https, "request"), vi.spyOn(http, "request"), vi.spyOn(globalThis, "fetch")];
    await OfficeAddinManifest.readManifestFile(MANIFEST_PATH);
    for (const request of requests) expect(request).not.toHaveBeenCalled();
  });

  it("activates on meetings only, both when organizing and when reading them", () => {
    const rules = all(manifest, "Rule").filter((rule) => rule.getAttribute("xsi:type") === "ItemIs");
    expect(rules.map((rule) => [rule.getAttribute("ItemType"), rule.getAttribute("FormType")])).toEqual([
      ["Appointment", "Edit"],
      ["Appointment", "Read"],
    ]);
    expect(manifest.documentElement.getAttribute("xsi:type")).toBe("MailApp");
    expect(all(manifest, "Set")[0]?.getAttribute("MinVersion")).toBe("1.1");
  });

  it("puts a button that opens a pinnable task pane on the organizer's and the attendee's meeting", () => {
    const v1_1 = versionOverrides(manifest, "VersionOverridesV1_1");
    for (const surface of ["AppointmentOrganizerCommandSurface", "AppointmentAttendeeCommandSurface"]) {
      const point = commandSurface(v1_1, surface);
      expect(point, surface).toBeDefined();
      const buttons = all(point!, "Control").filter(
        (control) => control.getAttribute("xsi:type") === "Button",
      );
      expect(buttons).toHaveLength(1);
      const action = children(buttons[0]!, "Action")[0]!;
      expect(action.getAttribute("xsi:type")).toBe("ShowTaskpane");
      expect(children(action, "SupportsPinning")[0]?.textContent).toBe("true");
      expect(children(action, "SourceLocation")[0]?.getAttribute("resid")).toBe("Taskpane.Url");
    }
  });

  it("keeps the buttons for older Outlook clients that cannot pin or open a delegate's calendar", () => {
    const v1_0 = versionOverrides(manifest, "VersionOverridesV1_0");
    expect(minimumMailbox(v1_0)).toBe("1.3");
    for (const surface of ["AppointmentOrganizerCommandSurface", "AppointmentAttendeeCommandSurface"]) {
      const action = all(commandSurface(v1_0, surface)!, "Action")[0]!;
      expect(action.getAttribute("xsi:type")).toBe("ShowTaskpane");
      // SupportsPinning and SupportsSharedFolders exist only in the 1.1 schema.
      expect(children(action, "SupportsPinning")).toHaveLength(0);
    }
    expect(own(v1_0, "SupportsSharedFolders")).toHaveLength(0);
  });

  it("works in the mayor's calendar opened as a delegate, from Mailbox 1.8 on", () => {
    const v1_1 = versionOverrides(manifest, "VersionOverridesV1_1");
    expect(v1_1.parentElement).toBe(versionOverrides(manifest, "VersionOverridesV1_0"));
    expect(v1_1.getAttribute("xmlns")).toBe(
      "http://schemas.microsoft.com/office/mailappversionoverrides/1.1",
    );
    expect(minimumMailbox(v1_1)).toBe("1.8");
    const shared = own(v1_1, "SupportsSharedFolders");
    expect(shared).toHaveLength(1);
    expect(shared[0]!.textContent).toBe("true");
    expect(shared[0]!.parentElement?.tagName).toBe("DesktopFormFactor");
    // The schema wants it first in DesktopFormFactor, before the extension points.
    expect(shared[0]!.parentElement?.firstElementChild).toBe(shared[0]);
  });

  it("has an English override for the name, the description and every string", () => {
    const localized = [
      ...all(manifest, "DisplayName"),
      ...all(manifest, "Description").filter((element) => element.hasAttribute("DefaultValue")),
      ...all(manifest, `${BT}String`),
    ];
    expect(localized.length).toBeGreaterThan(4);
    for (const element of localized) {
      const overrides = [...children(element, "Override"), ...children(element, `${BT}Override`)];
      const english = overrides.filter((override) => override.getAttribute("Locale") === "en-US");
      expect(english, element.getAttribute("id") ?? element.tagName).toHaveLength(1);
      expect(english[0]!.getAttribute("Value")).not.toBe("");
      expect(element.getAttribute("DefaultValue")).not.toBe("");
    }
  });

  it("refers only to resources it defines, by ids of at most 32 characters", () => {
    for (const type of ["VersionOverridesV1_0", "VersionOverridesV1_1"] as const) {
      const section = versionOverrides(manifest, type);
      const defined = new Set(
        ["Image", "Url", "String"]
          .flatMap((tag) => own(section, `${BT}${tag}`))
          .map((e) => e.getAttribute("id")),
      );
      const referenced = all(section, "*")
        .filter((element) => element.closest("VersionOverrides") === section && element.hasAttribute("resid"))
        .map((element) => element.getAttribute("resid")!);
      expect(referenced.length).toBeGreaterThan(10);
      for (const resid of referenced) {
        expect(defined.has(resid), `${type} ${resid}`).toBe(true);
        expect(resid.length).toBeLessThanOrEqual(32);
      }
    }
  });

  it("gives every button icon the sizes Outlook asks for, each a PNG of that many pixels", () => {
    const icons = all(manifest, "Icon");
    expect(icons).toHaveLength(4);
    for (const icon of icons) {
      const section = icon.closest("VersionOverrides")!;
      const sizes = children(icon, `${BT}Image`).map((image) => image.getAttribute("size"));
      expect(sizes).toEqual(expect.arrayContaining(REQUIRED_ICON_SIZES));
      expect(sizes).toEqual(ALL_ICON_SIZES);
      for (const image of children(icon, `${BT}Image`)) {
        const size = Number(image.getAttribute("size"));
        const resource = own(section, `${BT}Image`).find(
          (r) => r.getAttribute("id") === image.getAttribute("resid"),
        );
        const file = assetPath(resource!.getAttribute("DefaultValue")!);
        expect(pngSize(file)).toEqual({ width: size, height: size });
      }
    }
  });

  it("shows a 64-pixel icon in the add-in list and a 128-pixel one on high-resolution screens", () => {
    const iconUrl = all(manifest, "IconUrl")[0]!.getAttribute("DefaultValue")!;
    const highResolution = all(manifest, "HighResolutionIconUrl")[0]!.getAttribute("DefaultValue")!;
    expect(pngSize(assetPath(iconUrl))).toEqual({ width: 64, height: 64 });
    expect(pngSize(assetPath(highResolution))).toEqual({ width: 128, height: 128 });
  });

  it("loads every page and icon from PUBLIC_URL and lets the sign-in host open in the pane", () => {
    const urls = loadedUrls(manifest);
    expect(urls.length).toBeGreaterThan(20);
    for (const url of urls) expect(url.startsWith(`${DEFAULT_PUBLIC_URL}/`), url).toBe(true);
    expect(all(manifest, "AppDomain").map((domain) => domain.textContent)).toEqual([
      DEFAULT_SIGN_IN_HOST,
      DEFAULT_PUBLIC_URL,
    ]);
  });
});

describe("write-manifest", () => {
  it("moves every URL to another PUBLIC_URL, and nothing is left pointing at localhost", () => {
    const publicUrl = "https://moedeklar.fjordby.dk/outlook";
    const xml = renderManifest({ publicUrl });
    const doc = parse(xml);
    const urls = loadedUrls(doc);
    expect(urls).toHaveLength(loadedUrls(manifest).length);
    for (const url of urls) expect(url.startsWith(`${publicUrl}/`), url).toBe(true);
    expect(xml).not.toContain("localhost");
    expect(all(doc, "AppDomain").map((domain) => domain.textContent)).toEqual([
      DEFAULT_SIGN_IN_HOST,
      "https://moedeklar.fjordby.dk",
    ]);
  });

  it("adds the tenant's sign-in host to AppDomains when it is not Microsoft's", () => {
    const doc = parse(
      renderManifest({ publicUrl: DEFAULT_PUBLIC_URL, signInHost: "https://localhost:4443" }),
    );
    expect(all(doc, "AppDomain").map((domain) => domain.textContent)).toContain("https://localhost:4443");
  });

  it("refuses a PUBLIC_URL that Outlook would not load", () => {
    expect(() => renderManifest({ publicUrl: "http://moedeklar.fjordby.dk" })).toThrow(/https/);
    expect(() => renderManifest({ publicUrl: "moedeklar.fjordby.dk" })).toThrow(/absolute URL/);
  });
});
