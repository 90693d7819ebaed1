/**
 * Web addresses in chat text become links in the visitor's window and the operator panel; the
 * rest stays text. Sentence punctuation after an address is not part of it, and nothing but
 * http(s) and "www." addresses is linked.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { linked, splitLinks } from '../../widget/src/elements/shared/links.js';
import { describe, it } from './helpers.js';

describe('links in chat text', () => {
  it('splits text around http(s) and www. addresses, leaving sentence punctuation outside', () => {
    expect(splitLinks('Track it at https://shop.example/track?id=42. Thanks!')).to.deep.equal([
      { text: 'Track it at ' },
      { text: 'https://shop.example/track?id=42', url: 'https://shop.example/track?id=42' },
      { text: '. Thanks!' },
    ]);
    expect(splitLinks('(see www.example.com/help)')).to.deep.equal([
      { text: '(see ' },
      { text: 'www.example.com/help', url: 'https://www.example.com/help' },
      { text: ')' },
    ]);
    expect(splitLinks('Two: http://a.example, https://b.example!').filter((p) => p.url).map((p) => p.url)).to.deep.equal([
      'http://a.example',
      'https://b.example',
    ]);
  });

  it('links nothing else: other schemes, bare domains and e-mail addresses stay text', () => {
    for (const text of ['javascript:alert(1)', 'ftp://files.example/x', 'example.com', 'mail sam@example.com', 'data:text/html,<b>x</b>']) {
      expect(splitLinks(text).some((p) => p.url), text).to.be.false;
    }
  });

  it('renders the addresses as links that open in a new tab without the opener, and the rest as text', async () => {
    const el = await fixture(html`<p>${linked('Label: https://shop.example/label.pdf <b>not bold</b>')}</p>`);
    const a = el.querySelector('a');
    expect(a?.getAttribute('href')).to.equal('https://shop.example/label.pdf');
    expect(a?.getAttribute('target')).to.equal('_blank');
    expect(a?.getAttribute('rel')).to.equal('noopener noreferrer');
    expect(el.querySelector('b') === null, 'markup stays text').to.be.true;
    expect(el.textContent).to.equal('Label: https://shop.example/label.pdf <b>not bold</b>');
  });
});
