import { createRequire } from "node:module";
import { dirname, join } from "node:path";

/** The font families a look may choose; all are embedded (and subset) in every PDF. */
export const FONT_IDS = ["dejavu-sans", "dejavu-serif", "roboto"] as const;
export type FontId = (typeof FONT_IDS)[number];

export type FontStyle = "normal" | "bold" | "italics" | "bolditalics";
export const FONT_STYLES: readonly FontStyle[] = ["normal", "bold", "italics", "bolditalics"];

export interface FontFamily {
  readonly id: FontId;
  /** The family name inside document definitions. */
  readonly pdfName: string;
  /** Absolute paths of the TTF files, per style. */
  readonly files: Readonly<Record<FontStyle, string>>;
}

/** DejaVu Sans covers the most scripts: it is the fallback for characters the chosen font lacks. */
export const FALLBACK_FONT: FontId = "dejavu-sans";

const require = createRequire(import.meta.url);
const dejavu = join(dirname(require.resolve("dejavu-fonts-ttf/package.json")), "ttf");
const roboto = join(dirname(require.resolve("pdfmake/package.json")), "fonts", "Roboto");

export const FONT_FAMILIES: Readonly<Record<FontId, FontFamily>> = {
  "dejavu-sans": {
    id: "dejavu-sans",
    pdfName: "DejaVuSans",
    files: {
      normal: join(dejavu, "DejaVuSans.ttf"),
      bold: join(dejavu, "DejaVuSans-Bold.ttf"),
      italics: join(dejavu, "DejaVuSans-Oblique.ttf"),
      bolditalics: join(dejavu, "DejaVuSans-BoldOblique.ttf"),
    },
  },
  "dejavu-serif": {
    id: "dejavu-serif",
    pdfName: "DejaVuSerif",
    files: {
      normal: join(dejavu, "DejaVuSerif.ttf"),
      bold: join(dejavu, "DejaVuSerif-Bold.ttf"),
      italics: join(dejavu, "DejaVuSerif-Italic.ttf"),
      bolditalics: join(dejavu, "DejaVuSerif-BoldItalic.ttf"),
    },
  },
  roboto: {
    id: "roboto",
    pdfName: "Roboto",
    files: {
      normal: join(roboto, "Roboto-Regular.ttf"),
      bold: join(roboto, "Roboto-Medium.ttf"),
      italics: join(roboto, "Roboto-Italic.ttf"),
      bolditalics: join(roboto, "Roboto-MediumItalic.ttf"),
    },
  },
};

/** The families a document with this font needs: the font itself and the fallback. */
export function familiesFor(font: FontId): FontFamily[] {
  return font === FALLBACK_FONT
    ? [FONT_FAMILIES[font]]
    : [FONT_FAMILIES[font], FONT_FAMILIES[FALLBACK_FONT]];
}
