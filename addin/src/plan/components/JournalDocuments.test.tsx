import { cleanup, render, screen } from "@testing-library/react";
import type { JournalDocument, JournalOverview } from "@modeklar/shared";
import { afterEach, describe, expect, it } from "vitest";
import { I18nProvider } from "../../i18n";
import { JournalDocuments } from "./JournalDocuments";

const document = (
  kind: JournalDocument["kind"],
  key: string,
  title: string,
  state: JournalDocument["state"] = "notJournalised",
): JournalDocument => ({
  key,
  kind,
  title,
  state,
  caseNumber: state === "journalised" ? "01.02.05-G01-12-26" : null,
  requestedAt: state === "journalised" ? "2026-12-02T09:00:00Z" : null,
  journalisedAt: state === "journalised" ? "2026-12-02T09:00:00Z" : null,
  journalisedBy: state === "journalised" ? "Camilla Nørgaard" : null,
});
const meeting = (missing: boolean): JournalOverview => ({
  state: "notJournalised",
  documents: [
    document("invitation", "meeting:m1:invitation", "Møde om Havnevej", "journalised"),
    document("material", "meeting:m1:material:a", "Trafiktælling Havnevej"),
    document("material", "meeting:m1:material:b", "Støjmåling Havnevej", "journalised"),
    document("minutes", "meeting:m1:minutes:7", "Møde om Havnevej"),
  ],
  due: "2026-12-04T15:00:00Z",
  missing,
});

afterEach(cleanup);

describe("the journal step's documents", () => {
  it("name each mail of material by its subject and say where each document stands", () => {
    render(
      <I18nProvider locale="da">
        <JournalDocuments journal={meeting(false)} />
      </I18nProvider>,
    );
    const items = screen.getByRole("list", { name: "Mødets dokumenter til sagen" }).querySelectorAll("li");
    expect([...items].map((li) => li.textContent)).toEqual([
      "Mødeindkaldelse med dagsorden: journaliseret 02.12.2026, 10.00 af Camilla Nørgaard",
      "Mødemateriale «Trafiktælling Havnevej»: ikke journaliseret",
      "Mødemateriale «Støjmåling Havnevej»: journaliseret 02.12.2026, 10.00 af Camilla Nørgaard",
      "Beslutninger fra kalendermødet: ikke journaliseret",
    ]);
    expect(screen.queryByText(/Mangler journalisering/)).toBeNull();
  });

  it("say which documents are missing from the journal once past due, in Danish and English", () => {
    render(
      <I18nProvider locale="da">
        <JournalDocuments journal={meeting(true)} />
      </I18nProvider>,
    );
    expect(
      screen.getByText(
        "Mangler journalisering (frist 04.12.2026, 16.00): Mødemateriale «Trafiktælling Havnevej», Beslutninger fra kalendermødet",
      ),
    ).toBeTruthy();
    cleanup();
    render(
      <I18nProvider locale="en">
        <JournalDocuments journal={meeting(true)} />
      </I18nProvider>,
    );
    expect(
      screen.getByText(
        "Missing from the journal (due 04/12/2026, 16:00): Meeting material «Trafiktælling Havnevej», Decisions of the calendar meeting",
      ),
    ).toBeTruthy();
  });
});
