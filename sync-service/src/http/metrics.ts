/**
 * A small Prometheus text-format registry: counters and gauges with labels. The service
 * needs a handful of series (sync lag, items, Graph requests by status, retries); a
 * dependency would add more than it saves.
 */
type Labels = Record<string, string>;

interface Series {
  help: string;
  type: "counter" | "gauge";
  values: Map<string, { labels: Labels; value: number }>;
}

const escape = (v: string) => v.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n");
const keyOf = (labels: Labels) =>
  Object.keys(labels)
    .sort()
    .map((k) => `${k}="${escape(labels[k] ?? "")}"`)
    .join(",");

export class Metrics {
  private series = new Map<string, Series>();

  private get(name: string, help: string, type: Series["type"]): Series {
    let s = this.series.get(name);
    if (!s) {
      s = { help, type, values: new Map() };
      this.series.set(name, s);
    }
    return s;
  }

  inc(name: string, help: string, labels: Labels = {}, by = 1): void {
    const s = this.get(name, help, "counter");
    const key = keyOf(labels);
    const entry = s.values.get(key) ?? { labels, value: 0 };
    entry.value += by;
    s.values.set(key, entry);
  }

  set(name: string, help: string, labels: Labels, value: number): void {
    this.get(name, help, "gauge").values.set(keyOf(labels), { labels, value });
  }

  /** The process's own memory, as Prometheus' client libraries name it, read at each scrape. */
  private processMemory(): void {
    const memory = process.memoryUsage();
    this.set("process_resident_memory_bytes", "Resident memory size in bytes.", {}, memory.rss);
    this.set("nodejs_heap_size_used_bytes", "JavaScript heap in use, bytes.", {}, memory.heapUsed);
    this.set("nodejs_heap_size_total_bytes", "JavaScript heap reserved, bytes.", {}, memory.heapTotal);
    this.set(
      "nodejs_external_memory_bytes",
      "Memory outside the JavaScript heap held by its objects (buffers, WebAssembly memory), bytes.",
      {},
      memory.external,
    );
  }

  render(): string {
    this.processMemory();
    const lines: string[] = [];
    for (const [name, s] of this.series) {
      lines.push(`# HELP ${name} ${s.help}`, `# TYPE ${name} ${s.type}`);
      for (const [key, { value }] of s.values)
        lines.push(key ? `${name}{${key}} ${value}` : `${name} ${value}`);
    }
    return `${lines.join("\n")}\n`;
  }
}
