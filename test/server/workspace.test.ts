/**
 * The operator workspace through the real server and tRPC clients: operators-only /commands and
 * what they create (tickets, leads), proof that a visitor never sees their output, transfers and
 * invitations between operators and departments, ending with tags and continuing an ended chat,
 * canned responses, a visitor's contact details, and signed webhooks.
 */
import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it, vi } from 'vitest';
import type { ChatMessage, VisitorStreamEvent } from '../../server/src/protocol/index.js';
import {
  actors,
  client,
  clientId,
  codeOf,
  failure,
  messagesIn,
  operator,
  serverPerTest,
  textsIn,
  visitor,
  type Tracked,
} from './harness.js';

/** Wednesday 25 November 2026, 10:00 UTC. */
const WEDNESDAY_10 = Date.UTC(2026, 10, 25, 10, 0);
const clock = { at: WEDNESDAY_10 };
const t = serverPerTest(() => {
  clock.at = WEDNESDAY_10;
  return { now: () => clock.at };
});

const FIRST_WORDS = 'Hi, my payment failed twice';
const FIRST_REPLY = 'Sorry about that, let me look';

// --- helpers ---------------------------------------------------------------------------------

const { accountId, admin, teammate, panel, listen } = actors(t);
type Op = Awaited<ReturnType<typeof admin>>;
type Panel = Awaited<ReturnType<typeof panel>>;

/** A visitor with the widget open. */
async function chatter() {
  const v = await visitor(t.server);
  t.later(v.close);
  const events = await listen(v);
  const send = (text: string) => v.trpc.visitor.send.mutate({ clientId: clientId(), text });
  const seen = () => messagesIn(events.items);
  /** The notices the visitor was shown, as "joined Alex". */
  const notices = () => seen().flatMap((m) => (m.kind === 'event' ? [`${m.event} ${m.authorName}`] : []));
  return { ...v, events, send, seen, notices };
}
type Chatter = Awaited<ReturnType<typeof chatter>>;

/** Alex, with the panel open, serves a visitor who wrote and has been answered. */
async function servedChat() {
  const a = await admin();
  const aEvents = await panel(a);
  const v = await chatter();
  const { conversationId } = await v.send(FIRST_WORDS);
  await a.trpc.operator.accept.mutate({ conversationId });
  await a.trpc.operator.send.mutate({ conversationId, clientId: clientId(), text: FIRST_REPLY });
  await vi.waitFor(() => expect(textsIn(v.events.items)).toContain(FIRST_REPLY));
  const run = (text: string, id: string = clientId()) => a.trpc.operator.send.mutate({ conversationId, clientId: id, text });
  const detail = () => a.trpc.operator.conversation.query({ conversationId });
  return { a, aEvents, v, conversationId, run, detail };
}

/** The messages an operator's panel received for a conversation. */
const panelMessages = (events: Panel, conversationId: number): ChatMessage[] =>
  events.items.flatMap((e) => (e.data.type === 'message' && e.data.message.conversationId === conversationId ? [e.data.message] : []));

/** The summary of a conversation in the last event the panel received about it. */
const lastSummary = (events: Panel, conversationId: number) =>
  events.items.flatMap((e) => ((e.data.type === 'message' || e.data.type === 'conversation') && e.data.conversation.id === conversationId ? [e.data.conversation] : [])).at(-1);

async function setDistribution(a: Op, distribution: 'automatic' | 'manual') {
  const settings = await a.trpc.admin.availability.get.query();
  await a.trpc.admin.availability.update.mutate({ ...settings, distribution });
}

// --- commands --------------------------------------------------------------------------------

describe('operators-only commands', () => {
  it('/help posts, for operators only, what can be typed in the composer', async () => {
    const { aEvents, v, conversationId, run } = await servedChat();
    const help = await run('/help');
    expect(help).toMatchObject({ conversationId, internal: true, author: 'operator', authorName: 'Alex', extras: { command: 'help' } });
    for (const part of ['@name', '#channel', '/command', ':shortcut', '/ticket <title>', '/search_tickets <keyword or #number>', '/history', '/lead <name>', '/leave']) {
      expect(help.text).toContain(part);
    }
    await vi.waitFor(() => expect(panelMessages(aEvents, conversationId).map((m) => m.id)).toContain(help.id));
    expect(v.seen().map((m) => m.id)).not.toContain(help.id);
  });

  it('/history lists the last 15 pages the visitor viewed, newest first', async () => {
    const { v, run } = await servedChat();
    for (let i = 1; i <= 20; i++) {
      clock.at += 1_000;
      await v.trpc.visitor.pageView.mutate({ url: `https://shop.example/page-${i}`, title: `Page ${i}` });
    }
    const history = await run('/history');
    expect(history.internal).toBe(true);
    expect(history.text).toBe(`The last 15 pages Visitor ${v.visitorId} viewed, newest first:`);
    const pages = history.extras?.pages ?? [];
    expect(pages.map((p) => p.title)).toEqual(Array.from({ length: 15 }, (_, i) => `Page ${20 - i}`));
    expect(pages.map((p) => p.url)).toEqual(Array.from({ length: 15 }, (_, i) => `https://shop.example/page-${20 - i}`));
    expect(pages[0]!.at).toBe(WEDNESDAY_10 + 20_000);
  });

  it('/history says so when the visitor has viewed no page', async () => {
    const { run } = await servedChat();
    const history = await run('/history');
    expect(history.text).toMatch(/^Visitor \d+ has not viewed any page yet\.$/);
    expect(history.extras?.pages).toEqual([]);
  });

  it('/ticket creates a ticket holding the transcript, without operators-only lines, and posts a link to it', async () => {
    const { a, v, conversationId, run } = await servedChat();
    await run('/help');
    const posted = await run('/ticket Broken checkout');
    expect(posted).toMatchObject({ internal: true, text: 'Ticket #1 created: Broken checkout', extras: { command: 'ticket', buttons: [{ label: 'Ticket #1', url: '/admin#tickets/1' }] } });

    const tickets = await a.trpc.admin.tickets.query();
    expect(tickets).toHaveLength(1);
    expect(tickets[0]).toMatchObject({ number: 1, title: 'Broken checkout', conversationId, createdByName: 'Alex', teamName: null, assigneeName: null });
    const lines = tickets[0]!.description.split('\n');
    expect(lines).toContain(`[2026-11-25 10:00] Visitor ${v.visitorId}: ${FIRST_WORDS}`);
    expect(lines).toContain(`[2026-11-25 10:00] Alex: ${FIRST_REPLY}`);
    expect(tickets[0]!.description).not.toContain('You can type');
    // The visitor is the requester, with the contact details operators saved.
    expect(tickets[0]).toMatchObject({ visitorName: `Visitor ${v.visitorId}`, visitorEmail: null });
    await a.trpc.operator.visitor.update.mutate({ visitorId: v.visitorId, name: 'Dana Cho', email: 'dana@example.com' });
    expect((await a.trpc.admin.tickets.query())[0]).toMatchObject({ visitorName: 'Dana Cho', visitorEmail: 'dana@example.com' });
  });

  it('/helpdesk is another name for /ticket', async () => {
    const { a, run } = await servedChat();
    await run('/ticket Broken checkout');
    const posted = await run('/helpdesk Refund request');
    expect(posted.text).toBe('Ticket #2 created: Refund request');
    expect(posted.extras?.buttons).toEqual([{ label: 'Ticket #2', url: '/admin#tickets/2' }]);
    expect((await a.trpc.admin.tickets.query()).map((t) => t.title)).toEqual(['Refund request', 'Broken checkout']);
  });

  it('a ticket goes to the helpdesk team with the highest priority, and to its default assignee', async () => {
    const { a, run } = await servedChat();
    const sam = await teammate('Sam');
    await a.trpc.admin.teams.create.mutate({ name: 'Billing', priority: 50, defaultAssigneeId: sam.operator.id });
    // Created later but with a lower priority: it does not take the ticket.
    await a.trpc.admin.teams.create.mutate({ name: 'Tier 1', priority: 10, defaultAssigneeId: null });
    const posted = await run('/ticket Double charge');
    expect(posted.text).toBe('Ticket #1 created: Double charge (Billing, Sam)');
    expect((await a.trpc.admin.tickets.query())[0]).toMatchObject({ title: 'Double charge', teamName: 'Billing', assigneeName: 'Sam' });

    await a.trpc.admin.teams.create.mutate({ name: 'Escalations', priority: 90, defaultAssigneeId: null });
    expect((await run('/ticket Charged three times')).text).toBe('Ticket #2 created: Charged three times (Escalations)');
  });

  it('/search_tickets finds tickets by keyword or #number and posts links to them', async () => {
    const { run } = await servedChat();
    await run('/ticket Broken checkout');
    await run('/ticket Refund request');

    const byKeyword = await run('/search_tickets checkout');
    expect(byKeyword).toMatchObject({ internal: true, text: '1 ticket matches "checkout":' });
    expect(byKeyword.extras?.buttons).toEqual([{ label: '#1 Broken checkout', url: '/admin#tickets/1' }]);

    const byNumber = await run('/search_tickets #2');
    expect(byNumber.text).toBe('1 ticket matches #2:');
    expect(byNumber.extras?.buttons).toEqual([{ label: '#2 Refund request', url: '/admin#tickets/2' }]);

    // Both descriptions hold the visitor's words: newest first.
    const inTranscript = await run('/search_tickets PAYMENT');
    expect(inTranscript.text).toBe('2 tickets match "PAYMENT":');
    expect(inTranscript.extras?.buttons?.map((b) => b.url)).toEqual(['/admin#tickets/2', '/admin#tickets/1']);

    const none = await run('/helpdesk_search #7');
    expect(none.text).toBe('No ticket matches #7.');
    expect(none.extras?.buttons).toBeUndefined();
  });

  it('/lead creates a lead from live chat with the transcript and the visitor’s contact details, shown in the admin', async () => {
    const { a, v, conversationId, run } = await servedChat();
    await a.trpc.operator.visitor.update.mutate({ visitorId: v.visitorId, email: 'jane@example.com', phone: '+1 555 0100' });
    const posted = await run('/lead Jane Doe');
    expect(posted).toMatchObject({ internal: true, text: 'Lead #1 created: Jane Doe', extras: { command: 'lead', buttons: [{ label: 'Lead #1', url: '/admin#leads/1' }] } });
    const leads = await a.trpc.admin.leads.query();
    expect(leads).toHaveLength(1);
    expect(leads[0]).toMatchObject({ number: 1, name: 'Jane Doe', source: 'live chat', email: 'jane@example.com', phone: '+1 555 0100', conversationId, createdByName: 'Alex' });
    expect(leads[0]!.notes).toContain(`Visitor ${v.visitorId}: ${FIRST_WORDS}`);
    expect(leads[0]!.notes).toContain(`Alex: ${FIRST_REPLY}`);
  });

  it('/leave leaves the chat: the visitor is told, the chat waits for someone else and stays open', async () => {
    const { a, v, conversationId, run, detail } = await servedChat();
    const left = await run('/leave');
    expect(left).toMatchObject({ kind: 'event', event: 'left', authorName: 'Alex', internal: false });
    await vi.waitFor(() => expect(v.notices()).toEqual(['joined Alex', 'left Alex']));
    const told = v.events.items.find((e) => e.data.type === 'message' && e.data.message.id === left.id)!.data;
    expect(told).toMatchObject({ status: 'waiting' });
    expect((await detail()).conversation).toMatchObject({ status: 'waiting', operatorId: null });
    expect(codeOf(await failure(run('Still there?')))).toBe('CONFLICT');

    // Still open: the visitor writes into the same chat, and another accept serves it again.
    expect((await v.send('Hello?')).conversationId).toBe(conversationId);
    await a.trpc.operator.accept.mutate({ conversationId });
    expect((await detail()).conversation).toMatchObject({ status: 'active', operatorId: a.operator.id });
  });

  it('the visitor never receives what commands post, neither live nor when the page reloads or resumes; the operator does', async () => {
    const { aEvents, v, conversationId, run } = await servedChat();
    for (let i = 1; i <= 3; i++) await v.trpc.visitor.pageView.mutate({ url: `https://shop.example/p${i}`, title: `Page ${i}` });
    const outputs: ChatMessage[] = [];
    for (const command of ['/help', '/history', '/ticket Broken checkout', '/helpdesk Refund request', '/search_tickets checkout', '/search_tickets #1', '/lead Jane Doe']) {
      outputs.push(await run(command));
    }
    expect(outputs.every((m) => m.internal)).toBe(true);
    // A reply sent after the commands: once the visitor has it, anything sent before it would have arrived too.
    await run('Anything else I can do?');
    await vi.waitFor(() => expect(textsIn(v.events.items)).toContain('Anything else I can do?'));

    const leaks = (events: ReadonlyArray<Tracked<VisitorStreamEvent>>) =>
      messagesIn(events).filter((m) => m.internal || outputs.some((o) => o.id === m.id || (o.text !== '' && m.text === o.text)));
    const visible = [FIRST_WORDS, FIRST_REPLY, 'Anything else I can do?'];
    expect(leaks(v.events.items)).toEqual([]);
    expect(textsIn(v.events.items)).toEqual(visible);

    // The operator's panel received every one of them.
    await vi.waitFor(() => expect(panelMessages(aEvents, conversationId).map((m) => m.id)).toEqual(expect.arrayContaining(outputs.map((o) => o.id))));

    // A reloaded page replays the chat's history from scratch.
    const reloaded = await visitor(t.server, v.token);
    t.later(reloaded.close);
    const replay = await listen(reloaded, null);
    expect(leaks(replay.items)).toEqual([]);
    expect(textsIn(replay.items)).toEqual(visible);

    // A stream that resumes from the very start replays everything after its cursor.
    const resumed = await visitor(t.server, v.token);
    t.later(resumed.close);
    const fromStart = await listen(resumed, '0');
    expect(leaks(fromStart.items)).toEqual([]);
    expect(textsIn(fromStart.items)).toEqual(visible);
  });

  it.each([
    ['/ticket', '/ticket needs a title: /ticket <title>'],
    ['/lead', '/lead needs a name: /lead <name>'],
    ['/search_tickets', '/search_tickets needs a keyword or #number: /search_tickets <keyword or #number>'],
    ['/history now', '/history takes no arguments: type just /history'],
    ['/foo', 'Unknown command "/foo". Commands: /help, /ticket <title>, /search_tickets <keyword or #number>, /history, /lead <name>, /leave.'],
  ])('%j is refused with a clear message and writes nothing', async (text, message) => {
    const { a, aEvents, v, conversationId, run, detail } = await servedChat();
    const before = (await detail()).messages;
    const error = await failure(run(text));
    expect(codeOf(error)).toBe('BAD_REQUEST');
    expect(error.message).toContain(message);
    expect((await detail()).messages).toEqual(before);
    expect(await a.trpc.admin.tickets.query()).toEqual([]);
    expect(await a.trpc.admin.leads.query()).toEqual([]);
    // Nor was it sent to the visitor as a message.
    await run('After the typo');
    await vi.waitFor(() => expect(textsIn(v.events.items).at(-1)).toBe('After the typo'));
    expect(textsIn(v.events.items)).toEqual([FIRST_WORDS, FIRST_REPLY, 'After the typo']);
    expect(panelMessages(aEvents, conversationId).some((m) => m.text === text)).toBe(false);
  });

  it('a /ticket sent twice with the same clientId creates one ticket and posts one line', async () => {
    const { a, run, detail } = await servedChat();
    const id = clientId('ticket');
    const first = await run('/ticket Broken checkout', id);
    const again = await run('/ticket Broken checkout', id);
    expect(again).toEqual(first);
    expect(await a.trpc.admin.tickets.query()).toHaveLength(1);
    expect((await detail()).messages.filter((m) => m.extras?.command === 'ticket')).toHaveLength(1);
  });
});

// --- transfers and invitations ---------------------------------------------------------------

describe('internal notes', () => {
  it('any operator can add a note to a chat; operators see it, the visitor never does, live or after a reconnect', async () => {
    const { aEvents, v, conversationId, detail } = await servedChat();
    const sam = await teammate('Sam');
    const samEvents = await panel(sam);
    // Sam is not in the chat: he cannot reply, but he can leave a note for Alex.
    expect(codeOf(await failure(sam.trpc.operator.send.mutate({ conversationId, clientId: clientId(), text: 'Hello there' })))).toBe('CONFLICT');
    const id = clientId();
    const note = await sam.trpc.operator.send.mutate({ conversationId, clientId: id, text: '@Alex this customer is a VIP', note: true });
    expect(note).toMatchObject({ conversationId, internal: true, author: 'operator', authorName: 'Sam', text: '@Alex this customer is a VIP' });
    // Sent again (a retry), it is the same note.
    expect((await sam.trpc.operator.send.mutate({ conversationId, clientId: id, text: '@Alex this customer is a VIP', note: true })).id).toBe(note.id);

    for (const events of [aEvents, samEvents]) await vi.waitFor(() => expect(panelMessages(events, conversationId).map((m) => m.id)).toContain(note.id));
    expect((await detail()).messages.filter((m) => m.id === note.id)).toHaveLength(1);
    await v.send('Any news?');
    await vi.waitFor(() => expect(v.seen().at(-1)?.text).toBe('Any news?'));
    expect(v.seen().some((m) => m.id === note.id)).toBe(false);
    const replayed = await listen(v);
    expect(messagesIn(replayed.items).some((m) => m.id === note.id || m.internal)).toBe(false);
  });

  it('a note is not an answer: a chat nobody replied to still counts as unanswered', async () => {
    const a = await admin();
    const v = await visitor(t.server);
    t.later(v.close);
    const { conversationId } = await v.trpc.visitor.send.mutate({ clientId: clientId(), text: FIRST_WORDS });
    await a.trpc.operator.send.mutate({ conversationId, clientId: clientId(), text: 'Checking the order system first', note: true });
    const { conversation } = await a.trpc.operator.conversation.query({ conversationId });
    expect(conversation).toMatchObject({ status: 'waiting', answered: false });
  });
});

describe('transfers and invitations', () => {
  /** Alex and Sam with their panels open; Alex serves a visitor. */
  async function twoOnline() {
    const chat = await servedChat();
    const b = await teammate('Sam');
    const bEvents = await panel(b);
    return { ...chat, b, bEvents };
  }

  it('a transfer hands the chat to the other operator: the visitor sees Alex leave and Sam join, and Sam now answers', async () => {
    const { a, b, bEvents, v, conversationId, run } = await twoOnline();
    const summary = await a.trpc.operator.transfer.mutate({ conversationId, to: { operatorId: b.operator.id }, mode: 'transfer' });
    expect(summary).toMatchObject({ status: 'active', operatorId: b.operator.id, operatorName: 'Sam', guests: [] });
    await vi.waitFor(() => expect(v.notices()).toEqual(['joined Alex', 'left Alex', 'joined Sam']));

    await b.trpc.operator.send.mutate({ conversationId, clientId: clientId(), text: 'Hi, Sam from billing here' });
    await vi.waitFor(() => expect(v.seen().at(-1)).toMatchObject({ text: 'Hi, Sam from billing here', author: 'operator', authorName: 'Sam' }));

    const refused = await failure(run('Me again'));
    expect(codeOf(refused)).toBe('CONFLICT');
    expect(refused.message).toBe('Another operator is serving this conversation');

    // The note of who transferred to whom is for operators.
    await vi.waitFor(() => expect(panelMessages(bEvents, conversationId).some((m) => m.internal && m.text === 'Alex transferred the chat to Sam')).toBe(true));
    expect(v.seen().some((m) => m.internal || m.text.includes('transferred'))).toBe(false);
  });

  it('an invitation adds the other operator: both can write, and the chat lists the guest', async () => {
    const { a, b, v, conversationId, run } = await twoOnline();
    const summary = await a.trpc.operator.transfer.mutate({ conversationId, to: { operatorId: b.operator.id }, mode: 'invite' });
    expect(summary).toMatchObject({ status: 'active', operatorId: a.operator.id, guests: [{ id: b.operator.id, name: 'Sam' }] });
    await vi.waitFor(() => expect(v.notices()).toEqual(['joined Alex', 'joined Sam']));

    await run('I asked Sam to help');
    await b.trpc.operator.send.mutate({ conversationId, clientId: clientId(), text: 'Sam here, hello' });
    await vi.waitFor(() => expect(v.seen().slice(-2).map((m) => `${m.authorName}: ${m.text}`)).toEqual(['Alex: I asked Sam to help', 'Sam: Sam here, hello']));
    expect((await a.trpc.operator.conversation.query({ conversationId })).conversation.guests).toEqual([{ id: b.operator.id, name: 'Sam' }]);

    // Inviting again is refused: Sam is already there.
    const again = await failure(a.trpc.operator.transfer.mutate({ conversationId, to: { operatorId: b.operator.id }, mode: 'invite' }));
    expect(codeOf(again)).toBe('CONFLICT');
    expect(again.message).toBe('Sam is already in this chat');

    // Alex hands the chat to Sam, who is already in it: Sam serves it, Alex is gone, and the
    // visitor is told Alex left without a second "Sam joined".
    const handed = await a.trpc.operator.transfer.mutate({ conversationId, to: { operatorId: b.operator.id }, mode: 'transfer' });
    expect(handed).toMatchObject({ status: 'active', operatorId: b.operator.id, operatorName: 'Sam', guests: [] });
    await vi.waitFor(() => expect(v.notices()).toEqual(['joined Alex', 'joined Sam', 'left Alex']));
    expect(codeOf(await failure(run('Still here?')))).toBe('CONFLICT');
  });

  it('a transfer to an operator whose panel is closed is refused, naming them and why, and changes nothing', async () => {
    const { a, conversationId, run, detail } = await servedChat();
    const b = await teammate('Sam');
    const before = await detail();
    for (const mode of ['transfer', 'invite'] as const) {
      const error = await failure(a.trpc.operator.transfer.mutate({ conversationId, to: { operatorId: b.operator.id }, mode }));
      expect(codeOf(error)).toBe('CONFLICT');
      expect(error.message).toBe('Sam is offline and cannot take this chat');
    }
    const after = await detail();
    expect(after.conversation).toMatchObject({ status: 'active', operatorId: a.operator.id, guests: [] });
    expect(after.messages).toEqual(before.messages);
    await run('Still with you');
  });

  it('a transfer to an operator on a break is refused with that reason', async () => {
    const { a, b, conversationId, detail } = await twoOnline();
    await b.trpc.operator.setStatus.mutate({ status: 'break' });
    const error = await failure(a.trpc.operator.transfer.mutate({ conversationId, to: { operatorId: b.operator.id } }));
    expect(codeOf(error)).toBe('CONFLICT');
    expect(error.message).toBe('Sam is on a break and cannot take this chat');
    expect((await detail()).conversation.operatorId).toBe(a.operator.id);
  });

  it('a transfer to an operator who does not exist is NOT_FOUND', async () => {
    const { a, conversationId, detail } = await servedChat();
    const before = await detail();
    const error = await failure(a.trpc.operator.transfer.mutate({ conversationId, to: { operatorId: 999 } }));
    expect(codeOf(error)).toBe('NOT_FOUND');
    expect(error.message).toBe('Operator 999 not found');
    expect((await detail()).messages).toEqual(before.messages);
  });

  it('a transfer to another department puts the chat back in the queue with that department, below chats already waiting', async () => {
    const a = await admin();
    await panel(a);
    const b = await teammate('Sam');
    const sales = await a.trpc.admin.departments.create.mutate({ name: 'Sales', operatorIds: [b.operator.id] });
    await a.trpc.admin.operators.setCapacity.mutate({ id: b.operator.id, capacity: 1 });

    // The first visitor writes first and is served; a second one writes a minute later and waits.
    const first = await chatter();
    const { conversationId: older } = await first.send('I want to buy 40 licences');
    await a.trpc.operator.accept.mutate({ conversationId: older });
    clock.at += 60_000;
    const second = await chatter();
    const { conversationId: newer } = await second.send('Where is my order?');
    clock.at += 60_000;

    const moved = await a.trpc.operator.transfer.mutate({ conversationId: older, to: { departmentId: sales.id } });
    expect(moved).toMatchObject({ status: 'waiting', operatorId: null, department: { id: sales.id, name: 'Sales' } });
    // Its place in the queue (what the panel sorts waiting chats by) is now, after the chat that was waiting.
    const waitingSince = (await a.trpc.operator.conversation.query({ conversationId: newer })).conversation.queuedAt;
    expect(moved.queuedAt).toBe(clock.at);
    expect(moved.queuedAt).toBeGreaterThan(waitingSince);
    await vi.waitFor(() => expect(first.notices()).toEqual(['joined Alex', 'left Alex']));
    expect(codeOf(await failure(a.trpc.operator.send.mutate({ conversationId: older, clientId: clientId(), text: 'hi' })))).toBe('CONFLICT');
    const inbox = await a.trpc.operator.inbox.query();
    expect(inbox.conversations.map((c) => [c.id, c.status, c.department?.name ?? null])).toEqual([
      [older, 'waiting', 'Sales'],
      [newer, 'waiting', null],
    ]);

    // Sam, who can take one chat, comes online with automatic distribution: he gets the chat that was
    // waiting before the transfer, although the transferred one started earlier.
    await a.trpc.operator.setStatus.mutate({ status: 'break' });
    await setDistribution(a, 'automatic');
    await panel(b);
    const detailOf = async (conversationId: number) => (await a.trpc.operator.conversation.query({ conversationId })).conversation;
    expect(await detailOf(newer)).toMatchObject({ status: 'active', operatorId: b.operator.id });
    expect(await detailOf(older)).toMatchObject({ status: 'waiting', operatorId: null, department: { name: 'Sales' } });
    await vi.waitFor(() => expect(second.notices()).toEqual(['joined Sam']));
  });

  it('a transfer to your own department is refused while no one else in it is online, and allowed once someone is', async () => {
    const { a, conversationId, detail } = await servedChat();
    const b = await teammate('Sam');
    const support = await a.trpc.admin.departments.create.mutate({ name: 'Support', operatorIds: [a.operator.id, b.operator.id] });
    const before = await detail();
    const error = await failure(a.trpc.operator.transfer.mutate({ conversationId, to: { departmentId: support.id } }));
    expect(codeOf(error)).toBe('CONFLICT');
    expect(error.message).toBe('No one else in Support is online to take this chat');
    expect((await detail()).conversation).toMatchObject({ status: 'active', operatorId: a.operator.id, department: null });
    expect((await detail()).messages).toEqual(before.messages);

    await panel(b);
    const moved = await a.trpc.operator.transfer.mutate({ conversationId, to: { departmentId: support.id } });
    expect(moved).toMatchObject({ status: 'waiting', department: { name: 'Support' } });
    expect((await b.trpc.operator.accept.mutate({ conversationId })).operatorId).toBe(b.operator.id);
  });

  it('a transfer to a department that does not exist is NOT_FOUND and an invitation to a department is refused', async () => {
    const { a, conversationId, detail } = await servedChat();
    const sales = await a.trpc.admin.departments.create.mutate({ name: 'Sales', operatorIds: [] });
    expect(codeOf(await failure(a.trpc.operator.transfer.mutate({ conversationId, to: { departmentId: 999 } })))).toBe('NOT_FOUND');
    const invite = await failure(a.trpc.operator.transfer.mutate({ conversationId, to: { departmentId: sales.id }, mode: 'invite' }));
    expect(codeOf(invite)).toBe('BAD_REQUEST');
    expect((await detail()).conversation).toMatchObject({ status: 'active', operatorId: a.operator.id });
  });

  it('with automatic distribution a department transfer goes to its least busy member, never back to the transferring operator', async () => {
    const a = await admin();
    await panel(a);
    const b = await teammate('Sam');
    await panel(b);
    const c = await teammate('Kim');
    await panel(c);
    const support = await a.trpc.admin.departments.create.mutate({ name: 'Support', operatorIds: [a.operator.id, b.operator.id, c.operator.id] });

    // Alex serves one chat, Sam one more, Kim two more.
    const visitors: Chatter[] = [];
    const ids: number[] = [];
    for (let i = 0; i < 4; i++) {
      const v = await chatter();
      visitors.push(v);
      ids.push((await v.send(`Question ${i}`)).conversationId);
    }
    await a.trpc.operator.accept.mutate({ conversationId: ids[0]! });
    await b.trpc.operator.accept.mutate({ conversationId: ids[1]! });
    await c.trpc.operator.accept.mutate({ conversationId: ids[2]! });
    await c.trpc.operator.accept.mutate({ conversationId: ids[3]! });
    await setDistribution(a, 'automatic');

    // Once Alex hands it on he serves nothing and would be the least busy; Sam (1 chat) gets it.
    const moved = await a.trpc.operator.transfer.mutate({ conversationId: ids[0]!, to: { departmentId: support.id } });
    expect(moved).toMatchObject({ status: 'active', operatorId: b.operator.id, department: { name: 'Support' } });
    await vi.waitFor(() => expect(visitors[0]!.notices()).toEqual(['joined Alex', 'left Alex', 'joined Sam']));
    await b.trpc.operator.send.mutate({ conversationId: ids[0]!, clientId: clientId(), text: 'Sam here' });
    await vi.waitFor(() => expect(visitors[0]!.seen().at(-1)).toMatchObject({ authorName: 'Sam', text: 'Sam here' }));
  });

  it('with automatic distribution a department transfer waits for a full member rather than going back to the one who sent it', async () => {
    const a = await admin();
    await panel(a);
    const b = await teammate('Sam');
    await panel(b);
    const support = await a.trpc.admin.departments.create.mutate({ name: 'Support', operatorIds: [a.operator.id, b.operator.id] });
    await a.trpc.admin.operators.setCapacity.mutate({ id: b.operator.id, capacity: 1 });
    const sams = await chatter();
    const { conversationId: samsChat } = await sams.send('Question for Sam');
    await b.trpc.operator.accept.mutate({ conversationId: samsChat });
    const alexs = await chatter();
    const { conversationId } = await alexs.send('Question for Alex');
    await a.trpc.operator.accept.mutate({ conversationId });
    await setDistribution(a, 'automatic');

    const moved = await a.trpc.operator.transfer.mutate({ conversationId, to: { departmentId: support.id } });
    expect(moved).toMatchObject({ status: 'waiting', operatorId: null });

    // Sam's chat ends: now he has room, and gets it.
    await b.trpc.operator.end.mutate({ conversationId: samsChat });
    const after = (await a.trpc.operator.conversation.query({ conversationId })).conversation;
    expect(after).toMatchObject({ status: 'active', operatorId: b.operator.id });
    await vi.waitFor(() => expect(alexs.notices()).toEqual(['joined Alex', 'left Alex', 'joined Sam']));
  });
});

// --- ending and continuing -------------------------------------------------------------------

describe('ending with tags and continuing a chat', () => {
  it('ending with tags adds them to the chat, once each', async () => {
    const { a, v, conversationId } = await servedChat();
    const ended = await a.trpc.operator.end.mutate({ conversationId, tags: ['refund', 'vip', 'VIP'] });
    expect(ended).toMatchObject({ status: 'ended', endedBy: 'operator' });
    expect(ended.tags).toEqual(['refund', 'vip']);
    await vi.waitFor(() => expect(v.notices().at(-1)).toBe('ended Alex'));
    expect((await a.trpc.operator.conversation.query({ conversationId })).conversation.tags).toEqual(['refund', 'vip']);
  });

  it.each([
    ['a tag of 41 characters', ['x'.repeat(41)], 'A tag is at most 40 characters'],
    ['11 tags', Array.from({ length: 11 }, (_, i) => `tag${i}`), 'At most 10 tags'],
    ['a tag with a comma', ['refund,vip'], 'A tag cannot contain a comma or a line break'],
    ['an empty tag', ['  '], 'A tag cannot be empty'],
  ])('%s is refused and the chat does not end', async (_, tags, message) => {
    const { a, v, conversationId, detail } = await servedChat();
    const error = await failure(a.trpc.operator.end.mutate({ conversationId, tags }));
    expect(codeOf(error)).toBe('BAD_REQUEST');
    expect(error.message).toContain(message);
    expect((await detail()).conversation).toMatchObject({ status: 'active', tags: [] });
    expect((await v.send('Still here')).conversationId).toBe(conversationId);
  });

  it('the visitor ending is shown to operators as ended by the visitor; reopening continues the same chat', async () => {
    const { a, aEvents, v, conversationId, run } = await servedChat();
    await v.trpc.visitor.end.mutate();
    await vi.waitFor(() => expect(lastSummary(aEvents, conversationId)).toMatchObject({ status: 'ended', endedBy: 'visitor' }));
    const endedNotice = panelMessages(aEvents, conversationId).at(-1);
    expect(endedNotice).toMatchObject({ kind: 'event', event: 'ended', author: 'visitor' });

    const reopened = await a.trpc.operator.reopen.mutate({ conversationId });
    expect(reopened).toMatchObject({ status: 'active', operatorId: a.operator.id, endedBy: null });
    await vi.waitFor(() => {
      const last = v.events.items.filter((e) => e.data.type === 'message').at(-1)?.data;
      expect(last).toMatchObject({ type: 'message', status: 'active', message: { kind: 'event', event: 'reopened', authorName: 'Alex' } });
    });

    const again = await v.send('Thanks for coming back');
    expect(again.conversationId).toBe(conversationId);
    await run('Happy to help');
    await vi.waitFor(() => expect(textsIn(v.events.items).at(-1)).toBe('Happy to help'));
  });

  it('a chat the visitor ended continues without the operators invited before: they are not silently back in it', async () => {
    const { a, v, conversationId } = await servedChat();
    const b = await teammate('Sam');
    await panel(b);
    await a.trpc.operator.transfer.mutate({ conversationId, to: { operatorId: b.operator.id }, mode: 'invite' });
    await v.trpc.visitor.end.mutate();

    // Sam continues the chat: he serves it, and is not also listed as a guest in it.
    const reopened = await b.trpc.operator.reopen.mutate({ conversationId });
    expect(reopened).toMatchObject({ status: 'active', operatorId: b.operator.id });
    expect(reopened.guests).toEqual([]);

    // When he leaves, it waits for someone else with nobody left in it.
    await b.trpc.operator.leave.mutate({ conversationId });
    const waiting = (await a.trpc.operator.conversation.query({ conversationId })).conversation;
    expect(waiting).toMatchObject({ status: 'waiting', operatorId: null, guests: [] });
  });

  it('only the visitor’s latest chat can be reopened, and only once it has ended', async () => {
    const { a, v, conversationId } = await servedChat();
    const notEnded = await failure(a.trpc.operator.reopen.mutate({ conversationId }));
    expect(codeOf(notEnded)).toBe('CONFLICT');

    await a.trpc.operator.end.mutate({ conversationId });
    const { conversationId: next } = await v.send('A new question');
    expect(next).not.toBe(conversationId);
    const error = await failure(a.trpc.operator.reopen.mutate({ conversationId }));
    expect(codeOf(error)).toBe('CONFLICT');
    expect(error.message).toBe('The visitor has started a new chat since this one ended');
    expect((await a.trpc.operator.conversation.query({ conversationId })).conversation.status).toBe('ended');
  });
});

// --- canned responses ------------------------------------------------------------------------

describe('canned responses', () => {
  it('open panels are told to read the lists again when an admin changes canned responses or departments', async () => {
    const a = await admin();
    const sam = await teammate('Sam');
    const samEvents = await panel(sam);
    const told = () => samEvents.items.filter((e) => e.data.type === 'lists').length;
    const created = await a.trpc.admin.canned.create.mutate({ shortcut: 'late', text: 'Your parcel is on its way.' });
    await vi.waitFor(() => expect(told()).toBe(1));
    expect((await sam.trpc.operator.canned.query()).map((c) => c.shortcut)).toContain('late');
    await a.trpc.admin.canned.remove.mutate({ id: created.id });
    await a.trpc.admin.departments.create.mutate({ name: 'Returns', operatorIds: [sam.operator.id] });
    await vi.waitFor(() => expect(told()).toBe(3));
    // A refused change tells no one.
    await failure(a.trpc.admin.canned.create.mutate({ shortcut: 'has space', text: 'x' }));
    expect(told()).toBe(3);
  });

  it('are created, listed by shortcut, updated and removed; a leading ":" is not part of the shortcut', async () => {
    const a = await admin();
    const thanks = await a.trpc.admin.canned.create.mutate({ shortcut: 'thanks', text: 'Thank you for waiting!' });
    const refund = await a.trpc.admin.canned.create.mutate({ shortcut: ':refund', text: 'Refunds take 5 to 7 days.' });
    expect(refund.shortcut).toBe('refund');
    expect((await a.trpc.admin.canned.list.query()).map((c) => c.shortcut)).toEqual(['refund', 'thanks']);

    const updated = await a.trpc.admin.canned.update.mutate({ id: thanks.id, fields: { shortcut: 'thanks', text: 'Thanks for your patience!' } });
    expect(updated).toMatchObject({ id: thanks.id, shortcut: 'thanks', text: 'Thanks for your patience!' });
    expect((await a.trpc.admin.canned.list.query()).find((c) => c.id === thanks.id)?.text).toBe('Thanks for your patience!');

    await a.trpc.admin.canned.remove.mutate({ id: refund.id });
    expect((await a.trpc.admin.canned.list.query()).map((c) => c.shortcut)).toEqual(['thanks']);
    expect(codeOf(await failure(a.trpc.admin.canned.remove.mutate({ id: refund.id })))).toBe('NOT_FOUND');
  });

  it.each([
    ['a shortcut with a space', { shortcut: 'thank you', text: 'Thanks!' }, 'BAD_REQUEST', 'with no spaces'],
    ['a shortcut already used, in other case', { shortcut: 'HELLO', text: 'Hi!' }, 'CONFLICT', 'The shortcut ":hello" is already used'],
    ['an empty text', { shortcut: 'blank', text: '   ' }, 'BAD_REQUEST', 'A response cannot be empty'],
    ['a text of 1001 characters', { shortcut: 'long', text: 'x'.repeat(1001) }, 'BAD_REQUEST', 'A response is at most 1000 characters'],
    ['a shortcut of 33 characters', { shortcut: 's'.repeat(33), text: 'Hi' }, 'BAD_REQUEST', 'A shortcut is at most 32 characters'],
    ['a shortcut that is only ":"', { shortcut: ':', text: 'Hi' }, 'BAD_REQUEST', 'A shortcut needs at least 1 character'],
  ])('%s is refused and nothing is written', async (_, fields, code, message) => {
    const a = await admin();
    await a.trpc.admin.canned.create.mutate({ shortcut: 'hello', text: 'Hello! How can I help?' });
    const before = await a.trpc.admin.canned.list.query();
    const error = await failure(a.trpc.admin.canned.create.mutate(fields));
    expect(codeOf(error)).toBe(code);
    expect(error.message).toContain(message);
    expect(await a.trpc.admin.canned.list.query()).toEqual(before);
  });

  it('a shortcut of 32 characters after the ":" is accepted', async () => {
    const a = await admin();
    const saved = await a.trpc.admin.canned.create.mutate({ shortcut: `:${'s'.repeat(32)}`, text: 'Hi' });
    expect(saved.shortcut).toBe('s'.repeat(32));
  });

  it('an update cannot take another response’s shortcut, and writes nothing', async () => {
    const a = await admin();
    await a.trpc.admin.canned.create.mutate({ shortcut: 'hello', text: 'Hello!' });
    const bye = await a.trpc.admin.canned.create.mutate({ shortcut: 'bye', text: 'Goodbye!' });
    const before = await a.trpc.admin.canned.list.query();
    const error = await failure(a.trpc.admin.canned.update.mutate({ id: bye.id, fields: { shortcut: 'Hello', text: 'Changed' } }));
    expect(codeOf(error)).toBe('CONFLICT');
    expect(await a.trpc.admin.canned.list.query()).toEqual(before);
  });

  it('an operator who is not an admin cannot change them, but reads them in the composer', async () => {
    const a = await admin();
    await a.trpc.admin.canned.create.mutate({ shortcut: 'hello', text: 'Hello!' });
    const sam = await teammate('Sam');
    const error = await failure(sam.trpc.admin.canned.create.mutate({ shortcut: 'mine', text: 'Mine' }));
    expect(codeOf(error)).toBe('FORBIDDEN');
    expect(codeOf(await failure(sam.trpc.admin.canned.list.query()))).toBe('FORBIDDEN');
    expect((await sam.trpc.operator.canned.query()).map((c) => [c.shortcut, c.text])).toEqual([['hello', 'Hello!']]);
    expect((await a.trpc.admin.canned.list.query()).map((c) => c.shortcut)).toEqual(['hello']);
  });
});

// --- contact details -------------------------------------------------------------------------

describe('a visitor’s contact details', () => {
  it('are edited by an operator and shown with the visitor’s past chats, newest first', async () => {
    const { a, v, conversationId } = await servedChat();
    await a.trpc.operator.end.mutate({ conversationId, tags: ['billing'] });
    const { conversationId: later } = await v.send('Me again');

    const saved = await a.trpc.operator.visitor.update.mutate({
      visitorId: v.visitorId,
      name: 'Jane Doe',
      email: 'jane@example.com',
      phone: '+1 (555) 010-2000',
      notes: 'Prefers email',
    });
    expect(saved).toEqual({ id: v.visitorId, displayName: 'Jane Doe', name: 'Jane Doe', email: 'jane@example.com', phone: '+1 (555) 010-2000', notes: 'Prefers email' });

    const detail = await a.trpc.operator.visitor.get.query({ visitorId: v.visitorId });
    expect(detail.contact).toEqual(saved);
    expect(detail.conversations.map((c) => [c.id, c.status, c.tags])).toEqual([
      [later, 'waiting', []],
      [conversationId, 'ended', ['billing']],
    ]);
    // The open chat shows the new name.
    expect((await a.trpc.operator.conversation.query({ conversationId: later })).conversation.visitor.displayName).toBe('Jane Doe');

    // An empty field clears it.
    const cleared = await a.trpc.operator.visitor.update.mutate({ visitorId: v.visitorId, phone: '' });
    expect(cleared).toMatchObject({ name: 'Jane Doe', phone: null });
  });

  it('the name an operator saves is the name on the visitor’s next messages and in the transcript', async () => {
    const { a, aEvents, v, conversationId, run } = await servedChat();
    await a.trpc.operator.visitor.update.mutate({ visitorId: v.visitorId, name: 'Jane Doe' });
    const sent = await v.send('Thanks, that worked');
    await vi.waitFor(() => expect(panelMessages(aEvents, conversationId).map((m) => m.id)).toContain(sent.id));
    const shown = panelMessages(aEvents, conversationId).find((m) => m.id === sent.id)!;
    expect(lastSummary(aEvents, conversationId)?.visitor.displayName).toBe('Jane Doe');
    expect(shown.authorName).toBe('Jane Doe');
    await run('/ticket Follow up');
    expect((await a.trpc.admin.tickets.query())[0]!.description).toContain('Jane Doe: Thanks, that worked');
  });

  it.each([
    ['an email without a domain', { email: 'jane@' }, 'Enter a valid email address'],
    ['a phone number with letters', { phone: 'call me maybe' }, 'A phone number may contain only digits'],
  ])('%s is refused and nothing changes', async (_, fields, message) => {
    const { a, v } = await servedChat();
    await a.trpc.operator.visitor.update.mutate({ visitorId: v.visitorId, name: 'Jane', email: 'jane@example.com', phone: '555 0100' });
    const before = await a.trpc.operator.visitor.get.query({ visitorId: v.visitorId });
    const error = await failure(a.trpc.operator.visitor.update.mutate({ visitorId: v.visitorId, name: 'Changed', ...fields }));
    expect(codeOf(error)).toBe('BAD_REQUEST');
    expect(error.message).toContain(message);
    expect(await a.trpc.operator.visitor.get.query({ visitorId: v.visitorId })).toEqual(before);
  });

  it('of an unknown visitor or another account’s visitor are NOT_FOUND, and are left alone', async () => {
    const a = await admin();
    const other = t.server.store.createAccount('Other Shop', clock.at);
    t.server.store.createSite({ accountId: other, name: 'Other shop', siteKey: 'other-shop', allowedOrigins: [] }, clock.at);
    const theirs = client(t.server, { site: 'other-shop' });
    t.later(theirs.close);
    const { visitorId } = await theirs.trpc.visitor.hello.mutate();

    for (const id of [visitorId, 9999]) {
      expect(codeOf(await failure(a.trpc.operator.visitor.get.query({ visitorId: id })))).toBe('NOT_FOUND');
      const error = await failure(a.trpc.operator.visitor.update.mutate({ visitorId: id, name: 'Mallory' }));
      expect(codeOf(error)).toBe('NOT_FOUND');
      expect(error.message).toBe(`Visitor ${id} not found`);
    }
    expect(t.server.store.visitor(visitorId)?.name ?? null).toBeNull();
  });
});

// --- webhooks --------------------------------------------------------------------------------

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
  res: ServerResponse;
  closed: boolean;
}

/** A local HTTP receiver; `answer` false leaves each request hanging until the test answers it. */
async function receiver(answer = true) {
  const requests: Received[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      const received: Received = { headers: req.headers, body, res, closed: false };
      res.on('close', () => (received.closed = true));
      requests.push(received);
      if (answer) res.writeHead(200).end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/chat`;
  const close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  t.later(close);
  return { url, requests, close };
}

describe('webhooks', () => {
  it('a ticket made with /ticket is posted to the webhook, signed with the secret shown once at creation', async () => {
    const { a, run } = await servedChat();
    const hook = await receiver();
    const created = await a.trpc.admin.webhooks.create.mutate({ url: hook.url, events: ['ticket.created'] });
    expect(created.secret).toMatch(/^whsec_.{20,}$/);
    const listed = await a.trpc.admin.webhooks.list.query();
    expect(listed).toEqual([{ ...created, secret: `…${created.secret.slice(-4)}` }]);

    await run('/ticket Broken checkout');
    await vi.waitFor(() => expect(hook.requests).toHaveLength(1));
    const [request] = hook.requests;
    expect(request!.headers['x-chat-event']).toBe('ticket.created');
    expect(request!.headers['content-type']).toBe('application/json');
    const timestamp = request!.headers['x-chat-timestamp'] as string;
    const expected = `sha256=${createHmac('sha256', created.secret).update(`${timestamp}.${request!.body}`).digest('hex')}`;
    expect(request!.headers['x-chat-signature']).toBe(expected);
    // The masked secret would not verify it.
    const masked = `sha256=${createHmac('sha256', listed[0]!.secret).update(`${timestamp}.${request!.body}`).digest('hex')}`;
    expect(request!.headers['x-chat-signature']).not.toBe(masked);
    const payload = JSON.parse(request!.body) as { event: string; id: string; data: { number: number; title: string; description: string } };
    expect(payload).toMatchObject({ event: 'ticket.created', id: request!.headers['x-chat-delivery'], data: { number: 1, title: 'Broken checkout' } });
    expect(payload.data.description).toContain(FIRST_WORDS);
  });

  it('a receiver that is down does not fail the /ticket command', async () => {
    const { a, run } = await servedChat();
    const down = await receiver();
    await down.close();
    await a.trpc.admin.webhooks.create.mutate({ url: down.url, events: ['ticket.created'] });
    const posted = await run('/ticket Broken checkout');
    expect(posted.text).toBe('Ticket #1 created: Broken checkout');
    expect((await a.trpc.admin.tickets.query()).map((t) => t.title)).toEqual(['Broken checkout']);
  });

  it('a receiver that does not answer does not hold the /ticket command up', async () => {
    const { a, run } = await servedChat();
    const slow = await receiver(false);
    await a.trpc.admin.webhooks.create.mutate({ url: slow.url, events: ['ticket.created'] });
    const posted = await run('/ticket Broken checkout');
    expect(posted.text).toBe('Ticket #1 created: Broken checkout');
    // The command has answered; the webhook's request is (or will be) still waiting for its answer.
    await vi.waitFor(() => expect(slow.requests).toHaveLength(1));
    expect(slow.requests[0]!.closed).toBe(false);
    slow.requests[0]!.res.writeHead(200).end('ok');
  });

  it.each([
    ['ftp://hooks.example.com/chat', 'The URL must start with http:// or https://'],
    ['javascript:alert(1)', 'The URL must start with http:// or https://'],
    ['not a url', 'The URL is not valid'],
  ])('%j is refused and no webhook is saved', async (url, message) => {
    const a = await admin();
    const error = await failure(a.trpc.admin.webhooks.create.mutate({ url, events: ['ticket.created'] }));
    expect(codeOf(error)).toBe('BAD_REQUEST');
    expect(error.message).toBe(message);
    expect(await a.trpc.admin.webhooks.list.query()).toEqual([]);
  });
});
