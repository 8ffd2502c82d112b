import { describe, expect, it } from "vitest";
import { suggestCaseNumbers, type FiledInquiry } from "./suggestions";

const filed = (
  fromAddress: string,
  subject: string,
  caseNumber: string,
  receivedAt: string,
): FiledInquiry => ({
  fromAddress,
  subject,
  caseNumber,
  receivedAt,
});

const EARLIER = [
  filed(
    "kirsten.poulsen@mail.dk",
    "Støj fra byggepladsen på Havnevej",
    "01.02.05-G01-12-26",
    "2026-11-02T09:00:00Z",
  ),
  filed("ole.bak@gmail.com", "Cykelstien til Skovby", "05.01.08-P20-3-26", "2026-10-20T09:00:00Z"),
  filed("ole.bak@gmail.com", "Grundejerforeningens vedtægter", "00.01.00-A00-9-26", "2026-11-20T09:00:00Z"),
  filed(
    "anna.jensen@gmail.com",
    "Buslinje 212 og de ældre i Skovby",
    "13.05.02-P20-7-26",
    "2026-11-10T09:00:00Z",
  ),
];

describe("case number suggestions for an inquiry", () => {
  it("offers the cases the same sender wrote in before, newest first", () => {
    const suggestions = suggestCaseNumbers(
      { fromAddress: "Ole.Bak@gmail.com", subject: "Møde om stien" },
      EARLIER,
    );
    expect(suggestions.slice(0, 2)).toEqual([
      { caseNumber: "00.01.00-A00-9-26", reason: "sameSender", words: [] },
      { caseNumber: "05.01.08-P20-3-26", reason: "sameSender", words: [] },
    ]);
  });

  it("offers cases whose subjects share words with it, in any inflection", () => {
    const suggestions = suggestCaseNumbers(
      { fromAddress: "ny.borger@gmail.com", subject: "Mere støj fra byggeplads på Havnevej" },
      EARLIER,
    );
    expect(suggestions[0]).toEqual({
      caseNumber: "01.02.05-G01-12-26",
      reason: "sameWords",
      words: ["Støj", "byggepladsen", "Havnevej"],
    });
  });

  it("offers nothing for common words alone, and each case once", () => {
    expect(
      suggestCaseNumbers({ fromAddress: "x@y.dk", subject: "Spørgsmål til borgmesteren" }, EARLIER),
    ).toEqual([]);
    const both = suggestCaseNumbers(
      { fromAddress: "ole.bak@gmail.com", subject: "Cykelstien igen" },
      EARLIER,
    );
    expect(both.map((s) => s.caseNumber)).toEqual(["00.01.00-A00-9-26", "05.01.08-P20-3-26"]);
  });
});
