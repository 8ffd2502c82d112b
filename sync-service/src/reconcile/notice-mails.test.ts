import { DEFAULT_PRIVACY } from "@modeklar/shared";
import { describe, expect, it } from "vitest";
import { noticeMail } from "./notice-mails";

const before = {
  subject: "Møde med Lions Club",
  sensitivity: "normal",
  start: "2026-12-08T09:00:00Z",
  location: "Byrådssalen",
  cancelled: false,
};

describe("the kitchen's and the reception's notices", () => {
  it("tell of a move in plain Danish, with the day's name, kl. 10.00 and «» around the meeting", () => {
    const mail = noticeMail({
      to: "kantine@fjordby.dk",
      audience: "catering",
      before,
      after: { ...before, start: "2026-12-09T12:30:00Z", location: "" },
      privacy: DEFAULT_PRIVACY,
    });
    expect(mail.subject).toBe("Ændret: Møde med Lions Club");
    expect(mail.body.content).toBe(
      "Mødet «Møde med Lions Club» er flyttet fra tirsdag 8. december 2026 kl. 10.00 (Byrådssalen) " +
        "til onsdag 9. december 2026 kl. 13.30 (intet sted angivet). " +
        "Bestillingen af forplejning gælder det nye tidspunkt.",
    );
  });

  it("tell of a cancellation, and that the order is cancelled with it", () => {
    const mail = noticeMail({
      to: "reception@fjordby.dk",
      audience: "reception",
      before,
      after: null,
      privacy: DEFAULT_PRIVACY,
    });
    expect(mail.subject).toBe("Aflyst: Møde med Lions Club");
    expect(mail.body.content).toBe(
      "Mødet «Møde med Lions Club» tirsdag 8. december 2026 kl. 10.00 er aflyst. " +
        "Gæstelisten er derfor annulleret.",
    );
  });
});
