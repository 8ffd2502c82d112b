import { InquiriesResponseSchema, type Inquiry } from "@modeklar/shared";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { apiToken, eventually, SECRETARY } from "../sync/stack";
import { danishContext, faintButtons, pageTests, PHONE, seriousViolations, signedIn } from "./browser";
import { api } from "./fixtures";

const pages = pageTests({ env: { SAFETY_POLL_SECONDS: "2", JOURNAL_MAILBOX: "journal@fjordby.dk" } });

/** Presses Tab until the focus is on `target` (keyboard only, as a person without a mouse does). */
async function tabTo(page: Page, isTarget: () => Promise<boolean>, what: string): Promise<void> {
  for (let presses = 0; presses < 80; presses += 1) {
    if (await isTarget()) return;
    await page.keyboard.press("Tab");
  }
  throw new Error(`Tab never reached ${what}`);
}

describe("journalising an inquiry on inquiries.html", () => {
  it("the secretary journalises an inquiry by keyboard alone on a 375 px phone in dark mode: a wrong case number shows the form expected, then it reads journaliseret with who, when and which case", async () => {
    const secretary = await apiToken(pages.stack.sim, SECRETARY);
    const { inquiry, example } = await eventually(
      "an inquiry not journalised",
      async () => {
        const response = await api(pages.stack, secretary, "GET", "/inquiries");
        if (response.status !== 200) return null;
        const body = InquiriesResponseSchema.parse(response.json());
        const open = body.inquiries.find((i: Inquiry) => i.journal.state === "notJournalised");
        return open ? { inquiry: open, example: body.caseNumberFormat.example } : null;
      },
      120_000,
    );

    const context = await danishContext(pages.browser, {
      colorScheme: "dark",
      ...PHONE,
    });
    const page = await signedIn(pages.stack, context, "inquiries.html", "Camilla Nørgaard");
    const card = page.getByRole("group", { name: inquiry.subject });
    await card.waitFor({ timeout: 60_000 });
    expect(await seriousViolations(page)).toEqual([]);
    expect(await faintButtons(page)).toEqual([]);
    // Printed, the list keeps each inquiry's state and deadline and leaves out the form (it leads nowhere on paper).
    await page.emulateMedia({ media: "print" });
    expect(await page.getByRole("textbox").count()).toBe(0);
    expect(await page.getByRole("button", { name: /^Journaliser/ }).count()).toBe(0);
    await expect(card.getByRole("list", { name: "Journalisering" }).isVisible()).resolves.toBe(true);
    await page.emulateMedia({ media: "screen" });

    const field = card.getByRole("textbox", { name: /Journalnummer/ });
    await tabTo(
      page,
      async () =>
        (await page.evaluate("document.activeElement?.id ?? ''")) === (await field.getAttribute("id")),
      "the case number field",
    );
    await page.keyboard.press("ControlOrMeta+a");
    await page.keyboard.type("sag 12");
    await page.keyboard.press("Enter");
    await card
      .getByText(`«sag 12» er ikke et journalnummer i kommunens format. Forventet form: ${example}`)
      .waitFor();
    expect(await field.getAttribute("aria-invalid")).toBe("true");
    expect(await seriousViolations(page)).toEqual([]);

    await page.keyboard.press("ControlOrMeta+a");
    await page.keyboard.type(example);
    await tabTo(
      page,
      async () =>
        /^Journaliser/.test(
          ((await page.evaluate("document.activeElement?.textContent ?? ''")) as string) ?? "",
        ),
      "the journalise button",
    );
    await page.keyboard.press("Enter");

    const journalised = new RegExp(
      `Journaliseret .+ af Camilla Nørgaard på sag ${example.replace(/[.-]/g, "\\$&")}`,
    );
    await eventually(
      "the inquiry journalised",
      async () => {
        await page.reload();
        const list = page
          .getByRole("group", { name: inquiry.subject })
          .getByRole("list", { name: "Journalisering" });
        await list.waitFor({ timeout: 30_000 });
        const items = await list.getByRole("listitem").allTextContents();
        return items.length > 0 && items.every((text) => journalised.test(text));
      },
      120_000,
    );
    const shown = page.getByRole("group", { name: inquiry.subject });
    await expect(shown.getByRole("textbox", { name: /Journalnummer/ }).count()).resolves.toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    expect(await faintButtons(page)).toEqual([]);
    await context.close();
  }, 400_000);
});
