/**
 * Operator composer commands: what an operator may type after "/", how a line is read into a
 * command, the /help message, the pages /history shows, and the transcript that /ticket and
 * /lead attach. Pure: no I/O, and time is passed in as data.
 */

export type CommandName = 'help' | 'ticket' | 'search_tickets' | 'history' | 'lead' | 'leave';

export interface CommandArgument {
  /** How the argument is written in usage lines, e.g. `<title>`. */
  usage: string;
  /** What the argument is, for error messages: "/ticket needs a title". */
  noun: string;
  /** The longest argument accepted, in characters (an emoji counts as one). */
  maxLength: number;
}

export interface CommandSpec {
  name: CommandName;
  /** Other names the operator may type; they run the same command. */
  aliases: readonly string[];
  /** The one argument the command requires, or null when it takes none. */
  argument: CommandArgument | null;
  /** One line of English for /help. */
  help: string;
}

/** How many viewed pages /history shows. */
export const HISTORY_LIMIT = 15;

export const COMMANDS: readonly CommandSpec[] = [
  { name: 'help', aliases: [], argument: null, help: 'Show what you can type in the composer.' },
  {
    name: 'ticket',
    aliases: ['helpdesk'],
    argument: { usage: '<title>', noun: 'title', maxLength: 200 },
    help: 'Create a helpdesk ticket with this chat as its description, and post a link to it.',
  },
  {
    name: 'search_tickets',
    aliases: ['helpdesk_search'],
    argument: { usage: '<keyword or #number>', noun: 'keyword or #number', maxLength: 100 },
    help: 'Find helpdesk tickets by keyword or #number, and post links to them.',
  },
  { name: 'history', aliases: [], argument: null, help: `Show the last ${HISTORY_LIMIT} pages the visitor viewed.` },
  {
    name: 'lead',
    aliases: [],
    argument: { usage: '<name>', noun: 'name', maxLength: 120 },
    help: 'Create a lead with this chat in its notes, and post a link to it.',
  },
  { name: 'leave', aliases: [], argument: null, help: 'Leave this chat; the visitor stays and the chat is not ended.' },
];

export type Command =
  | { name: 'help' }
  | { name: 'ticket'; title: string }
  | { name: 'search_tickets'; query: { number: number } | { keyword: string } }
  | { name: 'history' }
  | { name: 'lead'; leadName: string }
  | { name: 'leave' };

export type ParseResult = { ok: true; command: Command } | { ok: false; error: string };

/**
 * A command is "/" then a name of letters and underscores, ending at whitespace or the end of the
 * text; leading and trailing spaces are ignored. Whether the name is known does not matter here,
 * so "/home is broken" is a command attempt (and parseCommand answers "Unknown command"): an
 * operator who mistypes a command is told so rather than having the slip sent to the visitor.
 * Anything else is a message: "/ 5", "//", "/home/page", "/ticket2", "a/b", ":sorry".
 */
const COMMAND_LINE = /^\/([a-z][a-z_]*)(?:\s+([\s\S]*))?$/i;

/** True when the operator's text is a command attempt rather than a message for the visitor. */
export function isCommand(text: string): boolean {
  return COMMAND_LINE.test(text.trim());
}

/** Longest unknown name echoed back in an error, so a pasted wall of letters stays readable. */
const ECHO_LIMIT = 40;

/**
 * Reads the operator's text into a command. Names are case-insensitive and aliases run their
 * command. The argument is trimmed with inner whitespace (line breaks included) collapsed to
 * single spaces. For /search_tickets, `#12` means ticket number 12; anything else, `12` or
 * `#abc` included, is a keyword.
 */
export function parseCommand(text: string): ParseResult {
  const match = COMMAND_LINE.exec(text.trim());
  if (!match) return { ok: false, error: 'Not a command: type "/" followed by a command name, such as /help.' };
  const typed = match[1]!.toLowerCase();
  const argument = (match[2] ?? '').trim().replace(/\s+/g, ' ');
  const spec = COMMANDS.find((c) => c.name === typed || c.aliases.includes(typed));
  if (!spec) {
    const shown = typed.length > ECHO_LIMIT ? `${match[1]!.slice(0, ECHO_LIMIT)}…` : match[1]!;
    return { ok: false, error: `Unknown command "/${shown}". ${commandList()}` };
  }
  if (!spec.argument) {
    if (argument) return { ok: false, error: `/${typed} takes no arguments: type just /${typed}` };
  } else {
    const { usage, noun, maxLength } = spec.argument;
    if (!argument) return { ok: false, error: `/${typed} needs a ${noun}: /${typed} ${usage}` };
    const length = [...argument].length;
    if (length > maxLength) {
      return { ok: false, error: `The ${noun} for /${typed} is too long: ${length} characters, at most ${maxLength}.` };
    }
  }
  return { ok: true, command: build(spec.name, argument) };
}

/** The command itself, once its argument (empty when it takes none) has been checked. */
function build(name: CommandName, argument: string): Command {
  switch (name) {
    case 'ticket':
      return { name, title: argument };
    case 'search_tickets':
      return { name, query: ticketQuery(argument) };
    case 'lead':
      return { name, leadName: argument };
    case 'help':
    case 'history':
    case 'leave':
      return { name };
  }
}

function ticketQuery(argument: string): { number: number } | { keyword: string } {
  const number = /^#(\d+)$/.exec(argument);
  const value = number ? Number(number[1]) : 0;
  // Ticket numbers start at 1; "#0" or a number too large to be exact is searched as typed.
  return Number.isSafeInteger(value) && value > 0 ? { number: value } : { keyword: argument };
}

function usageOf(spec: CommandSpec): string {
  return spec.argument ? `/${spec.name} ${spec.argument.usage}` : `/${spec.name}`;
}

/** Every command with its argument, then the aliases: the tail of an "Unknown command" error. */
function commandList(): string {
  const aliases = COMMANDS.flatMap((c) => c.aliases.map((a) => `/${a} for /${c.name}`));
  const list = `Commands: ${COMMANDS.map(usageOf).join(', ')}`;
  return aliases.length ? `${list}. Aliases: ${aliases.join(', ')}.` : `${list}.`;
}

/** The message /help shows: the four kinds of input, with every command and what it does. */
export function helpText(): string {
  const commands = COMMANDS.map((c) => {
    const aliases = c.aliases.length ? ` (or ${c.aliases.map((a) => `/${a}`).join(', ')})` : '';
    return `    ${usageOf(c)}${aliases}: ${c.help}`;
  });
  return [
    'You can type:',
    '  @name to mention an operator; they are notified.',
    '  #channel to link an operator channel.',
    '  /command to run a command. Only operators see commands and what they post:',
    ...commands,
    '  :shortcut to insert a canned response.',
  ].join('\n');
}

/**
 * The `limit` most recent pages, newest first, as /history lists them. Pages viewed in the same
 * millisecond are ordered by the larger `id` first, or, without ids, the later one in the input.
 * The input is left as it is.
 */
export function recentPages<T extends { at: number }>(pages: T[], limit: number = HISTORY_LIMIT): T[] {
  return pages
    .map((page, index) => ({ page, index, id: 'id' in page && typeof page.id === 'number' ? page.id : null }))
    .sort((a, b) => b.page.at - a.page.at || (a.id !== null && b.id !== null ? b.id - a.id : 0) || b.index - a.index)
    .slice(0, Math.max(0, Math.floor(limit)))
    .map((entry) => entry.page);
}

export interface TranscriptMessage {
  author: 'visitor' | 'operator' | 'system';
  authorName: string;
  text: string;
  createdAt: number;
  kind: 'text' | 'event';
  event: string | null;
  /** Shown to operators only: left out of transcripts, which may reach people outside the chat. */
  internal: boolean;
  extras?: { file?: { name: string; url: string }; rating?: { value: string; comment: string } } | null;
}

const EVENT_WORDS: Record<string, string> = {
  joined: 'joined',
  left: 'left',
  ended: 'ended the chat',
  reopened: 'continued the chat',
  'rating-requested': 'asked for a rating',
};
const FALLBACK_NAMES = { visitor: 'Visitor', operator: 'Operator', system: 'System' } as const;
const CONTINUATION = '    ';

/**
 * A plain-text transcript for a ticket's description or a lead's notes, in the order given:
 * `[YYYY-MM-DD HH:MM] Name: text` per message, `[YYYY-MM-DD HH:MM] Name joined` per event, with
 * the time on the wall clock of `timeZone`. A message's further lines are indented, so every
 * line that starts with "[" starts a message. Operators-only messages are left out.
 * An unknown `timeZone` throws a RangeError.
 */
export function transcriptText(messages: TranscriptMessage[], timeZone: string = 'UTC'): string {
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  const stamp = (at: number): string => {
    const part: Record<string, string> = {};
    for (const p of format.formatToParts(at)) part[p.type] = p.value;
    return `${part.year}-${part.month}-${part.day} ${part.hour}:${part.minute}`;
  };
  return messages
    .filter((m) => !m.internal)
    .map((m) => {
      const name = m.authorName.trim() || FALLBACK_NAMES[m.author];
      const body =
        m.kind === 'event'
          ? `${name} ${eventWords(m)}`
          : `${name}: ${[m.text.trim(), m.extras?.file && `[file: ${m.extras.file.name} ${m.extras.file.url}]`].filter(Boolean).join(' ')}`.trimEnd();
      const [first, ...rest] = body.split(/\r\n|\r|\n/);
      return [`[${stamp(m.createdAt)}] ${first}`, ...rest.map((line) => (line ? CONTINUATION + line : ''))].join('\n');
    })
    .join('\n');
}

function eventWords(m: TranscriptMessage): string {
  const rating = m.event === 'rated' ? m.extras?.rating : undefined;
  if (rating) return `rated the chat ${rating.value === 'good' ? 'Good' : 'Bad'}${rating.comment ? `: ${rating.comment}` : ''}`;
  return (m.event && EVENT_WORDS[m.event]) || m.text.trim() || m.event || 'event';
}
