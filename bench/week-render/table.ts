/**
 * The board's baseline: the same 240 meetings and the same Danish text as one bare HTML
 * table built with the DOM, no React, no Fluent: what showing this much costs at the least.
 */
import { describeReadiness } from "../../shared/src/plan/readiness-text";
import { timeOf } from "../../addin/src/components/format";
import { translator } from "../../addin/src/i18n/translate";
import { measureRendered, meetings } from "./meetings";

const t = translator("da");

function cells(row: HTMLTableRowElement, texts: string[]): void {
  for (const text of texts) row.insertCell().textContent = text;
}

performance.mark("modeklar:week-data");
const table = document.createElement("table");
cells(table.createTHead().insertRow(), [
  "Dato",
  "Tid",
  "Møde",
  "Prioritet",
  "Klar",
  "Mangler",
  "Sted",
  "Konflikter",
  "Forslag",
]);
const body = table.createTBody();
for (const meeting of meetings) {
  const ready = describeReadiness(meeting.readiness, "da");
  cells(body.insertRow(), [
    meeting.start.slice(0, 10),
    `${timeOf(meeting.start, "da")}–${timeOf(meeting.end, "da")}`,
    meeting.subject,
    `${t(`priority.${meeting.priority.class}`)}, ${t("priority.reason", { reason: meeting.priority.reason })}`,
    ready.summary,
    [ready.waiting, ready.missing].filter(Boolean).join(" · "),
    meeting.location,
    meeting.conflicts.map((c) => `${c.text} ${c.action}`).join(" "),
    meeting.suggested ? t(`answer.suggested.${meeting.suggested}`) : "",
  ]);
}
document.getElementById("root")!.append(table);
measureRendered();
