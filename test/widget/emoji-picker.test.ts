/**
 * <chat-emoji-picker> in real Chromium: opening, picking with the mouse and the keyboard, closing
 * with Escape or by leaving it, and insertAtCaret, which puts the pick into the composer's text.
 */
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys, sendMouse } from '@web/test-runner-commands';
import { defineEmojiPicker, EmojiPicker, insertAtCaret } from '../../widget/src/elements/shared/emoji-picker.js';
import { deepActiveElement, describe, expectAccessible, inShadow, it } from './helpers.js';

defineEmojiPicker();

/** The grid opens upwards, as it does above a composer, so the picker sits low enough for it. */
async function mount(): Promise<EmojiPicker> {
  const wrap = await fixture<HTMLElement>(html`<div style="padding-top: 360px">
    <p id="outside">Elsewhere on the page</p>
    <chat-emoji-picker></chat-emoji-picker>
  </div>`);
  const el = wrap.querySelector('chat-emoji-picker')!;
  await el.updateComplete;
  return el;
}

const toggleOf = (el: EmojiPicker) => inShadow<HTMLButtonElement>(el, '[part="toggle"]');
const popoverOf = (el: EmojiPicker) => el.shadowRoot!.querySelector<HTMLElement>('[role="dialog"]');
const emojiButtons = (el: EmojiPicker) => [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('[role="dialog"] [role="group"] button')];

const isOpen = (el: EmojiPicker) => popoverOf(el) !== null;

/**
 * Where keyboard focus is, in words: "toggle", "emoji 9" (its place in the grid), or a tag name.
 * (Comparing strings, not elements, keeps a failure's message short.)
 */
function focusIn(el: EmojiPicker): string {
  const active = deepActiveElement();
  if (!active) return 'nothing';
  if (active === toggleOf(el)) return 'toggle';
  const i = emojiButtons(el).indexOf(active as HTMLButtonElement);
  return i >= 0 ? `emoji ${i}` : active.localName;
}

async function open(el: EmojiPicker): Promise<void> {
  toggleOf(el).focus();
  await sendKeys({ press: 'Enter' });
  await el.updateComplete;
  expect(isOpen(el), 'the grid opens').to.equal(true);
}

/** The emoji picks an element fires, collected in order. */
function picks(el: EmojiPicker): string[] {
  const seen: string[] = [];
  el.addEventListener('emoji-pick', (e) => seen.push(e.detail.emoji));
  return seen;
}

describe('<chat-emoji-picker>', () => {
  it('registers once, however often it is asked to', () => {
    defineEmojiPicker();
    expect(customElements.get('chat-emoji-picker')).to.equal(EmojiPicker);
  });

  it('is a labelled toggle that opens a labelled grid of emoji in groups, and focuses the first', async () => {
    const el = await mount();
    const toggle = toggleOf(el);
    expect(toggle.getAttribute('aria-label')).to.equal('Insert emoji');
    expect(toggle.getAttribute('aria-expanded')).to.equal('false');
    expect(isOpen(el)).to.equal(false);

    await open(el);
    expect(toggle.getAttribute('aria-expanded')).to.equal('true');
    expect(popoverOf(el)!.getAttribute('aria-label')).to.equal('Emoji');
    const groups = [...el.shadowRoot!.querySelectorAll('[role="group"]')].map((g) => el.shadowRoot!.getElementById(g.getAttribute('aria-labelledby')!)?.textContent);
    expect(groups).to.deep.equal(['Smileys', 'Gestures', 'Hearts', 'Objects']);
    const buttons = emojiButtons(el);
    expect(buttons.length).to.be.within(32, 48);
    expect(buttons.map((b) => b.textContent)).to.include.members(['😀', '👍', '❤️', '🎉']);
    expect(focusIn(el)).to.equal('emoji 0');
    await expectAccessible(el);
  });

  it('takes its toggle label from the label property', async () => {
    const el = await mount();
    el.label = 'Ajouter un emoji';
    await el.updateComplete;
    expect(toggleOf(el).getAttribute('aria-label')).to.equal('Ajouter un emoji');
  });

  it('fires emoji-pick with the clicked emoji, closes, and puts focus back on the toggle', async () => {
    const el = await mount();
    await open(el);
    const heart = emojiButtons(el).find((b) => b.textContent === '❤️')!;
    const fired = oneEvent(el, 'emoji-pick');
    heart.click();
    const event = await fired;
    expect(event.detail).to.deep.equal({ emoji: '❤️' });
    expect(event.bubbles && event.composed, 'the event leaves the shadow root').to.equal(true);
    await el.updateComplete;
    expect(isOpen(el)).to.equal(false);
    expect(el.open).to.equal(false);
    expect(toggleOf(el).getAttribute('aria-expanded')).to.equal('false');
    expect(focusIn(el)).to.equal('toggle');
  });

  it('moves with the arrow keys (a row up and down) and picks with Enter and Space', async () => {
    const el = await mount();
    const seen = picks(el);
    await open(el);
    const buttons = emojiButtons(el);
    await sendKeys({ press: 'ArrowRight' });
    expect(focusIn(el)).to.equal('emoji 1');
    await sendKeys({ press: 'ArrowDown' });
    expect(focusIn(el), 'down one row of 8').to.equal('emoji 9');
    await sendKeys({ press: 'ArrowLeft' });
    expect(focusIn(el)).to.equal('emoji 8');
    await sendKeys({ press: 'ArrowUp' });
    expect(focusIn(el)).to.equal('emoji 0');
    await sendKeys({ press: 'ArrowUp' });
    await sendKeys({ press: 'ArrowLeft' });
    expect(focusIn(el), 'the edges hold').to.equal('emoji 0');
    await el.updateComplete;
    expect(buttons.map((b) => b.tabIndex).filter((t) => t === 0), 'one tab stop in the grid').to.have.length(1);
    expect(buttons[0]!.tabIndex).to.equal(0);

    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'ArrowDown' });
    const target = buttons[16]!.textContent;
    expect(focusIn(el)).to.equal('emoji 16');
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(seen).to.deep.equal([target]);
    expect(isOpen(el), 'Enter closes the grid').to.equal(false);
    expect(focusIn(el)).to.equal('toggle');

    // Reopened, the grid starts at the last pick; Space picks too.
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(focusIn(el)).to.equal('emoji 16');
    await sendKeys({ press: 'ArrowRight' });
    expect(focusIn(el)).to.equal('emoji 17');
    const next = emojiButtons(el)[17]!.textContent;
    await sendKeys({ press: 'Space' });
    await el.updateComplete;
    expect(seen).to.deep.equal([target, next]);
    expect(isOpen(el)).to.equal(false);
    expect(focusIn(el)).to.equal('toggle');
  });

  it('closes on Escape, refocuses the toggle, and keeps Escape from the chat window around it', async () => {
    const el = await mount();
    let escapesOutside = 0;
    el.parentElement!.addEventListener('keydown', (e) => e.key === 'Escape' && escapesOutside++);
    const seen = picks(el);
    await open(el);
    await sendKeys({ press: 'ArrowRight' });
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    expect(isOpen(el)).to.equal(false);
    expect(focusIn(el)).to.equal('toggle');
    expect(escapesOutside).to.equal(0);
    expect(seen, 'nothing picked').to.deep.equal([]);

    // Closed, Escape is the page's again.
    await sendKeys({ press: 'Escape' });
    expect(escapesOutside).to.equal(1);
  });

  it('closes when a click lands outside it, and stays open for a click on the grid itself', async () => {
    const el = await mount();
    await open(el);
    const center = (node: Element) => {
      const r = node.getBoundingClientRect();
      return [Math.round(r.left + r.width / 2), Math.round(r.top + r.height / 2)] as [number, number];
    };
    const heading = el.shadowRoot!.querySelector('[role="dialog"] p')!;
    await sendMouse({ type: 'click', position: center(heading) });
    await el.updateComplete;
    expect(isOpen(el), 'a click on a group name keeps it open').to.equal(true);

    await sendMouse({ type: 'click', position: center(document.getElementById('outside')!) });
    await el.updateComplete;
    expect(isOpen(el)).to.equal(false);
    expect(toggleOf(el).getAttribute('aria-expanded')).to.equal('false');
  });

  it('closes when Tab leaves it', async () => {
    const wrap = await fixture<HTMLElement>(html`<div><chat-emoji-picker></chat-emoji-picker><button>After</button></div>`);
    const el = wrap.querySelector('chat-emoji-picker')!;
    await el.updateComplete;
    await open(el);
    await sendKeys({ press: 'Tab' });
    await el.updateComplete;
    expect(document.activeElement === wrap.querySelector('button'), 'focus is on the next button').to.equal(true);
    expect(isOpen(el)).to.equal(false);
  });

  it('closes when its toggle is pressed again', async () => {
    const el = await mount();
    await open(el);
    await sendKeys({ down: 'Shift' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ up: 'Shift' });
    expect(focusIn(el), 'Shift+Tab from the grid reaches the toggle').to.equal('toggle');
    expect(isOpen(el)).to.equal(true);
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(isOpen(el)).to.equal(false);
  });
});

describe('insertAtCaret', () => {
  const cases: Array<[string, [string, number, number, string], { value: string; caret: number }]> = [
    ['into empty text', ['', 0, 0, '😀'], { value: '😀', caret: 2 }],
    ['at the caret in the middle', ['Hello world', 5, 5, '👋'], { value: 'Hello👋 world', caret: 7 }],
    ['at the end', ['Thanks ', 7, 7, '🙏'], { value: 'Thanks 🙏', caret: 9 }],
    ['over a selection', ['I am sad today', 5, 8, '😢'], { value: 'I am 😢 today', caret: 7 }],
    ['at the start', ['ok', 0, 0, '👍 '], { value: '👍 ok', caret: 3 }],
    ['past the end, clamped', ['hi', 9, 12, '!'], { value: 'hi!', caret: 3 }],
    ['a reversed range, as a caret at start', ['abc', 2, 1, 'X'], { value: 'abXc', caret: 3 }],
  ];
  for (const [name, args, expected] of cases) {
    it(name, () => {
      expect(insertAtCaret(...args)).to.deep.equal(expected);
    });
  }
});
