/**
 * Web addresses in chat text become links (opened in a new tab, without the opener); everything
 * else stays text, which Lit escapes. Only http(s) addresses and "www." ones are linked.
 */
import { html } from 'lit';

export type TextPart = { text: string; url?: undefined } | { text: string; url: string };

/** An address runs to the next space; punctuation that ends a sentence is left out of it. */
const ADDRESS = /\b(?:https?:\/\/|www\.)[^\s<>"]+[^\s<>".,;:!?'’)\]]/gi;

export function splitLinks(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let at = 0;
  for (const m of text.matchAll(ADDRESS)) {
    const start = m.index!;
    if (start > at) parts.push({ text: text.slice(at, start) });
    const address = m[0];
    parts.push({ text: address, url: /^www\./i.test(address) ? `https://${address}` : address });
    at = start + address.length;
  }
  if (at < text.length) parts.push({ text: text.slice(at) });
  return parts;
}

/** The text with its addresses as links. */
export function linked(text: string) {
  const parts = splitLinks(text);
  if (parts.every((p) => !p.url)) return text;
  return parts.map((p) => (p.url ? html`<a class="text-link" href=${p.url} target="_blank" rel="noopener noreferrer">${p.text}</a>` : p.text));
}
