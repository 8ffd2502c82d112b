import type { BrowserContext, FrameLocator } from "playwright-core";

/**
 * The seeded "plan everything" flow in the task pane, as the secretary does it with the mouse:
 * sign in, book a free room, order coffee, send two guests to the reception, order material
 * and set the case number. The in-Outlook browser test runs exactly these actions, and the
 * task-pane benchmark counts their clicks, so the figure is the one the test performed.
 */
export type PaneAction =
  /** Sign in: the pane's button, then the account in the identity provider's popup. */
  | { do: "signIn" }
  | { do: "click"; button: string | RegExp; exact?: boolean }
  | { do: "check"; label: string }
  /** Click into a field and type (typing is not a click). */
  | { do: "fill"; label: string; value: string }
  /** Open a list and pick an option: two clicks. */
  | { do: "select"; label: string; value: string }
  /** Wait until the secretary can see this text (or the step shows this state). */
  | { do: "see"; text: string | RegExp }
  | { do: "seeState"; step: string; state: string };

export const PLAN_EVERYTHING: readonly PaneAction[] = [
  { do: "signIn" },
  { do: "click", button: "Find ledige lokaler" },
  { do: "click", button: /^Book / },
  { do: "see", text: /har bekræftet bookingen/ },
  { do: "check", label: "Kaffe og te" },
  { do: "click", button: "Bestil", exact: true },
  { do: "see", text: "Bestilt hos køkkenet." },
  { do: "fill", label: "Navn", value: "Mette Lund" },
  { do: "fill", label: "Organisation", value: "Fjordby Havn" },
  { do: "click", button: "Tilføj gæst" },
  { do: "see", text: "Mette Lund, Fjordby Havn" },
  { do: "fill", label: "Navn", value: "Ole Berg" },
  { do: "fill", label: "Organisation", value: "Fjordby Erhvervsråd" },
  { do: "click", button: "Tilføj gæst" },
  { do: "see", text: "Ole Berg, Fjordby Erhvervsråd" },
  { do: "click", button: "Send til receptionen" },
  { do: "seeState", step: "reception", state: "Bestilt" },
  { do: "fill", label: "Hvad skal bestilles", value: "Notat om havneudvidelsen" },
  { do: "select", label: "Afdeling", value: "teknik-miljoe@fjordby.dk" },
  { do: "click", button: "Bestil materiale" },
  { do: "see", text: "Bestilt hos afdelingen." },
  { do: "fill", label: "Journalnummer", value: "00.01.00-A00-17-26" },
  { do: "seeState", step: "journal", state: "Bekræftet" },
];

/** The same flow before the forms showed at once: a status list changed first in six steps. */
export const CLICKS_BEFORE = 28;

const CLICKS: Record<PaneAction["do"], number> = {
  signIn: 2,
  click: 1,
  check: 1,
  fill: 1,
  select: 2,
  see: 0,
  seeState: 0,
};

export function clicksOf(actions: readonly PaneAction[]): number {
  return actions.reduce((sum, action) => sum + CLICKS[action.do], 0);
}

/** Runs the flow in the pane; returns the clicks it took. */
export async function runPaneActions(
  context: BrowserContext,
  pane: FrameLocator,
  actions: readonly PaneAction[],
  signIn: (context: BrowserContext, pane: FrameLocator) => Promise<void>,
): Promise<number> {
  const timeout = 60_000;
  for (const action of actions) {
    switch (action.do) {
      case "signIn":
        await signIn(context, pane);
        break;
      case "click":
        await pane
          .getByRole("button", { name: action.button, ...(action.exact ? { exact: true } : {}) })
          .first()
          .click({ timeout });
        break;
      case "check":
        await pane.getByLabel(action.label).check({ timeout });
        break;
      case "fill":
        await pane.getByLabel(action.label).fill(action.value, { timeout });
        break;
      case "select":
        await pane.getByLabel(action.label).selectOption(action.value, { timeout });
        break;
      case "see":
        await pane.getByText(action.text).first().waitFor({ timeout });
        break;
      case "seeState":
        await pane
          .locator(`section[data-step="${action.step}"] .fui-Badge`)
          .getByText(action.state, { exact: true })
          .waitFor({ timeout });
        break;
    }
  }
  return clicksOf(actions);
}
