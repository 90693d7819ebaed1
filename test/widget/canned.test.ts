/**
 * The operator composer's `:shortcut` canned responses: finding the shortcut being typed,
 * ranking the matches, putting the chosen text in, expanding a complete shortcut, and the
 * listbox the panel shows (rendered here into a fixture, in real Chromium).
 */
import { expect, fixture, html } from '@open-wc/testing';
import { render } from 'lit';
import { sendMouse } from '@web/test-runner-commands';
import { applyCanned, cannedQuery, expandTyped, filterCanned, type CannedResponse } from '../../widget/src/elements/operator-panel/canned.js';
import { cannedMenuStyles, renderCannedMenu, type CannedMenuOptions } from '../../widget/src/elements/operator-panel/canned-menu.js';
import { describe, expectAccessible, it, textOf } from './helpers.js';

const LIST: CannedResponse[] = [
  { id: 1, shortcut: 'thanks', text: 'Thank you for contacting us!' },
  { id: 2, shortcut: 'hello', text: 'Hello! How can I help you today?' },
  { id: 3, shortcut: 'Refund', text: 'Refunds take 5 to 7 business days.' },
  { id: 4, shortcut: 'hours', text: 'We are open 9:00 to 18:00, Monday to Friday.' },
  { id: 5, shortcut: 'shipping-hold', text: 'Your order is on hold; we will email you.' },
  { id: 6, shortcut: 'help_desk', text: 'You can also open a ticket.' },
  { id: 7, shortcut: 'bye', text: 'Thanks for chatting, goodbye!' },
  { id: 8, shortcut: 'cheers', text: 'Cheers!' },
  { id: 9, shortcut: 'apology', text: 'We are sorry, the delay is on us.' },
];

const shortcuts = (items: CannedResponse[]) => items.map((i) => i.shortcut);

describe('cannedQuery', () => {
  // [value with | for the caret, expected]
  const cases: Array<[string, { start: number; query: string } | null]> = [
    [':|', { start: 0, query: '' }],
    [':he|', { start: 0, query: 'he' }],
    ['Hi there :he|', { start: 9, query: 'he' }],
    ['line one\n:ref|', { start: 9, query: 'ref' }],
    ['tab\t:x|', { start: 4, query: 'x' }],
    [':help_desk-2|', { start: 0, query: 'help_desk-2' }],
    [':he| and more', { start: 0, query: 'he' }],
    ['|:he', null],
    ['', null],
    ['hello|', null],
    ['10:30|', null],
    ['http://x|', null],
    ['see:this|', null],
    ['smile :)|', null],
    ['::|', null],
    [':he llo|', null],
    [':hel|lo', null],
    [':he |', null],
  ];
  for (const [typed, expected] of cases) {
    it(`${JSON.stringify(typed)} gives ${JSON.stringify(expected)}`, () => {
      const caret = typed.indexOf('|');
      expect(cannedQuery(typed.replace('|', ''), caret)).to.deep.equal(expected);
    });
  }
});

describe('filterCanned', () => {
  it('ranks shortcuts that start with the query, then shortcuts containing it, then texts containing it', () => {
    expect(shortcuts(filterCanned(LIST, 'he'))).to.deep.equal(['hello', 'help_desk', 'cheers', 'apology']);
    expect(shortcuts(filterCanned(LIST, 'ho'))).to.deep.equal(['hours', 'shipping-hold', 'hello']);
    // Alphabetical within each group: starts (3), contains (3), text only (2).
    expect(shortcuts(filterCanned(LIST, 'h'))).to.deep.equal(['hello', 'help_desk', 'hours', 'cheers', 'shipping-hold', 'thanks', 'apology', 'bye']);
  });

  it('ignores case in shortcuts and texts, and sorts without regard to case', () => {
    expect(shortcuts(filterCanned(LIST, 'REF'))).to.deep.equal(['Refund']);
    expect(shortcuts(filterCanned(LIST, 'THANK'))).to.deep.equal(['thanks', 'bye']);
    expect(shortcuts(filterCanned(LIST, 'r'))).to.deep.equal(['Refund', 'cheers', 'hours', 'apology', 'bye', 'shipping-hold', 'thanks']);
  });

  it('lists everything alphabetically for an empty query, up to the limit (8 unless told)', () => {
    expect(shortcuts(filterCanned(LIST, '', 20))).to.deep.equal(['apology', 'bye', 'cheers', 'hello', 'help_desk', 'hours', 'Refund', 'shipping-hold', 'thanks']);
    expect(shortcuts(filterCanned(LIST, ''))).to.deep.equal(['apology', 'bye', 'cheers', 'hello', 'help_desk', 'hours', 'Refund', 'shipping-hold']);
    expect(shortcuts(filterCanned(LIST, '', 3))).to.deep.equal(['apology', 'bye', 'cheers']);
    expect(filterCanned(LIST, '', 0)).to.deep.equal([]);
  });

  it('returns nothing when nothing matches, and leaves the list as it was', () => {
    const before = structuredClone(LIST);
    expect(filterCanned(LIST, 'zzz')).to.deep.equal([]);
    filterCanned(LIST, 'h');
    expect(LIST).to.deep.equal(before);
  });
});

describe('applyCanned', () => {
  const cases: Array<[string, [string, number, number, string], { value: string; caret: number }]> = [
    ['the whole text', [':he', 0, 3, 'Hello!'], { value: 'Hello!', caret: 6 }],
    ['after other words', ['Hi :th', 3, 6, 'Thanks'], { value: 'Hi Thanks', caret: 9 }],
    ['keeping what follows the caret', [':he and more', 0, 3, 'Hello'], { value: 'Hello and more', caret: 5 }],
    ['a bare colon', ['a :', 2, 3, 'text'], { value: 'a text', caret: 6 }],
  ];
  for (const [name, args, expected] of cases) {
    it(name, () => {
      expect(applyCanned(...args)).to.deep.equal(expected);
    });
  }
});

describe('expandTyped', () => {
  it('replaces a complete shortcut before the caret with its text', () => {
    expect(expandTyped('Hi :hello', 9, LIST)).to.deep.equal({ value: 'Hi Hello! How can I help you today?', caret: 35 });
  });

  it('matches the shortcut without regard to case', () => {
    expect(expandTyped(':REFUND', 7, LIST)).to.deep.equal({ value: 'Refunds take 5 to 7 business days.', caret: 34 });
    expect(expandTyped(':refund', 7, LIST)?.value).to.equal('Refunds take 5 to 7 business days.');
  });

  it('keeps the text after the caret', () => {
    const value = ':bye see you';
    expect(expandTyped(value, 4, LIST)).to.deep.equal({ value: 'Thanks for chatting, goodbye! see you', caret: 29 });
  });

  it('expands nothing for a partial, unknown or absent shortcut', () => {
    expect(expandTyped(':hel', 4, LIST), 'a prefix only').to.equal(null);
    expect(expandTyped(':nope', 5, LIST), 'no such shortcut').to.equal(null);
    expect(expandTyped(':', 1, LIST), 'a bare colon').to.equal(null);
    expect(expandTyped('hello', 5, LIST), 'no colon').to.equal(null);
    expect(expandTyped('at 10:hello', 11, LIST), 'inside a word').to.equal(null);
    expect(expandTyped(':hello ', 7, LIST), 'the caret is past the space').to.equal(null);
    expect(expandTyped(':hello', 6, []), 'no responses').to.equal(null);
  });
});

describe('renderCannedMenu', () => {
  async function mount(overrides: Partial<CannedMenuOptions> = {}) {
    const picked: CannedResponse[] = [];
    const hovered: number[] = [];
    const host = await fixture<HTMLElement>(html`<div></div>`);
    const items = overrides.items ?? filterCanned(LIST, 'he');
    render(
      renderCannedMenu({
        items,
        active: 1,
        query: 'he',
        onPick: (item) => picked.push(item),
        onHover: (i) => hovered.push(i),
        listId: 'canned',
        emptyText: 'No canned response matches',
        ...overrides,
      }),
      host,
    );
    const options = [...host.querySelectorAll<HTMLElement>('[role="option"]')];
    return { host, items, options, picked, hovered };
  }

  it('lists each response as an option: the :shortcut in bold and a one-line preview', async () => {
    const { host, items, options } = await mount();
    const list = host.querySelector('[role="listbox"]')!;
    expect(list.id).to.equal('canned');
    expect(list.getAttribute('aria-label')).to.equal('Canned responses');
    expect(options.map((o) => o.id)).to.deep.equal(items.map((_, i) => `canned-${i}`));
    expect(options.map((o) => textOf(o.querySelector('b')))).to.deep.equal(items.map((i) => `:${i.shortcut}`));
    expect(textOf(options[0]!.querySelector('b mark')), 'the typed part is marked').to.equal('he');
    const preview = options[0]!.querySelector<HTMLElement>('.canned-preview')!;
    expect(textOf(preview)).to.equal(items[0]!.text);
    await expectAccessible(host);
  });

  it('marks the active option selected, and only that one', async () => {
    const { options } = await mount({ active: 2 });
    expect(options.map((o) => o.getAttribute('aria-selected'))).to.deep.equal(options.map((_, i) => (i === 2 ? 'true' : 'false')));
  });

  it('cuts a long response to one line in its preview, with the styles the panel adopts', async () => {
    const long = { id: 10, shortcut: 'long', text: 'A very long canned response\nwith a second line. '.repeat(20) };
    const host = await fixture<HTMLElement>(html`<div></div>`);
    const shadow = host.attachShadow({ mode: 'open' });
    shadow.adoptedStyleSheets = [cannedMenuStyles.styleSheet!];
    const menu = renderCannedMenu({ items: [long], active: 0, query: '', onPick() {}, onHover() {}, listId: 'long', emptyText: '' });
    render(html`<div class="composer"><textarea aria-label="Reply"></textarea>${menu}</div>`, shadow);
    const preview = shadow.querySelector<HTMLElement>('.canned-preview')!;
    expect(preview.scrollWidth, 'the text overflows its line').to.be.greaterThan(preview.clientWidth);
    expect(preview.getClientRects()).to.have.length(1);
    expect(preview.getBoundingClientRect().height).to.be.lessThan(30);
    expect(getComputedStyle(preview).textOverflow).to.equal('ellipsis');
    const option = shadow.querySelector<HTMLElement>('[role="option"]')!;
    expect(getComputedStyle(option.querySelector('b')!).fontWeight).to.equal('650');
    const composer = shadow.querySelector<HTMLElement>('.composer')!;
    expect(getComputedStyle(composer).position, 'the composer holds the floating menu').to.equal('relative');
    expect(option.getBoundingClientRect().bottom).to.be.at.most(composer.getBoundingClientRect().top);
  });

  it('picks on click, without the press taking focus from the composer', async () => {
    const { host, options, picked, items } = await mount();
    const composer = host.insertBefore(document.createElement('textarea'), host.firstChild);
    composer.setAttribute('aria-label', 'Reply');
    composer.focus();
    const down = new MouseEvent('mousedown', { bubbles: true, cancelable: true });
    options[2]!.dispatchEvent(down);
    expect(down.defaultPrevented, 'mousedown is cancelled').to.equal(true);

    // A real click: without the cancelled mousedown, focus would leave the textarea.
    const r = options[2]!.getBoundingClientRect();
    await sendMouse({ type: 'click', position: [Math.round(r.left + 10), Math.round(r.top + r.height / 2)] });
    expect(picked).to.deep.equal([items[2]]);
    expect(document.activeElement === composer, 'the composer still has focus').to.equal(true);
  });

  it('reports hovering over another option', async () => {
    const { options, hovered } = await mount({ active: 1 });
    options[1]!.dispatchEvent(new MouseEvent('mousemove', { bubbles: true }));
    options[3]!.dispatchEvent(new MouseEvent('mousemove', { bubbles: true }));
    expect(hovered).to.deep.equal([3]);
  });

  it('says so when nothing matches', async () => {
    const { host, options } = await mount({ items: [] });
    expect(options).to.deep.equal([]);
    expect(host.querySelector('[role="listbox"]') === null, 'no empty listbox').to.equal(true);
    const empty = host.querySelector('[role="status"]');
    expect(textOf(empty)).to.equal('No canned response matches');
  });
});
