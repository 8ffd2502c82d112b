import { readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseManifest, textFor } from "./manifest";

const repoManifest = () => readFile(path.resolve(import.meta.dirname, "../../../manifest.xml"), "utf8");

const small = (extra = "") => `<?xml version="1.0" encoding="UTF-8"?>
<OfficeApp xmlns="http://schemas.microsoft.com/office/appforoffice/1.1"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xmlns:bt="http://schemas.microsoft.com/office/officeappbasictypes/1.0" xsi:type="MailApp">
  <Id>0f0f0f0f-0000-4000-8000-000000000001</Id>
  <DisplayName DefaultValue="Prøve"/>
  <VersionOverrides xmlns="http://schemas.microsoft.com/office/mailappversionoverrides" xsi:type="VersionOverridesV1_0">
    <Hosts><Host xsi:type="MailHost"><DesktopFormFactor>
      <ExtensionPoint xsi:type="AppointmentAttendeeCommandSurface">
        <OfficeTab id="TabDefault"><Group id="G"><Label resid="G.Label"/>
          <Control xsi:type="Button" id="B">
            <Label resid="B.Label"/>
            <Supertip><Title resid="B.Label"/><Description resid="B.Tip"/></Supertip>
            <Icon><bt:Image size="16" resid="I.16"/></Icon>
            <Action xsi:type="ShowTaskpane"><SourceLocation resid="${extra || "Pane.Url"}"/></Action>
          </Control>
        </Group></OfficeTab>
      </ExtensionPoint>
    </DesktopFormFactor></Host></Hosts>
    <Resources>
      <bt:Images><bt:Image id="I.16" DefaultValue="https://pane.example/16.png"/></bt:Images>
      <bt:Urls><bt:Url id="Pane.Url" DefaultValue="https://pane.example/pane.html"/></bt:Urls>
      <bt:ShortStrings>
        <bt:String id="G.Label" DefaultValue="Gruppe"/>
        <bt:String id="B.Label" DefaultValue="Åbn"><bt:Override Locale="en-US" Value="Open"/></bt:String>
      </bt:ShortStrings>
      <bt:LongStrings><bt:String id="B.Tip" DefaultValue="Åbner ruden"/></bt:LongStrings>
    </Resources>
  </VersionOverrides>
</OfficeApp>`;

describe("reading the add-in manifest", () => {
  it("finds the add-in id and a pinnable button on both appointment surfaces of the newest VersionOverrides", async () => {
    const manifest = parseManifest(await repoManifest());
    expect(manifest.id).toBe("33bcca4f-8047-4cd1-ace4-90b74060745f");
    expect(manifest.supportsSharedFolders).toBe(true);
    expect(manifest.buttons.map((b) => [b.surface, b.supportsPinning])).toEqual([
      ["AppointmentOrganizerCommandSurface", true],
      ["AppointmentAttendeeCommandSurface", true],
    ]);
    const [organizer] = manifest.buttons;
    expect(organizer?.taskpaneUrl).toMatch(/\/taskpane\.html$/);
    expect(organizer?.icons.map((i) => i.size)).toEqual([16, 20, 24, 32, 40, 48, 64, 80]);
  });

  it("labels the button in Danish by default and in English for an English display language", async () => {
    const [button] = parseManifest(await repoManifest()).buttons;
    if (!button) throw new Error("no button");
    expect(textFor(button.label, "da-DK")).toBe("Mødeplan");
    expect(textFor(button.label, "en-US")).toBe("Meeting plan");
    expect(textFor(button.label, "en-GB")).toBe("Meeting plan");
    expect(textFor(button.label, "de-DE")).toBe("Mødeplan");
  });

  it("reads a manifest with only VersionOverrides 1.0 and no pinning", () => {
    const manifest = parseManifest(small());
    expect(manifest.displayName.default).toBe("Prøve");
    expect(manifest.supportsSharedFolders).toBe(false);
    expect(manifest.buttons).toEqual([
      {
        surface: "AppointmentAttendeeCommandSurface",
        id: "B",
        groupLabel: { default: "Gruppe", overrides: {} },
        label: { default: "Åbn", overrides: { "en-US": "Open" } },
        tooltip: { default: "Åbner ruden", overrides: {} },
        icons: [{ size: 16, url: "https://pane.example/16.png" }],
        taskpaneUrl: "https://pane.example/pane.html",
        supportsPinning: false,
      },
    ]);
  });

  it("says which resource is missing when a button names one the manifest does not define", () => {
    expect(() => parseManifest(small("Nowhere.Url"))).toThrow(/'Nowhere\.Url'/);
  });

  it("refuses a document that is not an add-in manifest", () => {
    expect(() => parseManifest("<html><body/></html>")).toThrow(/<Id>/);
  });
});
