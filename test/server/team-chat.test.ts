/**
 * Team chat through the real server and tRPC clients: channels and direct chats between operators,
 * live delivery to the operators who may read them (and no one else), unread counts, history, @mentions
 * in channels, direct chats and visitor chats (kept until read, and listed when a panel opens), and
 * bad input, which is refused with nothing written.
 */
import { describe, expect, it, vi } from 'vitest';
import type { OperatorStreamEvent } from '../../server/src/protocol/index.js';
import type { Mention, MentionsRead, TeamChannel, TeamMessage } from '../../server/src/protocol/team.js';
import { DEMO_SITE_KEY } from '../../server/src/seed.js';
import { clientId, codeOf, collect, failure, operator, serverPerTest, visitor, type Tracked } from './harness.js';

const t = serverPerTest();

const accountId = () => t.server.store.siteByKey(DEMO_SITE_KEY)!.accountId;

async function signIn(creds?: { email: string; password: string }) {
  const op = await operator(t.server, creds);
  t.later(op.close);
  return op;
}
type Op = Awaited<ReturnType<typeof signIn>>;

/** Another operator of an account, signed in. */
async function teammate(name: string, account = accountId()) {
  const email = `${name.split(' ')[0]!.toLowerCase()}-${account}@team.test`;
  await t.server.chat.createOperator({ accountId: account, email, name, role: 'operator', password: 'a long password' });
  return signIn({ email, password: 'a long password' });
}

/** The operator's panel: their event stream, once it has caught up. */
async function panel(op: Op) {
  const events = collect<Tracked<OperatorStreamEvent>>();
  const sub = op.trpc.operator.events.subscribe({ lastEventId: null }, events);
  t.later(() => sub.unsubscribe());
  await vi.waitFor(() => expect(events.items.some((e) => e.data.type === 'synced')).toBe(true));
  return events;
}
type Panel = Awaited<ReturnType<typeof panel>>;

const teamMessages = (p: Panel): TeamMessage[] => p.items.flatMap((e) => (e.data.type === 'team-message' ? [e.data.message] : []));
const mentions = (p: Panel): Mention[] => p.items.flatMap((e) => (e.data.type === 'mention' ? [e.data.mention] : []));
const mentionsRead = (p: Panel): MentionsRead[] => p.items.flatMap((e) => (e.data.type === 'mentions-read' ? [{ read: e.data.read, unread: e.data.unread }] : []));
/** What the operator's panel lists when it opens: their unread mentions' excerpts, newest first. */
const listed = async (op: Op) => {
  const list = await op.trpc.operator.channels.mentions.query();
  return { excerpts: list.mentions.map((m) => m.excerpt), unread: list.unread };
};

/** A visitor in a chat that Alex serves; returns the conversation. */
async function servedChat(alex: Op, text = 'Do you ship to Norway?') {
  const v = await visitor(t.server);
  t.later(v.close);
  const { conversationId } = await v.trpc.visitor.send.mutate({ clientId: clientId(), text });
  await alex.trpc.operator.accept.mutate({ conversationId });
  return conversationId;
}

async function channelNamed(op: Op, name: string): Promise<TeamChannel> {
  const found = (await op.trpc.operator.channels.list.query()).find((c) => c.kind === 'channel' && c.name === name);
  if (!found) throw new Error(`no #${name}`);
  return found;
}

const say = (op: Op, channelId: number, text: string, id = clientId()) => op.trpc.operator.channels.send.mutate({ channelId, clientId: id, text });

/** The three of the demo account with their panels open: Alex (the demo admin), Sam Lee and Kim. */
async function team() {
  const alex = await signIn();
  const sam = await teammate('Sam Lee');
  const kim = await teammate('Kim');
  const [alexPanel, samPanel, kimPanel] = await Promise.all([panel(alex), panel(sam), panel(kim)]);
  const general = await channelNamed(alex, 'general');
  return { alex, sam, kim, alexPanel, samPanel, kimPanel, general };
}

/**
 * Alex writes in #general and everyone receives it: anything the stream should not have carried
 * before it (it is delivered in order) has had its chance to arrive.
 */
async function flush(t3: Awaited<ReturnType<typeof team>>, panels: Panel[]) {
  const marker = await say(t3.alex, t3.general.id, `marker ${clientId()}`);
  await vi.waitFor(() => {
    for (const p of panels) expect(teamMessages(p).map((m) => m.id)).toContain(marker.id);
  });
}

describe('channels', () => {
  it('every account has #general, and any operator can create a channel that everyone then sees', async () => {
    const { alex, sam, kim, kimPanel } = await team();
    expect((await sam.trpc.operator.channels.list.query()).map((c) => `${c.kind} ${c.name}`)).toEqual(['channel general']);

    const created = await sam.trpc.operator.channels.create.mutate({ name: ' #returns-eu ' });
    expect(created).toMatchObject({ kind: 'channel', name: 'returns-eu', unread: 0, operatorId: null });
    await vi.waitFor(() => expect(kimPanel.items.some((e) => e.data.type === 'team-channel' && e.data.channel.id === created.id)).toBe(true));
    for (const op of [alex, kim]) {
      expect((await op.trpc.operator.channels.list.query()).map((c) => c.name)).toEqual(['general', 'returns-eu']);
    }
  });

  it('a message reaches everyone’s stream, counts as unread for the others until they read it, and a retry writes it once', async () => {
    const { alex, sam, kim, samPanel, kimPanel, general } = await team();
    const id = clientId();
    const first = await say(alex, general.id, 'Morning, team!', id);
    const again = await say(alex, general.id, 'Morning, team!', id);
    expect(again.id).toBe(first.id);
    expect(first).toMatchObject({ channelId: general.id, authorName: 'Alex', text: 'Morning, team!' });

    await vi.waitFor(() => {
      expect(teamMessages(samPanel).map((m) => m.text)).toEqual(['Morning, team!']);
      expect(teamMessages(kimPanel).map((m) => m.text)).toEqual(['Morning, team!']);
    });
    expect((await alex.trpc.operator.channels.history.query({ channelId: general.id })).messages.map((m) => m.text)).toEqual(['Morning, team!']);
    expect((await channelNamed(alex, 'general')).unread).toBe(0);
    expect((await channelNamed(sam, 'general')).unread).toBe(1);

    expect((await sam.trpc.operator.channels.read.mutate({ channelId: general.id, messageId: first.id })).unread).toBe(0);
    expect((await channelNamed(sam, 'general')).unread).toBe(0);
    expect((await channelNamed(kim, 'general')).unread).toBe(1);
  });

  it('history pages backwards from the latest messages', async () => {
    const { alex, general } = await team();
    for (let i = 1; i <= 5; i++) await say(alex, general.id, `line ${i}`);
    const latest = await alex.trpc.operator.channels.history.query({ channelId: general.id, limit: 2 });
    expect(latest.messages.map((m) => m.text)).toEqual(['line 4', 'line 5']);
    expect(latest.hasMore).toBe(true);
    const older = await alex.trpc.operator.channels.history.query({ channelId: general.id, before: latest.messages[0]!.id, limit: 3 });
    expect(older.messages.map((m) => m.text)).toEqual(['line 1', 'line 2', 'line 3']);
    expect(older.hasMore).toBe(false);
  });
});

describe('direct chats', () => {
  it('are one chat per pair, named after the other operator, and reach those two alone', async () => {
    const t3 = await team();
    const { alex, sam, kim, samPanel, kimPanel } = t3;
    const fromAlex = await alex.trpc.operator.channels.direct.mutate({ operatorId: sam.operator.id });
    const fromSam = await sam.trpc.operator.channels.direct.mutate({ operatorId: alex.operator.id });
    expect(fromSam.id).toBe(fromAlex.id);
    expect(fromAlex).toMatchObject({ kind: 'direct', name: 'Sam Lee', operatorId: sam.operator.id });
    expect(fromSam).toMatchObject({ kind: 'direct', name: 'Alex', operatorId: alex.operator.id });

    const note = await say(alex, fromAlex.id, 'Can you cover my chats at noon?');
    await vi.waitFor(() => expect(teamMessages(samPanel).map((m) => m.id)).toContain(note.id));
    expect((await sam.trpc.operator.channels.list.query()).find((c) => c.id === fromAlex.id)?.unread).toBe(1);

    // Kim neither receives it nor can find it.
    await flush(t3, [kimPanel]);
    expect(teamMessages(kimPanel).map((m) => m.id)).not.toContain(note.id);
    expect((await kim.trpc.operator.channels.list.query()).map((c) => c.kind)).toEqual(['channel']);
    for (const call of [
      kim.trpc.operator.channels.history.query({ channelId: fromAlex.id }),
      say(kim, fromAlex.id, 'let me in'),
      kim.trpc.operator.channels.read.mutate({ channelId: fromAlex.id, messageId: note.id }),
    ]) {
      const error = await failure(call);
      expect(codeOf(error)).toBe('NOT_FOUND');
      expect(error.message).toBe(`Channel ${fromAlex.id} not found`);
    }
    expect(t.server.store.channels.messageCount(fromAlex.id)).toBe(1);
  });
});

describe('mentions', () => {
  it('@sam in a channel tells Sam alone who wrote it, where, and how it starts', async () => {
    const t3 = await team();
    const { alex, samPanel, kimPanel, alexPanel, general } = t3;
    await say(alex, general.id, '@sam see #general for the new returns policy');
    await vi.waitFor(() => expect(mentions(samPanel)).toHaveLength(1));
    expect(mentions(samPanel)[0]).toMatchObject({
      from: { id: alex.operator.id, name: 'Alex' },
      where: { channelId: general.id, kind: 'channel', name: 'general' },
      excerpt: '@sam see #general for the new returns policy',
    });
    await flush(t3, [kimPanel, alexPanel]);
    expect(mentions(kimPanel)).toEqual([]);
    expect(mentions(alexPanel)).toEqual([]);
  });

  it('in a direct chat, a mention reaches only an operator of that chat', async () => {
    const t3 = await team();
    const { alex, sam, samPanel, kimPanel } = t3;
    const direct = await alex.trpc.operator.channels.direct.mutate({ operatorId: sam.operator.id });
    await say(alex, direct.id, '@kim is off today, @sam.lee can you take her queue?');
    await vi.waitFor(() => expect(mentions(samPanel)).toHaveLength(1));
    expect(mentions(samPanel)[0]!.where).toEqual({ channelId: direct.id, kind: 'direct', name: 'Alex' });
    await flush(t3, [kimPanel]);
    expect(mentions(kimPanel)).toEqual([]);
  });

  it('@Kim in a visitor chat tells Kim alone which chat it is', async () => {
    const t3 = await team();
    const { alex, kimPanel, samPanel } = t3;
    const v = await visitor(t.server);
    t.later(v.close);
    const { conversationId } = await v.trpc.visitor.send.mutate({ clientId: clientId(), text: 'Do you ship to Norway?' });
    await alex.trpc.operator.accept.mutate({ conversationId });
    await alex.trpc.operator.send.mutate({ conversationId, clientId: clientId(), text: 'Let me ask @Kim, who knows our carriers.' });
    await vi.waitFor(() => expect(mentions(kimPanel)).toHaveLength(1));
    expect(mentions(kimPanel)[0]).toMatchObject({
      from: { name: 'Alex' },
      where: { conversationId, visitorName: expect.stringMatching(/\S/) },
      excerpt: 'Let me ask @Kim, who knows our carriers.',
    });
    await flush(t3, [samPanel]);
    expect(mentions(samPanel)).toEqual([]);
  });

  it('mentioning yourself or a name nobody has notifies no one', async () => {
    const t3 = await team();
    const { alex, alexPanel, samPanel, kimPanel, general } = t3;
    await say(alex, general.id, '@alex remember to restock, and ask @jordan');
    await flush(t3, [alexPanel, samPanel, kimPanel]);
    for (const p of [alexPanel, samPanel, kimPanel]) expect(mentions(p)).toEqual([]);
  });
});

describe('stored mentions', () => {
  it('a mention made while Sam’s panel is closed waits for him, newest first, and after he signs in again', async () => {
    const alex = await signIn();
    const sam = await teammate('Sam Lee');
    const general = await channelNamed(alex, 'general');
    const direct = await alex.trpc.operator.channels.direct.mutate({ operatorId: sam.operator.id });
    const inGeneral = await say(alex, general.id, '@sam the returns policy changed, see the pinned note');
    const inDirect = await say(alex, direct.id, 'Can you take my chats at noon, @samlee?');
    const conversationId = await servedChat(alex);
    const inChat = await alex.trpc.operator.send.mutate({ conversationId, clientId: clientId(), text: '@Sam.Lee knows our carriers' });

    const list = await sam.trpc.operator.channels.mentions.query();
    expect(list.unread).toBe(3);
    expect(list.mentions).toMatchObject([
      { from: { id: alex.operator.id, name: 'Alex' }, where: { conversationId, visitorName: expect.stringMatching(/\S/) }, messageId: inChat.id, excerpt: '@Sam.Lee knows our carriers' },
      { where: { channelId: direct.id, kind: 'direct', name: 'Alex' }, messageId: inDirect.id, excerpt: 'Can you take my chats at noon, @samlee?' },
      { where: { channelId: general.id, kind: 'channel', name: 'general' }, messageId: inGeneral.id, excerpt: '@sam the returns policy changed, see the pinned note' },
    ]);
    expect(list.mentions[0]!.at).toBeGreaterThanOrEqual(list.mentions[2]!.at);

    // Signed in again, on a new connection: the same list.
    const again = await signIn({ email: `sam-${accountId()}@team.test`, password: 'a long password' });
    expect(await again.trpc.operator.channels.mentions.query()).toEqual(list);
    // Alex mentioned no one who wrote, so Alex has none.
    expect(await listed(alex)).toEqual({ excerpts: [], unread: 0 });
  });

  it('an operator starting a chat with “@kim …” tells Kim, and keeps the mention for her', async () => {
    const t3 = await team();
    const { alex, kim, kimPanel, samPanel } = t3;
    const v = await visitor(t.server);
    t.later(v.close);
    const started = await alex.trpc.operator.startChat.mutate({ visitorId: v.visitorId, clientId: clientId(), text: 'Hello! @kim will help with your order.' });
    await vi.waitFor(() => expect(mentions(kimPanel)).toHaveLength(1));
    expect(mentions(kimPanel)[0]).toMatchObject({ from: { name: 'Alex' }, where: { conversationId: started.id }, excerpt: 'Hello! @kim will help with your order.' });
    expect(await listed(kim)).toEqual({ excerpts: ['Hello! @kim will help with your order.'], unread: 1 });
    await flush(t3, [samPanel]);
    expect(mentions(samPanel)).toEqual([]);
  });

  it('opening one marks it read for good, and the operator’s other open panels are told; others’ mentions stay', async () => {
    const t3 = await team();
    const { alex, sam, kim, samPanel, kimPanel, general } = t3;
    const samOther = await panel(await signIn({ email: `sam-${accountId()}@team.test`, password: 'a long password' }));
    await say(alex, general.id, '@sam @kim first');
    await say(alex, general.id, '@sam second');
    await vi.waitFor(() => expect(mentions(samPanel)).toHaveLength(2));
    const first = mentions(samPanel)[0];

    expect(await sam.trpc.operator.channels.readMention.mutate({ mentionId: first!.id })).toEqual({ read: { ids: [first!.id] }, unread: 1 });
    for (const p of [samPanel, samOther]) {
      await vi.waitFor(() => expect(mentionsRead(p)).toEqual([{ read: { ids: [first!.id] }, unread: 1 }]));
    }
    expect(await listed(sam)).toEqual({ excerpts: ['@sam second'], unread: 1 });
    expect(await listed(kim), 'Kim’s mention of the same line is still unread').toEqual({ excerpts: ['@sam @kim first'], unread: 1 });

    // Opening it again changes nothing, and tells no one.
    expect(await sam.trpc.operator.channels.readMention.mutate({ mentionId: first!.id })).toEqual({ read: { ids: [first!.id] }, unread: 1 });
    await flush(t3, [samPanel, kimPanel]);
    expect(mentionsRead(samPanel)).toHaveLength(1);
    expect(mentionsRead(kimPanel)).toEqual([]);
  });

  it('“Mark all read” clears every one of the operator’s mentions, and no one else’s', async () => {
    const { alex, sam, kim, samPanel, general } = await team();
    for (let i = 1; i <= 3; i++) await say(alex, general.id, `@sam @kim note ${i}`);
    const conversationId = await servedChat(alex);
    await alex.trpc.operator.send.mutate({ conversationId, clientId: clientId(), text: '@sam this one too' });
    expect((await listed(sam)).unread).toBe(4);

    const done = await sam.trpc.operator.channels.readAllMentions.mutate();
    expect(done).toMatchObject({ read: { upTo: expect.any(Number) }, unread: 0 });
    await vi.waitFor(() => expect(mentionsRead(samPanel)).toEqual([done]));
    expect(await listed(sam)).toEqual({ excerpts: [], unread: 0 });
    expect((await listed(kim)).unread).toBe(3);

    // Later mentions are unread again.
    await say(alex, general.id, '@sam one more');
    expect(await listed(sam)).toEqual({ excerpts: ['@sam one more'], unread: 1 });
  });

  it('reading a channel marks the mentions in it read, up to the message read', async () => {
    const { alex, sam, samPanel, general } = await team();
    const direct = await alex.trpc.operator.channels.direct.mutate({ operatorId: sam.operator.id });
    const one = await say(alex, general.id, '@sam one');
    await say(alex, general.id, '@sam two');
    await say(alex, direct.id, '@sam three');
    await sam.trpc.operator.channels.read.mutate({ channelId: general.id, messageId: one.id });
    await vi.waitFor(() => expect(mentionsRead(samPanel)).toHaveLength(1));
    expect(mentionsRead(samPanel)[0]!.unread).toBe(2);
    expect(await listed(sam)).toEqual({ excerpts: ['@sam three', '@sam two'], unread: 2 });
  });

  it('lists at most the latest 50, with the count of all', async () => {
    const { alex, sam, general } = await team();
    for (let i = 1; i <= 52; i++) await say(alex, general.id, `@sam n${i}`);
    const list = await sam.trpc.operator.channels.mentions.query();
    expect(list.unread).toBe(52);
    expect(list.mentions).toHaveLength(50);
    expect(list.mentions[0]!.excerpt).toBe('@sam n52');
    expect(list.mentions.at(-1)!.excerpt).toBe('@sam n3');
  });

  it('another operator’s mention, another account’s, or an unknown id is not found, and nothing changes', async () => {
    const t3 = await team();
    const { alex, sam, kim, samPanel, general } = t3;
    await say(alex, general.id, '@sam for you');
    await vi.waitFor(() => expect(mentions(samPanel)).toHaveLength(1));
    const samsId = mentions(samPanel)[0]!.id;

    const mallory = await teammate('Mallory', t.server.store.createAccount('Other Shop', Date.now()));
    for (const [who, mentionId] of [
      [kim, samsId],
      [mallory, samsId],
      [sam, samsId + 1000],
    ] as const) {
      const error = await failure(who.trpc.operator.channels.readMention.mutate({ mentionId }));
      expect(codeOf(error)).toBe('NOT_FOUND');
      expect(error.message).toBe(`Mention ${mentionId} not found`);
    }
    expect(await listed(mallory)).toEqual({ excerpts: [], unread: 0 });
    expect((await mallory.trpc.operator.channels.readAllMentions.mutate()).unread).toBe(0);
    expect((await kim.trpc.operator.channels.readAllMentions.mutate()).unread).toBe(0);
    expect(await listed(sam)).toEqual({ excerpts: ['@sam for you'], unread: 1 });
    await flush(t3, [samPanel]);
    expect(mentionsRead(samPanel)).toEqual([]);
  });

  it.each([
    ['zero', { mentionId: 0 }],
    ['negative', { mentionId: -3 }],
    ['fractional', { mentionId: 1.5 }],
    ['text', { mentionId: '1' }],
    ['missing', {}],
    ['with an extra key', { mentionId: 1, operatorId: 1 }],
  ])('a mention id that is %s is refused as bad input', async (_, input) => {
    const { alex, sam, general } = await team();
    await say(alex, general.id, '@sam hello');
    const error = await failure(sam.trpc.operator.channels.readMention.mutate(input as { mentionId: number }));
    expect(codeOf(error)).toBe('BAD_REQUEST');
    expect((await listed(sam)).unread).toBe(1);
  });
});

describe('bad input is refused with a clear error, and nothing is written', () => {
  it('a file in a team chat', async () => {
    const t3 = await team();
    const { alex, sam, general, samPanel } = t3;
    const direct = await alex.trpc.operator.channels.direct.mutate({ operatorId: sam.operator.id });
    for (const channelId of [general.id, direct.id]) {
      const error = await failure(alex.trpc.operator.channels.send.mutate({ channelId, clientId: clientId(), text: 'the invoice', file: 'Zq3xK9f2LmN8' }));
      expect(codeOf(error)).toBe('BAD_REQUEST');
      expect(error.message).toBe("Files can't be shared in team chats");
      expect(t.server.store.channels.messageCount(channelId)).toBe(0);
    }
    await flush(t3, [samPanel]);
    expect(teamMessages(samPanel).map((m) => m.text)).toEqual([expect.stringMatching(/^marker /)]);
  });

  it('an unknown channel, or another account’s channel or direct chat, looks not found', async () => {
    const { alex, general } = await team();
    const other = t.server.store.createAccount('Other Shop', Date.now());
    const mallory = await teammate('Mallory', other);
    const trent = await teammate('Trent', other);
    const theirs = await trent.trpc.operator.channels.direct.mutate({ operatorId: mallory.operator.id });
    const theirGeneral = await channelNamed(mallory, 'general');
    expect(theirGeneral.id).not.toBe(general.id);

    for (const channelId of [9999, general.id]) {
      expect(codeOf(await failure(mallory.trpc.operator.channels.history.query({ channelId })))).toBe('NOT_FOUND');
      expect(codeOf(await failure(say(mallory, channelId, 'hello?')))).toBe('NOT_FOUND');
    }
    for (const channelId of [theirGeneral.id, theirs.id]) {
      const error = await failure(say(alex, channelId, 'hello?'));
      expect(codeOf(error)).toBe('NOT_FOUND');
      expect(error.message).toBe(`Channel ${channelId} not found`);
    }
    for (const channelId of [general.id, theirGeneral.id, theirs.id]) expect(t.server.store.channels.messageCount(channelId)).toBe(0);
  });

  it('a direct chat with yourself or with an operator of another account', async () => {
    const { alex } = await team();
    const self = await failure(alex.trpc.operator.channels.direct.mutate({ operatorId: alex.operator.id }));
    expect(codeOf(self)).toBe('BAD_REQUEST');
    expect(self.message).toBe("You can't start a direct chat with yourself");

    const stranger = await teammate('Mallory', t.server.store.createAccount('Other Shop', Date.now()));
    const error = await failure(alex.trpc.operator.channels.direct.mutate({ operatorId: stranger.operator.id }));
    expect(codeOf(error)).toBe('NOT_FOUND');
    expect(error.message).toBe(`Operator ${stranger.operator.id} not found`);
    expect((await alex.trpc.operator.channels.list.query()).map((c) => c.kind)).toEqual(['channel']);
    expect((await stranger.trpc.operator.channels.list.query()).map((c) => c.kind)).toEqual(['channel']);
  });

  it.each([
    ['a duplicate name', 'general', 'CONFLICT', 'A channel named #general already exists'],
    ['capitals and spaces', 'Sales Team', 'BAD_REQUEST', 'A channel name may contain only lowercase letters, digits, "-" and "_", with no spaces'],
    ['no name', '  # ', 'BAD_REQUEST', 'A channel needs a name'],
    ['a long name', 'x'.repeat(41), 'BAD_REQUEST', 'A channel name is at most 40 characters'],
  ])('a channel with %s', async (_, name, code, message) => {
    const { alex } = await team();
    const error = await failure(alex.trpc.operator.channels.create.mutate({ name }));
    expect(codeOf(error)).toBe(code);
    expect(error.message).toBe(message);
    expect((await alex.trpc.operator.channels.list.query()).map((c) => c.name)).toEqual(['general']);
  });

  it.each([
    ['empty', '   ', 'A message cannot be empty'],
    ['too long', 'x'.repeat(4001), 'A message can be at most 4000 characters'],
  ])('a message that is %s', async (_, text, message) => {
    const { alex, general } = await team();
    const error = await failure(say(alex, general.id, text));
    expect(codeOf(error)).toBe('BAD_REQUEST');
    expect(error.message).toContain(message);
    expect(t.server.store.channels.messageCount(general.id)).toBe(0);
  });
});
