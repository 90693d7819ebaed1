/**
 * Operator composer commands, pure domain: which texts are commands, how each command and alias
 * is read, the errors an operator sees, the /help message, the pages /history lists, and the
 * transcript a ticket or lead receives.
 */
import { describe, expect, it } from 'vitest';
import {
  COMMANDS,
  HISTORY_LIMIT,
  helpText,
  isCommand,
  parseCommand,
  recentPages,
  transcriptText,
  type Command,
  type TranscriptMessage,
} from '../../server/src/domain/commands.js';

const ALL_COMMANDS =
  'Commands: /help, /ticket <title>, /search_tickets <keyword or #number>, /history, /lead <name>, /leave';

function errorOf(text: string): string {
  const result = parseCommand(text);
  if (result.ok) throw new Error(`expected "${text}" to be refused, got ${JSON.stringify(result.command)}`);
  return result.error;
}

describe('isCommand', () => {
  it.each([
    '/help',
    '  /help',
    '/help  ',
    '/HELP',
    '/ticket Broken checkout',
    '/search_tickets #12',
    '/foo',
    '/home is broken',
    '/help\nmore',
  ])('%j is a command attempt', (text) => {
    expect(isCommand(text)).toBe(true);
  });

  it.each(['hello', '', '   ', ':sorry', 'a/b', '/ 5', '//', '/', '/5', '/_help', '/home/page', '/ticket2 x', 'see /help'])(
    '%j is a message, not a command',
    (text) => {
      expect(isCommand(text)).toBe(false);
    },
  );
});

describe('parseCommand: commands and aliases', () => {
  it.each<[string, Command]>([
    ['/help', { name: 'help' }],
    ['  /Help  ', { name: 'help' }],
    ['/history', { name: 'history' }],
    ['/leave', { name: 'leave' }],
    ['/LEAVE', { name: 'leave' }],
    ['/ticket Broken checkout', { name: 'ticket', title: 'Broken checkout' }],
    ['/helpdesk Broken checkout', { name: 'ticket', title: 'Broken checkout' }],
    ['/HELPDESK Broken checkout', { name: 'ticket', title: 'Broken checkout' }],
    ['/ticket    Broken     checkout   ', { name: 'ticket', title: 'Broken checkout' }],
    ['/ticket\tBroken\n\ncheckout', { name: 'ticket', title: 'Broken checkout' }],
    ['/search_tickets checkout', { name: 'search_tickets', query: { keyword: 'checkout' } }],
    ['/helpdesk_search checkout', { name: 'search_tickets', query: { keyword: 'checkout' } }],
    ['/Helpdesk_Search   slow   page', { name: 'search_tickets', query: { keyword: 'slow page' } }],
    ['/search_tickets #12', { name: 'search_tickets', query: { number: 12 } }],
    ['/search_tickets  #007 ', { name: 'search_tickets', query: { number: 7 } }],
    ['/search_tickets 12', { name: 'search_tickets', query: { keyword: '12' } }],
    ['/search_tickets #abc', { name: 'search_tickets', query: { keyword: '#abc' } }],
    ['/search_tickets #12 checkout', { name: 'search_tickets', query: { keyword: '#12 checkout' } }],
    ['/search_tickets #0', { name: 'search_tickets', query: { keyword: '#0' } }],
    ['/search_tickets #99999999999999999999', { name: 'search_tickets', query: { keyword: '#99999999999999999999' } }],
    ['/lead Jane Doe', { name: 'lead', leadName: 'Jane Doe' }],
    ['/LEAD   Jane    Doe', { name: 'lead', leadName: 'Jane Doe' }],
  ])('%j', (text, command) => {
    expect(parseCommand(text)).toEqual({ ok: true, command });
  });

  it('every listed command and alias parses to its own command', () => {
    for (const spec of COMMANDS) {
      for (const typed of [spec.name, ...spec.aliases]) {
        const result = parseCommand(spec.argument ? `/${typed} x` : `/${typed}`);
        expect(result.ok && result.command.name).toBe(spec.name);
      }
    }
  });
});

describe('parseCommand: errors', () => {
  it.each([
    ['/ticket', '/ticket needs a title: /ticket <title>'],
    ['/ticket    ', '/ticket needs a title: /ticket <title>'],
    ['/HELPDESK', '/helpdesk needs a title: /helpdesk <title>'],
    ['/search_tickets', '/search_tickets needs a keyword or #number: /search_tickets <keyword or #number>'],
    ['/helpdesk_search', '/helpdesk_search needs a keyword or #number: /helpdesk_search <keyword or #number>'],
    ['/lead', '/lead needs a name: /lead <name>'],
  ])('%j without its argument is refused', (text, error) => {
    expect(errorOf(text)).toBe(error);
  });

  it.each([
    ['/help foo', '/help takes no arguments: type just /help'],
    ['/history x', '/history takes no arguments: type just /history'],
    ['/leave now', '/leave takes no arguments: type just /leave'],
    ['/LEAVE now please', '/leave takes no arguments: type just /leave'],
  ])('%j with an argument is refused', (text, error) => {
    expect(errorOf(text)).toBe(error);
  });

  it('an unknown command names it and lists every command with its argument and the aliases', () => {
    const error = errorOf('/foo');
    expect(error).toBe(
      `Unknown command "/foo". ${ALL_COMMANDS}. Aliases: /helpdesk for /ticket, /helpdesk_search for /search_tickets.`,
    );
    expect(errorOf('/home is broken')).toMatch(/^Unknown command "\/home"\. Commands: \/help, /);
    for (const spec of COMMANDS) expect(error).toContain(`/${spec.name}`);
  });

  it('an unknown command of a thousand letters is echoed shortened', () => {
    const error = errorOf(`/${'x'.repeat(1000)}`);
    expect(error).toContain(`"/${'x'.repeat(40)}…"`);
    expect(error.length).toBeLessThan(300);
  });

  it.each(['hello', ':sorry', 'a/b', '/ 5', ''])('%j is refused as not a command', (text) => {
    expect(errorOf(text)).toMatch(/^Not a command/);
  });

  it.each([
    ['/ticket', 200, 'title'],
    ['/helpdesk', 200, 'title'],
    ['/lead', 120, 'name'],
    ['/search_tickets', 100, 'keyword or #number'],
  ] as const)('%s takes %i characters and refuses one more', (typed, max, noun) => {
    expect(parseCommand(`${typed} ${'a'.repeat(max)}`).ok).toBe(true);
    expect(errorOf(`${typed} ${'a'.repeat(max + 1)}`)).toBe(
      `The ${noun} for ${typed} is too long: ${max + 1} characters, at most ${max}.`,
    );
  });

  it('the length limit counts collapsed whitespace once and an emoji as one character', () => {
    expect(parseCommand(`/ticket ${'a'.repeat(100)}${' '.repeat(50)}${'b'.repeat(99)}`).ok).toBe(true);
    expect(parseCommand(`/ticket ${'😀'.repeat(200)}`).ok).toBe(true);
    expect(parseCommand(`/ticket ${'😀'.repeat(201)}`).ok).toBe(false);
  });
});

describe('helpText', () => {
  const text = helpText();

  it('explains the four kinds of input', () => {
    expect(text).toMatch(/@name .*mention an operator.*notified/);
    expect(text).toMatch(/#channel .*operator channel/);
    expect(text).toMatch(/\/command .*run a command/);
    expect(text).toMatch(/:shortcut .*canned response/);
  });

  it('lists every command on its own line with its argument, aliases and help', () => {
    const lines = text.split('\n');
    for (const spec of COMMANDS) {
      const usage = spec.argument ? `/${spec.name} ${spec.argument.usage}` : `/${spec.name}`;
      const line = lines.find((l) => l.trim().startsWith(`${usage}`));
      expect(line, usage).toBeDefined();
      expect(line).toContain(spec.help);
      for (const alias of spec.aliases) expect(line).toContain(`/${alias}`);
    }
    expect(text).toContain(`last ${HISTORY_LIMIT} pages`);
  });
});

describe('recentPages', () => {
  const pages = Array.from({ length: 20 }, (_, i) => ({ id: i + 1, url: `/p${i + 1}`, at: 1_000 * (i + 1) }));

  it(`keeps the ${HISTORY_LIMIT} newest of 20, newest first`, () => {
    const shuffled = [...pages.slice(10), ...pages.slice(0, 10).reverse()];
    const recent = recentPages(shuffled);
    expect(HISTORY_LIMIT).toBe(15);
    expect(recent.map((p) => p.id)).toEqual([20, 19, 18, 17, 16, 15, 14, 13, 12, 11, 10, 9, 8, 7, 6]);
  });

  it('keeps all of fewer pages, newest first', () => {
    expect(recentPages(pages.slice(0, 3)).map((p) => p.id)).toEqual([3, 2, 1]);
    expect(recentPages([])).toEqual([]);
  });

  it('honours a smaller limit', () => {
    expect(recentPages(pages, 2).map((p) => p.id)).toEqual([20, 19]);
    expect(recentPages(pages, 0)).toEqual([]);
  });

  it('puts the larger id first among pages viewed at the same moment, else the later in the input', () => {
    const same = [
      { id: 4, at: 5 },
      { id: 9, at: 5 },
      { id: 1, at: 6 },
    ];
    expect(recentPages(same).map((p) => p.id)).toEqual([1, 9, 4]);
    const anonymous = [
      { url: 'a', at: 5 },
      { url: 'b', at: 5 },
    ];
    expect(recentPages(anonymous).map((p) => p.url)).toEqual(['b', 'a']);
  });

  it('leaves the input untouched', () => {
    const input = [...pages].reverse();
    const before = structuredClone(input);
    recentPages(input);
    expect(input).toEqual(before);
  });
});

describe('transcriptText', () => {
  /** Wednesday 14 January 2026, 10:05 UTC. */
  const T = Date.UTC(2026, 0, 14, 10, 5);
  const MIN = 60_000;
  const text = (author: TranscriptMessage['author'], authorName: string, body: string, at: number, internal = false): TranscriptMessage => ({
    author,
    authorName,
    text: body,
    createdAt: at,
    kind: 'text',
    event: null,
    internal,
  });
  const event = (authorName: string, name: string, at: number): TranscriptMessage => ({
    author: 'operator',
    authorName,
    text: '',
    createdAt: at,
    kind: 'event',
    event: name,
    internal: false,
  });
  const chat: TranscriptMessage[] = [
    text('visitor', 'Sam', 'My checkout is broken', T),
    text('system', 'Acme', 'Ticket #12 created', T + MIN, true),
    event('Alex', 'joined', T + MIN),
    text('operator', 'Alex', 'Sorry to hear that.\nWhich browser?', T + 2 * MIN),
    text('operator', 'Alex', 'Note: VIP customer', T + 2 * MIN, true),
    event('Alex', 'left', T + 3 * MIN),
    { ...event('Acme', 'ended', T + 4 * MIN), author: 'system' },
  ];

  it('writes one line per message, events as notices, and leaves out operators-only lines', () => {
    expect(transcriptText(chat)).toBe(
      [
        '[2026-01-14 10:05] Sam: My checkout is broken',
        '[2026-01-14 10:06] Alex joined',
        '[2026-01-14 10:07] Alex: Sorry to hear that.',
        '    Which browser?',
        '[2026-01-14 10:08] Alex left',
        '[2026-01-14 10:09] Acme ended the chat',
      ].join('\n'),
    );
  });

  it('writes times on the wall clock of the given time zone', () => {
    expect(transcriptText(chat.slice(0, 1), 'Asia/Seoul')).toBe('[2026-01-14 19:05] Sam: My checkout is broken');
    expect(transcriptText(chat.slice(0, 1), 'America/Los_Angeles')).toBe('[2026-01-14 02:05] Sam: My checkout is broken');
    // Paris in summer is UTC+2; midnight is written 00, not 24.
    expect(transcriptText([text('visitor', 'Sam', 'Bonjour', Date.UTC(2026, 6, 1, 22, 30))], 'Europe/Paris')).toBe(
      '[2026-07-02 00:30] Sam: Bonjour',
    );
  });

  it('names an author without a name by their role', () => {
    expect(transcriptText([text('visitor', '  ', 'hi', T)])).toBe('[2026-01-14 10:05] Visitor: hi');
  });

  it('is empty when nothing may be shown', () => {
    expect(transcriptText([])).toBe('');
    expect(transcriptText([text('operator', 'Alex', 'secret', T, true)])).toBe('');
  });
});
