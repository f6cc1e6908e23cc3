/** Escapes text for HTML and SVG element content and attribute values. */
export function esc(text: string | number): string {
  return String(text).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

/** One row of a bar chart: a label and one value per series; `shown` replaces the printed value (e.g. "1–2"). */
export interface Bar {
  label: string;
  values: readonly number[];
  shown?: readonly string[];
}

export interface BarChartSpec {
  /** Accessible name of the picture (read by screen readers). */
  title: string;
  /** Series names for the legend; one series needs none. */
  series?: readonly string[];
  bars: readonly Bar[];
  /** A reference line drawn across the bars (e.g. a cap at 100 %). */
  marker?: { value: number; label: string };
  /** Largest value on the axis; default the largest value (or marker). */
  max?: number;
  /** Appended to printed values, e.g. " %". */
  unit?: string;
  width?: number;
}

/** Colours that stay apart for common colour-vision deficiencies (Okabe–Ito blue, orange, bluish green). */
export const SERIES_COLOURS = ["#0072b2", "#e69f00", "#009e73", "#cc79a7"] as const;

const ROW = 18;
const GAP = 8;
const VALUE_WIDTH = 64;

/**
 * A horizontal bar chart as inline SVG: one group of bars per row, the value printed at each bar's end.
 * Pure string building (no DOM, no browser, no dependency); all text is escaped.
 *
 * @example barChart({ title: "Lettings per district", bars: [{ label: "Vivalla", values: [3] }] })
 */
export function barChart(spec: BarChartSpec): string {
  const width = spec.width ?? 640;
  const series = spec.series ?? [];
  const n = Math.max(1, ...spec.bars.map((b) => b.values.length));
  const legend = series.length > 1 ? 22 : 0;
  // Room for the longest label at about 7.3 px per character of 12 px text, within bounds.
  const labelWidth = Math.min(360, Math.max(90, Math.ceil(Math.max(0, ...spec.bars.map((b) => b.label.length)) * 7.3) + 14));
  const plot = width - labelWidth - VALUE_WIDTH;
  const max = Math.max(spec.max ?? 0, spec.marker?.value ?? 0, ...spec.bars.flatMap((b) => b.values), 1);
  const groupHeight = n * ROW + GAP;
  const height = legend + Math.max(1, spec.bars.length) * groupHeight + 4;
  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" aria-label="${esc(spec.title)}" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`);
  out.push(`<title>${esc(spec.title)}</title>`);
  if (legend > 0) {
    let x = labelWidth;
    series.forEach((name, i) => {
      out.push(`<rect x="${x}" y="4" width="12" height="12" fill="${SERIES_COLOURS[i % SERIES_COLOURS.length]}"/><text x="${x + 16}" y="14" class="legend">${esc(name)}</text>`);
      x += 24 + name.length * 7;
    });
  }
  spec.bars.forEach((bar, row) => {
    const top = legend + row * groupHeight;
    out.push(`<text x="${labelWidth - 8}" y="${top + (n * ROW) / 2 + 4}" text-anchor="end" class="label">${esc(bar.label)}</text>`);
    bar.values.forEach((v, i) => {
      const w = Math.max(0, Math.round((v / max) * plot));
      const y = top + i * ROW;
      out.push(`<rect x="${labelWidth}" y="${y + 2}" width="${w}" height="${ROW - 4}" fill="${SERIES_COLOURS[i % SERIES_COLOURS.length]}"/>`);
      const shown = bar.shown?.[i] ?? `${formatNumber(v)}${spec.unit ?? ""}`;
      out.push(`<text x="${labelWidth + w + 4}" y="${y + ROW - 5}" class="value">${esc(shown)}</text>`);
    });
  });
  if (spec.marker) {
    const x = labelWidth + Math.round((spec.marker.value / max) * plot);
    out.push(`<line x1="${x}" y1="${legend}" x2="${x}" y2="${height - 2}" class="marker"/><text x="${x - 4}" y="${height - 4}" text-anchor="end" class="marker-label">${esc(spec.marker.label)}</text>`);
  }
  out.push(`</svg>`);
  return out.join("");
}

/** Whole numbers as is, others with one decimal (Swedish decimal comma is left to the text, not the chart). */
export function formatNumber(v: number): string {
  return Number.isInteger(v) ? String(v) : v.toFixed(1);
}
