import type { StyleDictionary } from "pdfmake/interfaces";
import type { Look } from "../look/schema.ts";

export function baseStyles(look: Look): StyleDictionary {
  const { colors } = look;
  return {
    title: { fontSize: 20, bold: true, color: colors.accent },
    caption: { fontSize: 7.5, color: colors.muted },
    muted: { fontSize: 7.5, color: colors.muted },
    tableHeader: { fontSize: 8, bold: true },
    smallHeader: { fontSize: 7.5, bold: true, color: colors.muted },
    mention: { fontSize: 7, color: colors.muted },
    footer: { fontSize: 6.5, color: colors.muted },
  };
}

/** Light horizontal rules; the header row filled (classic) or underlined in the accent (modern). */
export function tableLayouts(look: Look) {
  return {
    classic: {
      fillColor: (row: number) => (row === 0 ? look.colors.accent : null),
      hLineWidth: (row: number, node: { table: { body: unknown[] } }) =>
        row === 0 || row === 1 || row === node.table.body.length ? 0.8 : 0.3,
      vLineWidth: () => 0,
      hLineColor: () => "#c9ced6",
      paddingTop: () => 3,
      paddingBottom: () => 3,
    },
    modern: {
      fillColor: (row: number) => (row > 0 && row % 2 === 0 ? "#f4f6f9" : null),
      hLineWidth: (row: number) => (row === 1 ? 1.2 : 0),
      vLineWidth: () => 0,
      hLineColor: () => look.colors.accent,
      paddingTop: () => 4,
      paddingBottom: () => 4,
    },
  };
}
