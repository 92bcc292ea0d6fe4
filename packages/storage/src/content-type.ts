const BY_EXTENSION: readonly (readonly [string, string])[] = [
  [".xml", "application/xml; charset=utf-8"],
  [".csv", "text/csv; charset=utf-8"],
  [".tsv", "text/tab-separated-values; charset=utf-8"],
  [".txt", "text/plain; charset=utf-8"],
  [".json", "application/json"],
  [".pdf", "application/pdf"],
];

/** The content type a key's extension implies (ignoring a trailing `.gz`). */
export function contentTypeForKey(key: string): string {
  const name = key.endsWith(".gz") ? key.slice(0, -3) : key;
  for (const [extension, type] of BY_EXTENSION) if (name.endsWith(extension)) return type;
  return "application/octet-stream";
}
