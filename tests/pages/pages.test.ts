import { readFileSync } from "node:fs";
import ICAL from "ical.js";
import type { Locator, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { apiToken, control, eventually, MAYOR, SECRETARY } from "../sync/stack";
import {
  danishContext,
  docsScreenshot,
  faintButtons,
  launchChromium,
  pageTests,
  PHONE,
  seriousViolations,
  signedIn,
} from "./browser";
import { api, GUEST, planOnEvent, PRIVATE_VISIT, seededMonday, seedDayLists } from "./fixtures";

let ids: { visitId: string; cateredId: string };
// A short safety poll: a change whose notification the engine misses still reaches the mirror in seconds.
const pages = pageTests({ env: { SAFETY_POLL_SECONDS: "2" } }, async (stack) => {
  ids = await seedDayLists(stack);
});

/** The mayor's copy of a meeting as the simulator holds it. */
async function simEvent(subject: string) {
  const events = (
    await control(
      pages.stack.sim,
      "GET",
      `/mailboxes/${encodeURIComponent(MAYOR)}/events?subject=${encodeURIComponent(subject)}`,
    )
  )["value"] as { subject: string; responseStatus?: { response: string } }[];
  return events.find((e) => e.subject === subject);
}

/** The first invitation on the phone that the simulator still shows unanswered (the mirror may lag a moment). */
async function unanswered(page: Page) {
  await page.getByRole("listitem").first().waitFor();
  for (const item of await page.getByRole("listitem").all()) {
    const subject = (await item.getByRole("heading").textContent()) ?? "";
    const response = (await simEvent(subject))?.responseStatus?.response;
    if (response === "none" || response === "notResponded") return { item, subject };
  }
  throw new Error("No unanswered invitation on the phone");
}

describe("every page in both colour schemes", () => {
  const views: { address: () => string; person: string; ready: (page: Page) => Locator; phone?: boolean }[] =
    [
      {
        address: () => `week.html?week=${seededMonday()}`,
        person: "Camilla Nørgaard",
        ready: (page) => page.getByRole("heading", { name: "Referat fra kalendermødet" }),
      },
      {
        address: () => "mobile.html",
        person: "Birgitte Holm Sørensen",
        ready: (page) => page.getByText(/invitationer? venter på svar/),
        phone: true,
      },
      {
        address: () => "daylist.html?role=reception",
        person: "Rådhusets reception",
        ready: (page) => page.getByRole("cell", { name: GUEST.name, exact: true }),
      },
      {
        address: () => "daylist.html?role=catering",
        person: "Kantinen",
        ready: (page) => page.locator("tr[data-order]").first(),
      },
    ];

  it.each(["light", "dark"] as const)(
    "in %s mode axe finds no serious contrast or other violations, no button is grey on grey, and the tab shows Mødeklar's icon",
    async (colorScheme) => {
      for (const { address: where, person, ready, phone } of views) {
        const address = where();
        const context = await danishContext(pages.browser, {
          colorScheme,
          ...(phone ? PHONE : { viewport: { width: 1280, height: 900 } }),
        });
        const page = await signedIn(pages.stack, context, address, person);
        await ready(page).waitFor();
        // Axe's colour-contrast rule is serious: the text of every page is read in this scheme.
        expect(await seriousViolations(page), `${address} in ${colorScheme}`).toEqual([]);
        expect(await faintButtons(page), `${address} in ${colorScheme}`).toEqual([]);
        // The browser tab shows Mødeklar's icon: the page names one and the service serves it.
        const iconOf = `document.querySelector('link[rel="icon"]')?.getAttribute("href")`;
        const icon = (await page.evaluate(iconOf)) as string | undefined;
        expect(icon, `${address} names an icon`).toBeTruthy();
        const served = await page.request.get(new URL(icon ?? "", page.url()).href);
        expect([served.status(), served.headers()["content-type"]], `${address}'s icon`).toEqual([
          200,
          "image/png",
        ]);
        await context.close();
      }
    },
  );
});

describe("the mayor's phone page", () => {
  it("the mayor accepts an invitation on a 375 px phone and the simulator's event shows the acceptance", async () => {
    const context = await danishContext(pages.browser, PHONE);
    const page = await signedIn(pages.stack, context, "mobile.html", "Birgitte Holm Sørensen");
    await page.getByText(/invitationer venter på svar/).waitFor();
    await docsScreenshot(page, "phone-da.png");
    expect(await seriousViolations(page)).toEqual([]);

    // Nothing sticks out sideways, and every answer button is a comfortable touch target.
    expect(await page.evaluate("document.documentElement.scrollWidth")).toBeLessThanOrEqual(375);
    const buttons = page.getByRole("button", { name: /^(Ja, deltag i|Måske til|Nej, afslå) / });
    for (const box of await Promise.all((await buttons.all()).map((b) => b.boundingBox()))) {
      expect(box!.height).toBeGreaterThanOrEqual(44);
      expect(box!.width).toBeGreaterThanOrEqual(44);
    }

    const { item: first, subject } = await unanswered(page);
    await first.getByRole("button", { name: `Ja, deltag i ${subject}` }).click();
    await page.getByText(`Du siger ja til «${subject}»`).waitFor();
    // The invitation leaves the list at once; within the undo window nothing has left the phone.
    expect(await page.getByRole("heading", { name: subject }).count()).toBe(0);
    expect(["none", "notResponded"]).toContain((await simEvent(subject))?.responseStatus?.response);
    await page.getByText(`Svaret på «${subject}» er sendt.`).waitFor({ timeout: 15_000 });
    expect((await simEvent(subject))?.responseStatus?.response).toBe("accepted");
    expect(await page.getByRole("heading", { name: subject }).count()).toBe(0);
    await context.close();
  });

  it("an answer undone in time is never sent", async () => {
    const context = await danishContext(pages.browser, PHONE);
    const page = await signedIn(pages.stack, context, "mobile.html", "Birgitte Holm Sørensen");
    const { item: first, subject } = await unanswered(page);
    await first.getByRole("button", { name: `Nej, afslå ${subject}` }).click();
    await page.getByRole("button", { name: "Fortryd" }).click();
    await page.getByRole("heading", { name: subject }).waitFor();
    await new Promise((resolve) => setTimeout(resolve, 6_000));
    expect(["none", "notResponded"]).toContain((await simEvent(subject))?.responseStatus?.response);
    await context.close();
  });

  it("an answer given without a connection is sent once when the connection is back", async () => {
    const context = await danishContext(pages.browser, PHONE);
    const page = await signedIn(pages.stack, context, "mobile.html", "Birgitte Holm Sørensen");
    const { item: first, subject } = await unanswered(page);
    const keys = new Set<string>();
    let delivered = 0;
    page.on("request", (request) => {
      if (request.url().includes("/respond")) keys.add(String(request.postDataJSON()?.idempotencyKey));
    });
    page.on("response", (response) => {
      if (response.url().includes("/respond") && response.ok()) delivered += 1;
    });
    await context.setOffline(true);
    await first.getByRole("button", { name: `Måske til ${subject}` }).click();
    await page
      .getByText(`Svaret på «${subject}» sendes, når der er forbindelse.`)
      .waitFor({ timeout: 15_000 });
    expect(await page.evaluate("localStorage.getItem('modeklar.phone.outbox')")).toContain(subject);
    expect(await page.getByRole("heading", { name: subject }).count()).toBe(0);
    await context.setOffline(false);
    await page.getByText(`Svaret på «${subject}» er sendt.`).waitFor({ timeout: 15_000 });
    expect((await simEvent(subject))?.responseStatus?.response).toBe("tentativelyAccepted");
    // Sent on reconnect, it stays off the list, also after the page is opened again.
    expect(await page.getByRole("heading", { name: subject }).count()).toBe(0);
    await page.reload();
    await page.getByText(/invitationer? venter på svar/).waitFor();
    expect(await page.getByRole("heading", { name: subject }).count()).toBe(0);
    // Tried while offline and again when back: always with the one key, delivered once.
    expect(keys.size).toBe(1);
    expect(delivered).toBe(1);
    await context.close();
  });

  it("can be installed: a web app manifest with icons and a service worker", async () => {
    // A service worker's script must come over a certificate the browser trusts; a phone trusts the
    // real one, this Chromium is told to accept the local development certificate.
    const trusting = await launchChromium(["--ignore-certificate-errors"]);
    const context = await danishContext(trusting);
    const page = await signedIn(pages.stack, context, "mobile.html", "Birgitte Holm Sørensen");
    const href = await page.locator('link[rel="manifest"]').getAttribute("href");
    const manifest = (await (await page.request.get(new URL(href!, page.url()).href)).json()) as {
      icons: { sizes: string }[];
      display: string;
    };
    expect(manifest.display).toBe("standalone");
    expect(manifest.icons.map((i) => i.sizes)).toEqual(expect.arrayContaining(["192x192", "512x512"]));
    expect(await page.evaluate("navigator.serviceWorker.ready.then((r) => Boolean(r.active))")).toBe(true);
    await context.close();
    await trusting.close();
  });
});

describe("the weekly calendar-meeting view", () => {
  it("lists the seeded week's conflicts and readiness, and a decision reaches Outlook and the minutes", async () => {
    const secretary = await apiToken(pages.stack.sim, SECRETARY);
    const week = (await api(pages.stack, secretary, "GET", `/week?week=${seededMonday()}`)).json() as {
      days: { meetings: { id: string; subject: string; attendance: string }[] }[];
    };
    const planned = week.days.flatMap((d) => d.meetings).find((m) => m.attendance !== "pending")!;
    const saved = await api(
      pages.stack,
      secretary,
      "PUT",
      `/meetings/${encodeURIComponent(planned.id)}/plan`,
      {
        baseRevision: 0,
        plan: { room: { state: "confirmed" }, catering: { state: "todo" } },
      },
    );
    expect(saved.status).toBe(200);

    const context = await danishContext(pages.browser, { viewport: { width: 1280, height: 900 } });
    const page = await signedIn(
      pages.stack,
      context,
      `week.html?week=${seededMonday()}`,
      "Jonas Vestergaard",
    );
    await page.getByRole("heading", { name: "Referat fra kalendermødet" }).waitFor();
    const meetings = page.locator("li[data-meeting]");
    await meetings
      .getByText(/overlapper/)
      .first()
      .waitFor();
    const line = page.locator(`li[data-meeting="${planned.id}"]`);
    await line.getByText("1 af 2 klar").waitFor();
    await line.getByText("Mangler: forplejning").waitFor();
    await docsScreenshot(page, "week-da.png");
    expect(await seriousViolations(page)).toEqual([]);

    const pending = page.locator("li[data-meeting]").filter({ hasText: "Ikke besvaret" }).first();
    const subject = (await pending.getByRole("heading").textContent()) ?? "";
    // Keyboard only: Enter opens the decisions with focus on the first, Enter chooses it.
    await pending.getByRole("button", { name: `Beslut om ${subject}` }).focus();
    await page.keyboard.press("Enter");
    await expect
      .poll(() =>
        page.evaluate(
          "document.activeElement?.getAttribute('role') + ': ' + document.activeElement?.textContent",
        ),
      )
      .toBe("menuitem: Deltag");
    await page.keyboard.press("Enter");
    await page.getByText("Beslutningen er ført til referat.").waitFor();
    await page.locator("li[data-minute]").filter({ hasText: subject }).waitFor();
    expect((await simEvent(subject))?.responseStatus?.response).toBe("accepted");
    await context.close();
  });

  it("prints on A4 with one section per day and nothing cut off", async () => {
    const context = await danishContext(pages.browser, { viewport: { width: 1280, height: 900 } });
    const page = await signedIn(pages.stack, context, `week.html?week=${seededMonday()}`, "Camilla Nørgaard");
    await page.getByRole("heading", { name: "Referat fra kalendermødet" }).waitFor();
    const pdf = await page.pdf({ format: "A4" });
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    // A4 less the page margins (12 mm each side) is 186 mm: 703 CSS pixels.
    await page.setViewportSize({ width: 703, height: 1000 });
    await page.emulateMedia({ media: "print" });
    const layout = (await page.evaluate(`(() => {
      const width = document.documentElement.clientWidth;
      const days = [...document.querySelectorAll("section[data-day]")].map((s) => s.getAttribute("data-day"));
      const overflowing = [...document.querySelectorAll("main *")]
        .filter((el) => {
          const box = el.getBoundingClientRect();
          return box.width > 0 && (box.right > width + 1 || el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX !== "visible");
        })
        .map((el) => el.tagName + " " + (el.textContent || "").slice(0, 40));
      const buttons = [...document.querySelectorAll("main button, main a[href]")].filter((b) => b.getBoundingClientRect().width > 0).length;
      return { days, overflowing, buttons, pageWidth: document.documentElement.scrollWidth };
    })()`)) as { days: string[]; overflowing: string[]; buttons: number; pageWidth: number };
    expect(layout.days.slice(0, 5)).toHaveLength(5);
    expect(new Set(layout.days).size).toBe(layout.days.length);
    expect(layout.overflowing).toEqual([]);
    expect(layout.pageWidth).toBeLessThanOrEqual(703);
    expect(layout.buttons).toBe(0);
    await context.close();
  });

  it("exports the week as an ICS file that a calendar library reads, with the week's meetings", async () => {
    const context = await danishContext(pages.browser, {
      viewport: { width: 1280, height: 900 },
      acceptDownloads: true,
    });
    const page = await signedIn(pages.stack, context, `week.html?week=${seededMonday()}`, "Camilla Nørgaard");
    await page.getByRole("heading", { name: "Referat fra kalendermødet" }).waitFor();
    const shown = await page.locator("li[data-meeting] h3").allTextContents();
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Hent som kalenderfil (.ics)" }).click(),
    ]);
    const text = readFileSync((await download.path())!, "utf8");
    const events = new ICAL.Component(ICAL.parse(text))
      .getAllSubcomponents("vevent")
      .map((v) => new ICAL.Event(v));
    const summaries = events.map((e) => e.summary);
    for (const subject of shown) expect(summaries).toContain(subject);
    expect(events.every((e) => e.startDate.compare(e.endDate) <= 0)).toBe(true);
    await context.close();
  });
});

describe("the reception's and the kitchen's day lists", () => {
  it.each([
    ["daylist.html?role=reception", "Rådhusets reception", `Marker ${GUEST.name} som kommet`],
    ["daylist.html?role=catering", "Kantinen", /^Bekræft bestillingen/],
  ] as const)(
    "on a 375 px phone %s reads as one card a row: every line on screen, nothing on top of another",
    async (address, person, action) => {
      const context = await danishContext(pages.browser, { ...PHONE, colorScheme: "dark" });
      const page = await signedIn(pages.stack, context, address, person);
      const button = page.getByRole("button", { name: action }).first();
      await button.waitFor();
      const box = await button.boundingBox();
      expect(box && box.x >= 0 && box.x + box.width <= PHONE.viewport.width).toBe(true);
      // Each cell of the first row is a line of its own, under the one before, with its column's name.
      const lines = (await page.evaluate(`[...document.querySelector("tbody tr").cells].map((cell) => {
        const box = cell.getBoundingClientRect();
        return { label: cell.dataset.label, top: box.top, bottom: box.bottom, right: box.right };
      })`)) as { label: string; top: number; bottom: number; right: number }[];
      expect(lines.length).toBeGreaterThan(5);
      for (const [index, line] of lines.entries()) {
        expect(line.label).toBeTruthy();
        expect(line.right).toBeLessThanOrEqual(PHONE.viewport.width);
        if (index > 0) expect(line.top).toBeGreaterThanOrEqual(lines[index - 1]!.bottom - 1);
      }
      expect(await seriousViolations(page)).toEqual([]);
      await context.close();
    },
  );

  it("the reception sees tomorrow's guest but nothing of the private meeting, and marks the guest arrived", async () => {
    const context = await danishContext(pages.browser, { viewport: { width: 1280, height: 800 } });
    const page = await signedIn(pages.stack, context, "daylist.html?role=reception", "Rådhusets reception");
    await page.getByRole("cell", { name: GUEST.name, exact: true }).waitFor();
    const content = (await page.content()) + JSON.stringify(await page.evaluate("localStorage"));
    expect(content).not.toContain(PRIVATE_VISIT);
    expect(content).not.toContain("Kandidatens");
    await docsScreenshot(page, "reception-da.png");
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole("button", { name: `Marker ${GUEST.name} som kommet` }).click();
    await page.getByText(`${GUEST.name} er markeret som kommet, og værten har fået besked.`).waitFor();
    await page.getByText(/^Kom kl\. \d\d[.:]\d\d$/).waitFor();
    await context.close();
  });

  it("the kitchen confirms an order and the meeting's plan shows it confirmed", async () => {
    const context = await danishContext(pages.browser, { viewport: { width: 1280, height: 800 } });
    const page = await signedIn(pages.stack, context, "daylist.html?role=catering", "Kantinen");
    const row = page.locator(`tr[data-order="${ids.cateredId}"]`);
    await row.waitFor();
    await expect(row.textContent()).resolves.toContain("3 vegetar");
    await docsScreenshot(page, "catering-da.png");
    expect(await seriousViolations(page)).toEqual([]);
    await row.getByRole("button", { name: /^Bekræft bestillingen/ }).click();
    await row.getByText("Bekræftet").waitFor();
    expect((await planOnEvent(pages.stack, ids.cateredId))?.catering.state).toBe("confirmed");
    const plan = await eventually("the confirmed plan in the service", async () => {
      const secretary = await apiToken(pages.stack.sim, SECRETARY);
      const stored = (
        await api(pages.stack, secretary, "GET", `/meetings/${encodeURIComponent(ids.cateredId)}/plan`)
      ).json() as {
        plan: { catering: { state: string } } | null;
      };
      return stored.plan?.catering.state === "confirmed" ? stored.plan : null;
    });
    expect(plan.catering.state).toBe("confirmed");
    await context.close();
  });
});
