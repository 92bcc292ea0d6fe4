import type { App } from "./app.ts";

const closers = new WeakMap<App, (() => Promise<void>)[]>();

/** Work to finish when the app stops (e.g. writing batched records); run by `closeApp`. */
export function onAppClose(app: App, close: () => Promise<void>): void {
  const list = closers.get(app) ?? [];
  list.push(close);
  closers.set(app, list);
}

/** Runs every closer registered on `app`, once, after in-flight requests have finished. */
export async function closeApp(app: App): Promise<void> {
  const list = closers.get(app) ?? [];
  closers.delete(app);
  for (const close of list) await close();
}
