import { t, type Locale } from "../i18n/catalog";
import type { StepName } from "./plan";
import type { Readiness } from "./readiness";

// Apart from readiness(): a page that only words a readiness the service computed loads no plan schemas.

/** Readiness in words, as the task pane, the weekly view and the phone all say it. */
export interface ReadinessText {
  /** "3 af 5 klar", or "Intet at forberede". */
  summary: string;
  /** "Venter på svar: forplejning og lokale", or null when nothing waits. */
  waiting: string | null;
  /** "Mangler: mødemateriale", or null when nothing is missing. */
  missing: string | null;
}

function stepList(steps: StepName[], locale: Locale): string {
  const names = steps.map((step) => t(locale, `step.${step}`).toLocaleLowerCase(locale));
  return new Intl.ListFormat(locale, { type: "conjunction" }).format(names);
}

export function describeReadiness(ready: Readiness, locale: Locale): ReadinessText {
  return {
    summary:
      ready.needed === 0
        ? t(locale, "readiness.nothingNeeded")
        : t(locale, "readiness.summary", { done: ready.done, needed: ready.needed }),
    waiting:
      ready.waiting.length > 0
        ? t(locale, "readiness.waiting", { steps: stepList(ready.waiting, locale) })
        : null,
    missing:
      ready.missing.length > 0
        ? t(locale, "readiness.missing", { steps: stepList(ready.missing, locale) })
        : null,
  };
}
