/**
 * The `:shortcut` canned-response picker in the operator's composer, as pure functions over the
 * composer's text and caret: what the operator is typing, which responses match it, and the text
 * once one is chosen. The `@name` picker finds what is typed and puts the name in the same way.
 */

/** A saved reply. The shortcut is stored without its colon: letters, digits, "_" and "-" only. */
export interface CannedResponse {
  id: number;
  shortcut: string;
  text: string;
}

/** What may follow the colon while a shortcut is being typed (the server's shortcut alphabet). */
const PARTIAL_SHORTCUT = /^[A-Za-z0-9_-]*$/;

/**
 * The token starting with `sigil` that is being typed at the caret, if any: the word that ends at
 * the caret starts with the sigil, is at the start of the text or after whitespace, and what
 * follows the sigil matches `partial`. The caret must be at the end of that word: with more of the
 * word after the caret, nothing is being typed at its end.
 * Returns where the sigil is and what follows it (empty right after the sigil).
 */
export function typedToken(value: string, caret: number, sigil: string, partial: RegExp): { start: number; query: string } | null {
  if (caret < 1 || caret > value.length) return null;
  if (caret < value.length && !/\s/.test(value[caret]!)) return null;
  let start = caret;
  while (start > 0 && !/\s/.test(value[start - 1]!)) start--;
  if (value[start] !== sigil) return null;
  const query = value.slice(start + 1, caret);
  return partial.test(query) ? { start, query } : null;
}

/**
 * The `:shortcut` being typed at the caret, if any (see typedToken), with only shortcut
 * characters after the colon, so "10:30", "http://x" and ":)" are not shortcuts.
 */
export function cannedQuery(value: string, caret: number): { start: number; query: string } | null {
  return typedToken(value, caret, ':', PARTIAL_SHORTCUT);
}

/**
 * The responses that match `query`, ignoring case, at most `limit` of them: shortcuts that start
 * with it first, then shortcuts that contain it, then responses whose text contains it; each
 * group in alphabetical order of shortcut. An empty query lists every response alphabetically.
 */
export function filterCanned(list: CannedResponse[], query: string, limit = 8): CannedResponse[] {
  const q = query.toLowerCase();
  const rank = (item: CannedResponse): number => {
    const shortcut = item.shortcut.toLowerCase();
    if (shortcut.startsWith(q)) return 0;
    if (shortcut.includes(q)) return 1;
    return item.text.toLowerCase().includes(q) ? 2 : 3;
  };
  return list
    .map((item) => ({ item, rank: rank(item), key: item.shortcut.toLowerCase() }))
    .filter((entry) => entry.rank < 3)
    .sort((a, b) => a.rank - b.rank || (a.key < b.key ? -1 : a.key > b.key ? 1 : a.item.id - b.item.id))
    .slice(0, Math.max(0, limit))
    .map((entry) => entry.item);
}

/**
 * The composer's text with value[start..caret) (the typed `:query` or `@name`) replaced by a
 * response's text (or a name), keeping what follows the caret; the caret goes just after it.
 */
export function applyCanned(value: string, start: number, caret: number, text: string): { value: string; caret: number } {
  return { value: value.slice(0, start) + text + value.slice(caret), caret: start + text.length };
}

/**
 * Expands a complete `:shortcut` just before the caret, when it names a response exactly
 * (ignoring case); null otherwise. Call it when the operator presses Space or Enter, before the
 * key's own effect: the caret is then still right after the shortcut.
 */
export function expandTyped(value: string, caret: number, list: CannedResponse[]): { value: string; caret: number } | null {
  const typed = cannedQuery(value, caret);
  if (!typed?.query) return null;
  const q = typed.query.toLowerCase();
  const match = list.find((item) => item.shortcut.toLowerCase() === q);
  return match ? applyCanned(value, typed.start, caret, match.text) : null;
}
