/** UI strings in English, Korean and French, chosen from the element's lang, the page's, or the browser's. */
/**
 * Window strings live in en.ts / ko.ts / fr.ts (see strings.ts); the launcher's few strings in
 * launcher.ts, so the launcher chunk stays small.
 */
export type Locale = 'en' | 'ko' | 'fr';

const SUPPORTED: readonly string[] = ['en', 'ko', 'fr'];

/** The first supported locale among the candidates (BCP 47 tags like "fr-CA"), else English. */
export function pickLocale(...candidates: Array<string | null | undefined>): Locale {
  for (const tag of candidates) {
    const base = tag?.toLowerCase().split('-')[0];
    if (base && SUPPORTED.includes(base)) return base as Locale;
  }
  return 'en';
}

/** The locale for an element: its own lang (or an ancestor's), then the browser's. */
export function localeOf(el: HTMLElement): Locale {
  const fromTree = (el.closest('[lang]') as HTMLElement | null)?.lang;
  const root = el.getRootNode() as ShadowRoot | Document;
  const fromHost = 'host' in root ? ((root.host as HTMLElement).closest('[lang]') as HTMLElement | null)?.lang : undefined;
  return pickLocale(el.lang, fromTree, fromHost, globalThis.navigator?.language);
}
