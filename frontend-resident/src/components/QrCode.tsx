import qrcode from 'qrcode-generator';
import { useMemo } from 'react';

// Made here, in the browser, from the text alone: nothing is sent anywhere to draw it, so a
// reception number never leaves the page, and the code shows offline and on paper.

/** The light margin a reader needs around a code (ISO/IEC 18004: four modules). */
const QUIET_ZONE = 4;

/**
 * The modules of `text` as a QR code, row by row, `true` for dark. Error correction M
 * (15 %) survives a creased or smudged printout; digits alone use the numeric mode, which
 * keeps a 10-digit reception number in the smallest code (21 × 21), the easiest to scan.
 */
export function qrModules(text: string): boolean[][] {
  const code = qrcode(0, 'M');
  code.addData(text, /^[0-9]+$/.test(text) ? 'Numeric' : 'Byte');
  code.make();
  const count = code.getModuleCount();
  return Array.from({ length: count }, (_, row) => Array.from({ length: count }, (_, col) => code.isDark(row, col)));
}

/** One SVG path for every dark module, a run of them in a row drawn as one rectangle. */
export function qrPath(modules: boolean[][], offset = QUIET_ZONE): string {
  const parts: string[] = [];
  modules.forEach((row, y) => {
    for (let x = 0; x < row.length; x += 1) {
      if (!row[x]) continue;
      let run = 1;
      while (row[x + run]) run += 1;
      parts.push(`M${x + offset} ${y + offset}h${run}v1h-${run}z`);
      x += run - 1;
    }
  });
  return parts.join('');
}

/**
 * `text` as a QR code in SVG: sharp at any size and on paper, black on a white square with
 * its quiet zone (a reader needs the contrast whatever is around it), named by `label`.
 */
export function QrCode({ text, label, className }: { text: string; label: string; className?: string }) {
  const modules = useMemo(() => qrModules(text), [text]);
  const size = modules.length + 2 * QUIET_ZONE;
  const path = useMemo(() => qrPath(modules), [modules]);
  return (
    <svg
      className={className}
      role="img"
      aria-label={label}
      viewBox={`0 0 ${size} ${size}`}
      shapeRendering="crispEdges"
      xmlns="http://www.w3.org/2000/svg"
    >
      <rect width={size} height={size} fill="#fff" />
      <path d={path} fill="#000" />
    </svg>
  );
}
