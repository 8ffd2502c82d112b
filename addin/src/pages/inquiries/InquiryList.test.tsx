import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import type { Inquiry } from "@modeklar/shared";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { ServiceSession } from "../../auth";
import { I18nProvider } from "../../i18n";
import { InquiryList } from "./InquiryList";

const session: ServiceSession = {
  apiBase: "https://service.test",
  signedIn: true,
  token: async () => "token",
};
const FORMAT = {
  pattern: "^\\d{2}\\.\\d{2}\\.\\d{2}-[A-ZÆØÅ]\\d{2}-\\d{1,6}-\\d{2}$",
  example: "00.01.00-A00-1-24",
};

const notJournalised = {
  state: "notJournalised" as const,
  caseNumber: null,
  requestedAt: null,
  journalisedAt: null,
  journalisedBy: null,
};
const inquiry = (journalised: boolean): Inquiry => ({
  id: "i1",
  messageId: "m1",
  fromAddress: "kirsten.poulsen@mail.dk",
  fromName: "Kirsten Poulsen",
  subject: "Støj fra byggepladsen",
  receivedAt: "2026-11-30T09:00:00Z",
  dueAt: "2026-12-14T15:00:00Z",
  department: null,
  departmentSource: null,
  status: "answered",
  caseNumber: journalised ? "01.02.05-G01-12-26" : null,
  forwardedAt: null,
  answeredAt: "2026-12-01T09:00:00Z",
  answeredBy: "Camilla Nørgaard",
  updatedBy: "x",
  updatedAt: "2026-12-01T09:00:00Z",
  journal: {
    state: journalised ? "journalised" : "notJournalised",
    documents: ["inquiry", "answer"].map((kind) => ({
      key: `inquiry:i1:${kind}`,
      kind: kind as "inquiry" | "answer",
      title: kind === "answer" ? "SV: Støj fra byggepladsen" : "Støj fra byggepladsen",
      ...(journalised
        ? {
            state: "journalised" as const,
            caseNumber: "01.02.05-G01-12-26",
            requestedAt: "2026-12-06T09:00:00Z",
            journalisedAt: "2026-12-06T09:00:00Z",
            journalisedBy: "Camilla Nørgaard",
          }
        : notJournalised),
    })),
    due: journalised ? null : "2026-12-04T15:00:00Z",
    missing: !journalised,
  },
  suggestions: journalised ? [] : [{ caseNumber: "01.02.05-G01-12-26", reason: "sameSender", words: [] }],
});

const json = (body: unknown) =>
  new Response(JSON.stringify(body), { status: 200, headers: { "content-type": "application/json" } });

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe("the inquiry list's journal", () => {
  it("suggests the case number, refuses one not in the municipality's form and journalises the inquiry with its answer", async () => {
    const fetch = vi.fn<typeof globalThis.fetch>();
    fetch
      .mockResolvedValueOnce(json({ inquiries: [inquiry(false)], caseNumberFormat: FORMAT }))
      .mockResolvedValueOnce(json(inquiry(true)))
      .mockResolvedValueOnce(json({ inquiries: [inquiry(true)], caseNumberFormat: FORMAT }));
    vi.stubGlobal("fetch", fetch);
    render(
      <I18nProvider locale="da">
        <InquiryList session={session} />
      </I18nProvider>,
    );
    const field = (await screen.findByLabelText("Journalnummer")) as HTMLInputElement;
    expect(field.value).toBe("01.02.05-G01-12-26");
    expect(screen.getByText(/Mangler journalisering/)).toBeTruthy();
    fireEvent.change(field, { target: { value: "2026-42" } });
    fireEvent.click(screen.getByRole("button", { name: "Journaliser med svar" }));
    expect(await screen.findByText(/Forventet form: 00.01.00-A00-1-24/)).toBeTruthy();
    expect(fetch).toHaveBeenCalledTimes(1);
    fireEvent.click(screen.getByRole("button", { name: /Forslag: 01.02.05-G01-12-26/ }));
    fireEvent.click(screen.getByRole("button", { name: "Journaliser med svar" }));
    expect(await screen.findByText("Sendt til journalen.")).toBeTruthy();
    const [url, init] = fetch.mock.calls[1] ?? [];
    expect(String(url)).toBe("https://service.test/inquiries/i1/journal");
    expect(JSON.parse(String(init?.body))).toEqual({ caseNumber: "01.02.05-G01-12-26" });
    expect(
      await screen.findAllByText(/Journaliseret .* af Camilla Nørgaard på sag 01.02.05-G01-12-26/),
    ).toHaveLength(2);
  });
});
