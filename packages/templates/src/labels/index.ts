import type { Look } from "../look/schema.ts";
import { ENGLISH_LABELS } from "./en.ts";
import { FRENCH_LABELS } from "./fr.ts";
import type { Labels, Language } from "./keys.ts";

export const DEFAULT_LABELS: Readonly<Record<Language, Labels>> = {
  fr: FRENCH_LABELS,
  en: ENGLISH_LABELS,
};

/** The labels of a language with the look's overrides applied. */
export function resolveLabels(look: Look, language: Language): Labels {
  return { ...DEFAULT_LABELS[language], ...look.labels[language] };
}

/** Fills `{name}` placeholders; unknown ones stay as they are. */
export function fillLabel(
  template: string,
  values: Readonly<Record<string, string | number>>,
): string {
  return template.replace(/\{(\w+)\}/g, (match, name: string) =>
    name in values ? String(values[name]) : match,
  );
}
