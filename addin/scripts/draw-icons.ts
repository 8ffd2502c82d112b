/**
 * Draws the add-in's icons (a calendar with a check mark in Fluent's brand blue) as PNGs in
 * every size the manifest names, with nothing but Node: shapes are sampled 4×4 per pixel for
 * smooth edges and written as RGBA PNGs with zlib. The PNGs are committed; rerun after a change:
 *
 *   npx tsx addin/scripts/draw-icons.ts
 */
import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { crc32, deflateSync } from "node:zlib";

/** 16–80 for the ribbon buttons, 64 for IconUrl, 128 for HighResolutionIconUrl. */
export const ICON_SIZES = [16, 20, 24, 32, 40, 48, 64, 80, 128] as const;

type Rgba = readonly [number, number, number, number];
const BRAND: Rgba = [0x0f, 0x6c, 0xbd, 255];
const BRAND_DARK: Rgba = [0x0a, 0x4a, 0x82, 255];
const WHITE: Rgba = [255, 255, 255, 255];

/**
 * `colour` for Outlook's ribbon and add-in list; `outline` for the Microsoft 365 app manifest's
 * outline icon: white on transparent, the check mark cut out.
 */
export type IconStyle = "colour" | "outline";

/** The glyph on a unit square, later layers on top; undefined is transparent. */
function colourAt(x: number, y: number, style: IconStyle): Rgba | undefined {
  const outline = style === "outline";
  let colour: Rgba | undefined;
  if (insideRoundedRect(x, y, 0.06, 0.16, 0.94, 0.94, 0.12))
    colour = outline ? WHITE : y < 0.38 ? BRAND_DARK : BRAND;
  for (const ringX of [0.3, 0.7]) {
    if (insideRoundedRect(x, y, ringX - 0.05, 0.06, ringX + 0.05, 0.28, 0.05))
      colour = outline ? WHITE : BRAND_DARK;
  }
  const checkWidth = 0.12;
  if (
    distanceToSegment(x, y, 0.27, 0.64, 0.44, 0.8) < checkWidth / 2 ||
    distanceToSegment(x, y, 0.44, 0.8, 0.75, 0.49) < checkWidth / 2
  ) {
    colour = outline ? undefined : WHITE;
  }
  return colour;
}

function insideRoundedRect(
  x: number,
  y: number,
  left: number,
  top: number,
  right: number,
  bottom: number,
  radius: number,
): boolean {
  if (x < left || x > right || y < top || y > bottom) return false;
  const cx = Math.min(Math.max(x, left + radius), right - radius);
  const cy = Math.min(Math.max(y, top + radius), bottom - radius);
  return (x - cx) ** 2 + (y - cy) ** 2 <= radius ** 2;
}

function distanceToSegment(x: number, y: number, x1: number, y1: number, x2: number, y2: number): number {
  const dx = x2 - x1;
  const dy = y2 - y1;
  const t = Math.min(1, Math.max(0, ((x - x1) * dx + (y - y1) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(x - (x1 + t * dx), y - (y1 + t * dy));
}

export function drawIcon(size: number, style: IconStyle = "colour"): Buffer {
  const samples = 4;
  // One filter-type byte (0 = none) before each row of RGBA pixels.
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let py = 0; py < size; py++) {
    const rowStart = py * (size * 4 + 1);
    for (let px = 0; px < size; px++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const colour = colourAt(
            (px + (sx + 0.5) / samples) / size,
            (py + (sy + 0.5) / samples) / size,
            style,
          );
          if (!colour) continue;
          r += colour[0];
          g += colour[1];
          b += colour[2];
          a += colour[3];
        }
      }
      const covered = a / 255;
      const offset = rowStart + 1 + px * 4;
      raw[offset] = covered ? Math.round(r / covered) : 0;
      raw[offset + 1] = covered ? Math.round(g / covered) : 0;
      raw[offset + 2] = covered ? Math.round(b / covered) : 0;
      raw[offset + 3] = Math.round(a / (samples * samples));
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // colour type RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(raw, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typeAndData = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData));
  return Buffer.concat([length, typeAndData, crc]);
}

const assetsDir = resolve(fileURLToPath(import.meta.url), "../../public/assets");
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  for (const size of ICON_SIZES) {
    const path = resolve(assetsDir, `icon-${size}.png`);
    writeFileSync(path, drawIcon(size));
    process.stdout.write(`Wrote ${path}\n`);
  }
  const outline = resolve(assetsDir, "icon-outline-32.png");
  writeFileSync(outline, drawIcon(32, "outline"));
  process.stdout.write(`Wrote ${outline}\n`);
}
