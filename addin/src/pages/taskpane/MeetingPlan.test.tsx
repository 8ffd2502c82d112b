import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { loadTaskPaneConfig, ServiceUnreachable, type ServiceSession } from "../../auth";
import { I18nProvider } from "../../i18n";
import { outlookHost } from "../../office";
import { mockOutlook, testMeeting } from "../../office/outlook-mock";
import { connectToService, MeetingPlan } from "./MeetingPlan";

const UNREACHABLE = /Mødeklars tjeneste kan ikke nås/;

function openMeeting() {
  globalThis.Office = mockOutlook({
    view: "organizer",
    meeting: testMeeting({ itemId: "AAMkAD-9" }),
  }).office;
  return outlookHost().currentMeeting()!;
}

function renderWith(connect: () => Promise<ServiceSession>) {
  render(
    <FluentProvider theme={webLightTheme}>
      <I18nProvider locale="da">
        <MeetingPlan meeting={openMeeting()} language="da" connect={connect} />
      </I18nProvider>
    </FluentProvider>,
  );
}

afterEach(() => {
  cleanup();
  Reflect.deleteProperty(globalThis, "Office");
  vi.unstubAllGlobals();
});

describe("the pane's connection to Mødeklar", () => {
  it("asks a signed-out secretary to sign in, and does not call the service unreachable", async () => {
    const token = vi.fn(() => Promise.resolve("token"));
    renderWith(() => Promise.resolve({ apiBase: "https://modeklar.test/api", signedIn: false, token }));
    const signIn = await screen.findByRole("button", { name: "Log ind på Mødeklar" });
    expect(screen.getByText("Log ind for at finde lokaler, bestille og gemme notater.")).toBeDefined();
    await screen.findByText("Alle ændringer er gemt.");
    expect(screen.queryByText(UNREACHABLE)).toBeNull();
    fireEvent.click(signIn);
    await waitFor(() => expect(screen.queryByRole("button", { name: "Log ind på Mødeklar" })).toBeNull());
    expect(token).toHaveBeenCalledOnce();
    expect(screen.queryByText(UNREACHABLE)).toBeNull();
  });

  it("says a failed sign-in failed and offers to try again, still not calling the service unreachable", async () => {
    renderWith(() => Promise.reject(new Error("popup_window_error")));
    fireEvent.click(await screen.findByRole("button", { name: "Log ind på Mødeklar" }));
    expect(
      await screen.findByText("Du blev ikke logget ind. Prøv igen, og brug din kommunes konto."),
    ).toBeDefined();
    expect(screen.queryByText(UNREACHABLE)).toBeNull();
  });

  it("says the service cannot be reached only when it does not answer", async () => {
    vi.stubGlobal(
      "fetch",
      vi.fn(() => Promise.reject(new TypeError("Failed to fetch"))),
    );
    renderWith(connectToService);
    expect(await screen.findByText(UNREACHABLE)).toBeDefined();
    expect(screen.queryByRole("button", { name: "Log ind på Mødeklar" })).toBeNull();
  });

  it("counts a service answering with an error as unreachable, not as signed out", async () => {
    vi.stubGlobal(
      "fetch",
      vi.fn(() => Promise.resolve(new Response("Bad gateway", { status: 502 }))),
    );
    await expect(loadTaskPaneConfig()).rejects.toBeInstanceOf(ServiceUnreachable);
  });
});
