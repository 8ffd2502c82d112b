/** What every benchmark reports: one row per figure, beside its target when it has one. */
export interface Figure {
  name: string;
  value: number;
  unit: string;
  /** e.g. "≤ 276" or "< 256"; the row says whether the value meets it. */
  target?: { text: string; met: boolean };
  note?: string;
}

export interface Benchmark {
  /** Also the name of its results file, bench-results/<name>.json. */
  name: string;
  description: string;
  run(): Promise<Figure[]>;
}

export function printTable(title: string, figures: Figure[]): string {
  const rows = figures.map((f) => [
    f.name,
    `${Number.isInteger(f.value) ? f.value : f.value.toFixed(1)} ${f.unit}`,
    f.target ? `${f.target.text} ${f.target.met ? "✓" : "✗"}` : "",
    f.note ?? "",
  ]);
  const header = ["figure", "value", "target", "note"];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join("  ")
      .trimEnd();
  return [title, line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}
