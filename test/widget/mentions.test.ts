/**
 * @mentions in the operator panel, in real Chromium: the pure rules of the `@` teammate picker,
 * the picker in the team chat composer and in the reply box of a visitor's chat (keyboard, mouse,
 * what it writes), and the header's Mentions list. The panels run against the real chat server
 * that web-test-runner starts, whose account has no other operator, so the teammates are added to
 * the session's team as the server's team event would. The Mentions list runs on the session's
 * TeamChat with a stub tRPC client that answers as the server does and records each call.
 */
import { createTRPCClient, createWSClient, wsLink } from '@trpc/client';
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys, sendMouse } from '@web/test-runner-commands';
import type { OperatorPresence } from '../../server/src/protocol/index.js';
import type { Mention, MentionList, MentionsRead } from '../../server/src/protocol/team.js';
import type { AppRouter } from '../../server/src/routers/app.js';
import type { OperatorSession } from '../../widget/src/client/operator-session.js';
import { TeamChat } from '../../widget/src/client/team-chat.js';
import { socketUrl, type ChatClient } from '../../widget/src/client/trpc.js';
import { filterTeammates, mentionQuery } from '../../widget/src/elements/operator-panel/mention-picker.js';
import type { OperatorPanel } from '../../widget/src/elements/operator-panel/operator-panel.js';
import type { TeamMentions } from '../../widget/src/elements/operator-panel/team-mentions.js';
import '../../widget/src/operator.js';
import {
  after,
  afterEach,
  before,
  chatInfo,
  deepActiveElement,
  describe,
  expectAccessible,
  it,
  NativeWebSocket,
  signInOperator,
  textOf,
  until,
  type ChatInfo,
  type Operator,
} from './helpers.js';

let chat: ChatInfo;
let op: Operator;
const cleanups: Array<() => void | Promise<void>> = [];

const $ = <T extends Element = HTMLElement>(root: Element, selector: string): T | null => root.shadowRoot!.querySelector<T>(selector);
const $$ = <T extends Element = HTMLElement>(root: Element, selector: string): T[] => [...root.shadowRoot!.querySelectorAll<T>(selector)];
const names = (items: ReadonlyArray<{ name: string }>) => items.map((o) => o.name);

const presence = (id: number, name: string): OperatorPresence => ({ id, name, status: 'online', connected: true, openChats: 0, capacity: 3 });
const TEAMMATES = [presence(900001, 'Sam Lee'), presence(900002, 'Sam Park'), presence(900003, 'Kim Ha-eun')];
/**
 * While a picker is open the composer, a textarea, is its combobox (the ARIA 1.2 pattern the
 * canned responses' picker has always used); axe's aria-allowed-role follows the HTML-ARIA table,
 * which lists no role for a textarea.
 */
const COMBOBOX_TEXTAREA = { rules: { 'aria-allowed-role': { enabled: false } } };

// --- pure rules --------------------------------------------------------------------

describe('mentionQuery', () => {
  // [value with | for the caret, expected]
  const cases: Array<[string, { start: number; query: string } | null]> = [
    ['@|', { start: 0, query: '' }],
    ['@sa|', { start: 0, query: 'sa' }],
    ['Thanks @Sam.L|', { start: 7, query: 'Sam.L' }],
    ['line\n@김|', { start: 5, query: '김' }],
    ['@ki| later', { start: 0, query: 'ki' }],
    ['mail@sam|', null],
    ['@sa|m', null],
    ['@sam |', null],
    ['@.|', null],
    ['@-x|', null],
    ['hello|', null],
    ['', null],
  ];
  for (const [typed, expected] of cases) {
    it(`${JSON.stringify(typed)} gives ${JSON.stringify(expected)}`, () => {
      expect(mentionQuery(typed.replace('|', ''), typed.indexOf('|'))).to.deep.equal(expected);
    });
  }
});

describe('filterTeammates', () => {
  const team = [
    { id: 1, name: 'Sam Lee' },
    { id: 2, name: 'Sam Park' },
    { id: 3, name: 'Kim Ha-eun' },
    { id: 4, name: 'Lee Samuels' },
    { id: 5, name: 'Alex' },
  ];

  it('lists first names that start with the query, then other words that do, then names that contain it', () => {
    expect(names(filterTeammates(team, 'sa'))).to.deep.equal(['Sam Lee', 'Sam Park', 'Lee Samuels']);
    expect(names(filterTeammates(team, 'lee'))).to.deep.equal(['Lee Samuels', 'Sam Lee']);
    expect(names(filterTeammates(team, 'ark'))).to.deep.equal(['Sam Park']);
  });

  it('ignores case, spaces, ".", "_" and "-", as mentions do', () => {
    expect(names(filterTeammates(team, 'SAM.L'))).to.deep.equal(['Sam Lee']);
    expect(names(filterTeammates(team, 'haeun'))).to.deep.equal(['Kim Ha-eun']);
  });

  it('lists everyone alphabetically for a bare "@", up to the limit, and nobody when nothing matches', () => {
    expect(names(filterTeammates(team, ''))).to.deep.equal(['Alex', 'Kim Ha-eun', 'Lee Samuels', 'Sam Lee', 'Sam Park']);
    expect(names(filterTeammates(team, '', 2))).to.deep.equal(['Alex', 'Kim Ha-eun']);
    expect(filterTeammates(team, 'zz')).to.deep.equal([]);
  });
});

// --- the picker in the panel's composers -----------------------------------------------

async function mount(): Promise<OperatorPanel> {
  const el = await fixture<OperatorPanel>(html`<operator-panel server=${chat.wsUrl} lang="en"></operator-panel>`);
  await until(() => $(el, 'form.login') || $(el, '.topbar'), 'the sign-in form or the workspace');
  if ($(el, 'form.login')) {
    $<HTMLInputElement>(el, '#email')!.value = chat.operator.email;
    $<HTMLInputElement>(el, '#password')!.value = chat.operator.password;
    $<HTMLButtonElement>(el, 'form.login button[type=submit]')!.click();
  }
  await until(() => $(el, '.topbar') && el.session?.synced && el.session.teamChat.channels.length && el.session.team.length, 'the workspace with its team');
  return el;
}

/** Teammates, as the server's team event would list them (the next team event, e.g. on Accept, replaces them). */
function addTeammates(el: OperatorPanel): void {
  el.session!.team = [...el.session!.team, ...TEAMMATES];
  el.session!.dispatchEvent(new Event('change'));
}

const teamView = (el: OperatorPanel) => $(el, 'chat-team-chat')!;

async function openGeneral(el: OperatorPanel): Promise<HTMLTextAreaElement> {
  $<HTMLButtonElement>(el, '.view-btn[data-view="team"]')!.click();
  await until(() => $(el, 'chat-team-chat') && $$<HTMLButtonElement>(teamView(el), '.channel').some((b) => textOf(b) === 'general'), 'the Team view');
  $$<HTMLButtonElement>(teamView(el), '.channel').find((b) => textOf(b) === 'general')!.click();
  await until(() => $(teamView(el), '#team-composer'), '#general open');
  const composer = $<HTMLTextAreaElement>(teamView(el), '#team-composer')!;
  composer.focus();
  return composer;
}

/** The options of the open picker in a shadow root: each one's text. */
const optionsIn = (root: Element) => $$(root, '[role="listbox"] [role="option"]').map((o) => textOf(o));

describe('the @ teammate picker', () => {
  before(async () => {
    chat = await chatInfo();
    op = await signInOperator();
  });
  after(() => op.close());
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) await cleanup();
  });

  it('in team chat: "@" lists teammates (not me) filtered as I type; arrows and Enter write "@Name " without sending', async () => {
    const el = await mount();
    addTeammates(el);
    const composer = await openGeneral(el);
    const view = teamView(el);
    const me = el.session!.operator!.name;

    await sendKeys({ type: 'Thanks @' });
    await until(() => $(view, '#team-mention-list'), 'the teammate list');
    expect(optionsIn(view)).to.deep.equal(['Kim Ha-eun @Kim', 'Sam Lee @SamLee', 'Sam Park @SamPark']);
    expect(optionsIn(view).some((o) => o.includes(me)), 'I am not offered').to.be.false;
    expect($(view, '#team-mention-list')!.getAttribute('aria-label')).to.equal('Teammates');

    await sendKeys({ type: 'sa' });
    await until(() => optionsIn(view).length === 2, 'the list filtered to the Sams');
    expect(optionsIn(view)).to.deep.equal(['Sam Lee @SamLee', 'Sam Park @SamPark']);
    expect(composer.getAttribute('role')).to.equal('combobox');
    expect(composer.getAttribute('aria-expanded')).to.equal('true');
    expect(composer.getAttribute('aria-controls')).to.equal('team-mention-list');
    expect(composer.getAttribute('aria-activedescendant')).to.equal('team-mention-list-0');
    await expectAccessible(view, COMBOBOX_TEXTAREA);

    await sendKeys({ press: 'ArrowDown' });
    await until(() => composer.getAttribute('aria-activedescendant') === 'team-mention-list-1', 'the second option active');
    expect($(view, '#team-mention-list-1')!.getAttribute('aria-selected')).to.equal('true');
    const sent = (await op.trpc.operator.channels.history.query({ channelId: el.session!.teamChat.current! })).messages.length;
    await sendKeys({ press: 'Enter' });
    await until(() => !$(view, '.canned-menu'), 'the list closed');
    expect(composer.value).to.equal('Thanks @SamPark ');
    expect(composer.selectionStart).to.equal('Thanks @SamPark '.length);
    expect(composer.hasAttribute('role'), 'no longer a combobox').to.be.false;

    // The text goes on as typed, and Enter now sends it.
    await sendKeys({ type: 'see you' });
    await sendKeys({ press: 'Enter' });
    const channelId = el.session!.teamChat.current!;
    await until(async () => (await op.trpc.operator.channels.history.query({ channelId })).messages.length === sent + 1, 'one message on the server');
    const last = (await op.trpc.operator.channels.history.query({ channelId })).messages.at(-1)!;
    expect(last.text).to.equal('Thanks @SamPark see you');
  });

  it('in team chat: a click picks, keeping the focus in the composer; Escape closes; an address or an unknown name offers nothing useful', async () => {
    const el = await mount();
    addTeammates(el);
    const composer = await openGeneral(el);
    const view = teamView(el);

    await sendKeys({ type: 'ask @ki' });
    await until(() => optionsIn(view).length === 1, 'Kim offered');
    const option = $(view, '#team-mention-list-0')!;
    const r = option.getBoundingClientRect();
    await sendMouse({ type: 'click', position: [Math.round(r.left + 10), Math.round(r.top + r.height / 2)] });
    await until(() => composer.value === 'ask @Kim ', 'the name written');
    expect(deepActiveElement() === composer, 'the composer keeps the focus').to.be.true;
    expect($(view, '.canned-menu') === null, 'the list is closed').to.be.true;

    await sendKeys({ type: '@sa' });
    await until(() => $(view, '#team-mention-list'), 'the list again');
    await sendKeys({ press: 'Escape' });
    await until(() => !$(view, '.canned-menu'), 'the list closed by Escape');
    expect(composer.value).to.equal('ask @Kim @sa');

    await sendKeys({ type: ' mail@sa' });
    expect($(view, '.canned-menu') === null, 'an "@" inside a word is no mention').to.be.true;
    await sendKeys({ type: ' @zz' });
    await until(() => textOf($(view, '.canned-empty')) === 'No teammate matches.', 'the empty note');
    expect($(view, '[role="listbox"]') === null).to.be.true;
  });

  it('in a visitor’s chat: the reply box offers teammates after "@" as it offers canned responses after ":"', async () => {
    const el = await mount();
    const conversationId = await visitorSays('Can I pay by invoice?');
    await op.trpc.operator.accept.mutate({ conversationId });
    await until(() => $(el, `.row[data-conversation="${conversationId}"]`), 'the chat in the list');
    $<HTMLButtonElement>(el, `.row[data-conversation="${conversationId}"]`)!.click();
    const reply = () => $<HTMLTextAreaElement>(el, '#reply');
    await until(() => reply() && !reply()!.disabled, 'the reply box');
    addTeammates(el);
    reply()!.focus();

    await sendKeys({ type: ':' });
    await until(() => textOf($(el, '.canned-menu')), 'the canned picker');
    expect(textOf($(el, '.canned-empty')), 'this account has no canned responses').to.equal('No canned response matches.');
    await sendKeys({ press: 'Backspace' });
    await until(() => !$(el, '.canned-menu'), 'closed');

    await sendKeys({ type: 'Let me ask @ki' });
    await until(() => $(el, '#mention-list'), 'the teammate list');
    expect(optionsIn(el)).to.deep.equal(['Kim Ha-eun @Kim']);
    expect(reply()!.getAttribute('aria-controls')).to.equal('mention-list');
    await expectAccessible($(el, 'form.composer')!, COMBOBOX_TEXTAREA);
    await sendKeys({ press: 'Tab' });
    await until(() => reply()!.value === 'Let me ask @Kim ', 'the name written');
    expect(deepActiveElement() === reply(), 'Tab picked; the focus stayed').to.be.true;
    expect($(el, '.canned-menu') === null).to.be.true;
  });
});

/** A visitor on the demo site who writes; their chat is ended afterwards. */
async function visitorSays(text: string): Promise<number> {
  let token: string | null = null;
  const ws = createWSClient({
    url: socketUrl(chat.wsUrl, chat.site),
    WebSocket: NativeWebSocket,
    connectionParams: () => (token ? { visitorToken: token } : {}),
    retryDelayMs: () => 100,
  });
  const trpc = createTRPCClient<AppRouter>({ links: [wsLink({ client: ws })] });
  token = (await trpc.visitor.hello.mutate()).token ?? null;
  const { conversationId } = await trpc.visitor.send.mutate({ clientId: `m-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`, text });
  cleanups.push(async () => {
    await op.trpc.operator.end.mutate({ conversationId }).catch(() => undefined);
    void ws.close();
  });
  return conversationId;
}

// --- the Mentions list ----------------------------------------------------------------

const NOW = Date.now();
const mention = (id: number, where: Mention['where'], excerpt: string, minutesAgo: number): Mention => ({
  id,
  from: { id: 2, name: 'Sam Lee' },
  where,
  messageId: id * 10,
  excerpt,
  at: NOW - minutesAgo * 60_000,
});
const STORED = [
  mention(3, { conversationId: 41, visitorName: 'Dana' }, '@alex can you check this refund?', 1),
  mention(2, { channelId: 7, kind: 'direct', name: 'Sam Lee' }, 'Lunch at noon, @alex?', 2),
  mention(1, { channelId: 5, kind: 'channel', name: 'general' }, '@alex the returns policy changed', 3),
];

/** A session whose team chat talks to a stub server holding `stored` unread mentions; it records each call. */
function stubSession(stored: Mention[], unread = stored.length) {
  const calls: string[] = [];
  let left = [...stored];
  let total = unread;
  const answer = (read: MentionsRead['read']): MentionsRead => {
    const gone = left.filter((m) => ('ids' in read ? read.ids.includes(m.id) : m.id <= read.upTo));
    left = left.filter((m) => !gone.includes(m));
    total -= gone.length;
    return { read, unread: 'upTo' in read ? 0 : total };
  };
  const stub = {
    operator: {
      channels: {
        list: { query: async () => [] },
        mentions: { query: async (): Promise<MentionList> => ({ mentions: left, unread: total }) },
        readMention: {
          mutate: async ({ mentionId }: { mentionId: number }) => {
            calls.push(`readMention ${mentionId}`);
            return answer({ ids: [mentionId] });
          },
        },
        readAllMentions: {
          mutate: async () => {
            calls.push('readAllMentions');
            return answer({ upTo: Number.MAX_SAFE_INTEGER });
          },
        },
      },
    },
  };
  const session = new EventTarget() as EventTarget & { teamChat: TeamChat };
  session.teamChat = new TeamChat({
    trpc: () => stub as unknown as ChatClient,
    changed: () => session.dispatchEvent(new Event('change')),
    me: () => null,
    known: () => false,
  });
  return { session: session as unknown as OperatorSession, calls };
}

async function mountMentions(stored: Mention[], unread?: number) {
  const { session, calls } = stubSession(stored, unread);
  const el = await fixture<TeamMentions>(html`<chat-team-mentions .session=${session} lang="en"></chat-team-mentions>`);
  await session.teamChat.load();
  await el.updateComplete;
  const opened: unknown[] = [];
  el.addEventListener('chat-team-open', (e) => opened.push(e.detail));
  return { el, session, calls, opened };
}

const toggle = (el: TeamMentions) => $<HTMLButtonElement>(el, 'button.toggle')!;
const listed = (el: TeamMentions) =>
  $$(el, '.mention').map((b) => `${textOf(b.querySelector('.who'))} | ${textOf(b.querySelector('.excerpt'))}`);

describe('<chat-team-mentions>', () => {
  it('shows the unread count from the server on start, and lists the mentions newest first, saying who and where', async () => {
    const { el } = await mountMentions(STORED);
    await until(() => toggle(el).getAttribute('aria-label') === 'Mentions, 3 unread', 'the count');
    expect(textOf(toggle(el).querySelector('.label'))).to.equal('Mentions');
    expect(textOf(toggle(el).querySelector('.count'))).to.equal('3');
    expect(toggle(el).getAttribute('aria-expanded')).to.equal('false');

    toggle(el).click();
    await until(() => $(el, '#mentions-list'), 'the list');
    expect(toggle(el).getAttribute('aria-expanded')).to.equal('true');
    expect(listed(el)).to.deep.equal([
      'Sam Lee in the chat with Dana | @alex can you check this refund?',
      'Sam Lee in a direct message | Lunch at noon, @alex?',
      'Sam Lee in #general | @alex the returns policy changed',
    ]);
    expect(textOf($(el, '.mark-all'))).to.equal('Mark all read');
    await expectAccessible(el);
  });

  it('opening one goes to it, marks it read on the server, and closes the list with one fewer', async () => {
    const { el, calls, opened } = await mountMentions(STORED);
    toggle(el).click();
    await until(() => $(el, '.mention[data-mention="2"]'), 'the list');
    $<HTMLButtonElement>(el, '.mention[data-mention="2"]')!.click();
    await until(() => calls.length === 1, 'the server told');
    expect(calls).to.deep.equal(['readMention 2']);
    expect(opened).to.deep.equal([{ channelId: 7 }]);
    await until(() => toggle(el).getAttribute('aria-label') === 'Mentions, 2 unread', 'one fewer');
    expect($(el, '#mentions-list') === null, 'the list closed').to.be.true;

    toggle(el).click();
    await until(() => $(el, '#mentions-list'), 'the list again');
    expect(listed(el).map((l) => l.split(' | ')[1])).to.deep.equal(['@alex can you check this refund?', '@alex the returns policy changed']);
    $<HTMLButtonElement>(el, '.mention[data-mention="3"]')!.click();
    expect(opened.at(-1)).to.deep.equal({ conversationId: 41 });
  });

  it('works from the keyboard: Enter opens the list, Tab reaches each mention, Escape closes it back onto the button', async () => {
    const { el, calls, opened } = await mountMentions(STORED);
    toggle(el).focus();
    await sendKeys({ press: 'Enter' });
    await until(() => $(el, '#mentions-list'), 'the list');
    await sendKeys({ press: 'Tab' });
    expect(deepActiveElement() === $(el, '.mark-all')).to.be.true;
    await sendKeys({ press: 'Tab' });
    expect(deepActiveElement() === $(el, '.mention[data-mention="3"]')).to.be.true;
    await sendKeys({ press: 'Escape' });
    await until(() => !$(el, '#mentions-list'), 'closed');
    expect(deepActiveElement() === toggle(el), 'focus back on the button').to.be.true;

    await sendKeys({ press: 'Enter' });
    await until(() => $(el, '#mentions-list'), 'open again');
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Enter' });
    await until(() => calls.length === 1, 'opened with Enter');
    expect(calls).to.deep.equal(['readMention 3']);
    expect(opened).to.deep.equal([{ conversationId: 41 }]);
  });

  it('“Mark all read” empties the list and the count, on the server too', async () => {
    const { el, calls } = await mountMentions(STORED);
    toggle(el).click();
    await until(() => $(el, '.mark-all'), 'the list');
    $<HTMLButtonElement>(el, '.mark-all')!.click();
    await until(() => textOf($(el, '.empty')) === 'No unread mentions.', 'the empty list');
    expect(calls).to.deep.equal(['readAllMentions']);
    expect($(el, '.count') === null, 'no count').to.be.true;
    expect(toggle(el).getAttribute('aria-label')).to.equal('Mentions, none unread');
    expect($(el, '.mark-all') === null, 'nothing left to mark').to.be.true;
    expect(deepActiveElement() === toggle(el), 'focus on the button').to.be.true;
  });

  it('follows the stream: a new mention comes first, and one read in another panel leaves', async () => {
    const { el, session } = await mountMentions(STORED);
    toggle(el).click();
    await until(() => listed(el).length === 3, 'the list');
    // As OperatorSession does with each event of the stream.
    const stream = (event: Parameters<TeamChat['receive']>[0]) => {
      session.teamChat.receive(event);
      session.dispatchEvent(new Event('change'));
    };
    stream({ type: 'mention', mention: mention(4, { channelId: 5, kind: 'channel', name: 'general' }, '@alex new one', 0) });
    await until(() => listed(el).length === 4, 'the new mention');
    expect(listed(el)[0]).to.equal('Sam Lee in #general | @alex new one');
    expect(toggle(el).getAttribute('aria-label')).to.equal('Mentions, 4 unread');

    stream({ type: 'mentions-read', read: { ids: [3] }, unread: 3 });
    await until(() => listed(el).length === 3, 'one gone');
    expect(listed(el).some((l) => l.includes('refund')), 'the one read elsewhere').to.be.false;
    stream({ type: 'mentions-read', read: { upTo: 4 }, unread: 0 });
    await until(() => textOf($(el, '.empty')) === 'No unread mentions.', 'all gone');
  });

  it('says when more are unread than listed', async () => {
    const { el } = await mountMentions(STORED, 73);
    await until(() => toggle(el).getAttribute('aria-label') === 'Mentions, 73 unread', 'the count of all');
    toggle(el).click();
    await until(() => $(el, '.more'), 'the note');
    expect(textOf($(el, '.more'))).to.equal('The latest 3 of 73 are shown.');
  });
});
