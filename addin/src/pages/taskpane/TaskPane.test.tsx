import { act, cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { connectOutlook } from "../../office";
import { mockOutlook, testMeeting } from "../../office/outlook-mock";
import { TaskPane } from "./TaskPane";

function openInOutlook(displayLanguage: string, subject = "Møde med Erhvervsrådet") {
  const outlook = mockOutlook({ view: "organizer", meeting: testMeeting({ subject }), displayLanguage });
  globalThis.Office = outlook.office;
  return outlook;
}

afterEach(() => {
  cleanup();
  Reflect.deleteProperty(globalThis, "Office");
  vi.restoreAllMocks();
});

describe("the task pane", () => {
  it("says plainly that it must be opened from Outlook when opened in a browser", async () => {
    vi.spyOn(navigator, "language", "get").mockReturnValue("da-DK");
    render(<TaskPane connect={connectOutlook} />);
    expect(await screen.findByText("Åbn Mødeklar fra Outlook")).toBeDefined();
    expect(screen.getByRole("heading", { level: 1 }).textContent).toBe("Mødeplan");
  });

  it("shows the selected meeting in Outlook's language", async () => {
    openInOutlook("en-US");
    render(<TaskPane connect={connectOutlook} />);
    expect((await screen.findByRole("heading", { level: 2 })).textContent).toBe("Møde med Erhvervsrådet");
    expect(screen.getByRole("heading", { level: 1 }).textContent).toBe("Meeting plan");
    expect(document.documentElement.lang).toBe("en");
  });

  it("brings the keyboard into the pane when it opens: the meeting's name has the focus", async () => {
    openInOutlook("da-DK");
    render(<TaskPane connect={connectOutlook} />);
    const heading = await screen.findByRole("heading", { level: 2 });
    await vi.waitFor(() => expect(document.activeElement).toBe(heading));
  });

  it("follows the selection when pinned, and asks for a meeting when none is selected", async () => {
    const outlook = openInOutlook("da-DK");
    render(<TaskPane connect={connectOutlook} />);
    await screen.findByText("Møde med Erhvervsrådet");
    await vi.waitFor(() => expect(outlook.itemChangedHandlers).toHaveLength(1));

    act(() => outlook.select({ ...outlook.office.context.mailbox.item, subject: "Byrådsmøde" }));
    expect(await screen.findByText("Byrådsmøde")).toBeDefined();

    act(() => outlook.select(undefined));
    expect(await screen.findByText("Vælg et møde i kalenderen for at se dets plan.")).toBeDefined();
  });

  it("tells the secretary when Outlook fails, and tries again when she asks", async () => {
    const outlook = openInOutlook("da-DK");
    outlook.failNext("subject.getAsync", { code: 9002, name: "InternalError" });
    render(<TaskPane connect={connectOutlook} />);
    expect(await screen.findByText("Outlook kunne ikke læse mødet. Prøv igen om lidt.")).toBeDefined();
    fireEvent.click(screen.getByRole("button", { name: "Prøv igen" }));
    expect((await screen.findByRole("heading", { level: 2 })).textContent).toBe("Møde med Erhvervsrådet");
  });
});
