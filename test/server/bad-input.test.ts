/**
 * Bad input: each is refused with a code and a message that says what is wrong, writes
 * nothing, and leaves the connection and the server serving.
 */
import { describe, expect, it, vi } from 'vitest';
import type { VisitorStreamEvent } from '../../server/src/protocol/index.js';
import { MAX_FRAME_BYTES } from '../../server/src/server.js';
import {
  clientId,
  codeOf,
  collect,
  failure,
  nextFrame,
  operator,
  rawSocket,
  serverPerTest,
  textsIn,
  visitor,
  type TestServer,
  type Tracked,
} from './harness.js';

const t = serverPerTest();

/** Everything a bad call could have written, to compare before and after. */
function snapshot(server: TestServer, visitorId: number) {
  const accountId = server.store.siteByKey('demo')!.accountId;
  const conversation = server.store.latestConversationOf(visitorId);
  return {
    lastMessageId: server.store.accountCursor(accountId),
    conversation,
    messages: conversation ? server.store.conversationMessages(conversation.id) : [],
    lastPageView: server.store.lastPageView(visitorId),
  };
}

/** A visitor in a conversation an operator has accepted, so that operator.send is allowed. */
async function chatting(server: TestServer) {
  const v = await visitor(server);
  const op = await operator(server);
  t.later(v.close);
  t.later(op.close);
  const { conversationId } = await v.trpc.visitor.send.mutate({ clientId: clientId(), text: 'first' });
  await op.trpc.operator.accept.mutate({ conversationId });
  return { v, op, conversationId };
}

describe('message text', () => {
  it.each([
    ['empty', ''],
    ['whitespace only', ' \n\t  '],
  ])('%s is refused with BAD_REQUEST "cannot be empty", for visitors and operators, and writes nothing', async (_, text) => {
    const { server } = t;
    const fresh = await visitor(server);
    t.later(fresh.close);
    const error = await failure(fresh.trpc.visitor.send.mutate({ clientId: clientId(), text }));
    expect(codeOf(error)).toBe('BAD_REQUEST');
    expect(error.message).toMatch(/^text: A message cannot be empty$/);
    // Not even an empty conversation is opened.
    expect(server.store.latestConversationOf(fresh.visitorId)).toBeNull();

    const { v, op, conversationId } = await chatting(server);
    const before = snapshot(server, v.visitorId);
    const opError = await failure(op.trpc.operator.send.mutate({ conversationId, clientId: clientId(), text }));
    expect(codeOf(opError)).toBe('BAD_REQUEST');
    expect(opError.message).toMatch(/cannot be empty/);
    expect(snapshot(server, v.visitorId)).toEqual(before);

    // Both connections still work.
    await fresh.trpc.visitor.send.mutate({ clientId: clientId(), text: 'now with words' });
    await op.trpc.operator.send.mutate({ conversationId, clientId: clientId(), text: 'reply' });
  });

  it('of 4,001 characters is refused with a message naming the limit; 4,000 is accepted whole', async () => {
    const { server } = t;
    const { v } = await chatting(server);
    const before = snapshot(server, v.visitorId);
    const error = await failure(v.trpc.visitor.send.mutate({ clientId: clientId(), text: 'a'.repeat(4001) }));
    expect(codeOf(error)).toBe('BAD_REQUEST');
    expect(error.message).toBe('text: A message can be at most 4000 characters');
    expect(snapshot(server, v.visitorId)).toEqual(before);

    const ok = await v.trpc.visitor.send.mutate({ clientId: clientId(), text: 'b'.repeat(4000) });
    expect(server.store.conversationMessages(ok.conversationId).at(-1)!.text).toHaveLength(4000);
  });
});

describe('fields of the wrong type or shape', () => {
  const cases: Array<{
    what: string;
    call: (c: Awaited<ReturnType<typeof chatting>>) => Promise<unknown>;
    message: RegExp;
  }> = [
    {
      what: 'a number as message text',
      call: ({ v }) => v.trpc.visitor.send.mutate({ clientId: clientId(), text: 42 } as never),
      message: /^text: .*expected string, received number/,
    },
    {
      what: 'a string as conversationId',
      call: ({ op, conversationId }) => op.trpc.operator.send.mutate({ conversationId: String(conversationId), clientId: clientId(), text: 'x' } as never),
      message: /^conversationId: .*expected number, received string/,
    },
    {
      what: 'a fractional conversationId',
      call: ({ op, conversationId }) => op.trpc.operator.send.mutate({ conversationId: conversationId + 0.5, clientId: clientId(), text: 'x' }),
      message: /^conversationId: .*int/i,
    },
    {
      what: 'a clientId with spaces and punctuation',
      call: ({ v }) => v.trpc.visitor.send.mutate({ clientId: 'has spaces; and punctuation!', text: 'x' }),
      message: /^clientId: clientId may contain only letters, digits, "-" and "_"$/,
    },
    {
      what: 'a clientId that is too short',
      call: ({ v }) => v.trpc.visitor.send.mutate({ clientId: 'abc', text: 'x' }),
      message: /^clientId: clientId must be at least 8 characters$/,
    },
    {
      what: 'an unknown extra key',
      call: ({ v }) => v.trpc.visitor.send.mutate({ clientId: clientId(), text: 'x', priority: 'high' } as never),
      message: /unrecognized key.*"priority"/i,
    },
    {
      what: 'an unknown extra key in a page view',
      call: ({ v }) => v.trpc.visitor.pageView.mutate({ url: 'https://shop.test/', colour: 'red' } as never),
      message: /unrecognized key.*"colour"/i,
    },
    {
      what: 'a device outside the enum in a page view',
      call: ({ v }) => v.trpc.visitor.pageView.mutate({ url: 'https://shop.test/', device: 'smartwatch' } as never),
      message: /^device: .*"desktop".*"mobile".*"tablet"/,
    },
    {
      what: 'a page view with no url',
      call: ({ v }) => v.trpc.visitor.pageView.mutate({ title: 'No url' } as never),
      message: /^url: /,
    },
    {
      what: 'a string as the typing flag',
      call: ({ v }) => v.trpc.visitor.typing.mutate({ typing: 'yes' } as never),
      message: /^typing: .*expected boolean/,
    },
  ];

  it.each(cases)('$what is refused with BAD_REQUEST saying which field, and writes nothing', async ({ call, message }) => {
    const { server } = t;
    const c = await chatting(server);
    const before = snapshot(server, c.v.visitorId);
    const error = await failure(call(c));
    expect(codeOf(error)).toBe('BAD_REQUEST');
    expect(error.message).toMatch(message);
    expect(snapshot(server, c.v.visitorId)).toEqual(before);
    // The same connections go on working.
    await c.v.trpc.visitor.send.mutate({ clientId: clientId(), text: 'still works' });
    await c.op.trpc.operator.send.mutate({ conversationId: c.conversationId, clientId: clientId(), text: 'yes it does' });
  });
});

describe('a malformed lastEventId', () => {
  it.each(['abc', '12;DROP TABLE messages', '1:2:3', '-5', '9'.repeat(41)])(
    '%j ends the subscription with BAD_REQUEST explaining the format',
    async (lastEventId) => {
      const { server } = t;
      const { v } = await chatting(server);
      const events = collect<Tracked<VisitorStreamEvent>>();
      v.trpc.visitor.events.subscribe({ lastEventId }, events);
      await vi.waitFor(() => expect(events.errors).toHaveLength(1));
      expect(events.items).toEqual([]);
      expect(codeOf(events.errors[0])).toBe('BAD_REQUEST');
      expect((events.errors[0] as Error).message).toMatch(/lastEventId/);

      // A well-formed one on the same connection works.
      const ok = collect<Tracked<VisitorStreamEvent>>();
      v.trpc.visitor.events.subscribe({ lastEventId: null }, ok);
      await vi.waitFor(() => expect(textsIn(ok.items)).toEqual(['first']));
    },
  );
});

describe('an unknown procedure', () => {
  it('is refused with NOT_FOUND naming the path, and the connection keeps working', async () => {
    const { server } = t;
    const { v, op } = await chatting(server);
    const untypedVisitor = v.trpc as unknown as { visitor: { deleteEverything: { mutate(): Promise<unknown> } } };
    const error = await failure(untypedVisitor.visitor.deleteEverything.mutate());
    expect(codeOf(error)).toBe('NOT_FOUND');
    expect(error.message).toMatch(/visitor\.deleteEverything/);

    const untypedOperator = op.trpc as unknown as { admin: { dropAll: { query(): Promise<unknown> } } };
    expect(codeOf(await failure(untypedOperator.admin.dropAll.query()))).toBe('NOT_FOUND');

    await v.trpc.visitor.send.mutate({ clientId: clientId(), text: 'still works' });
    await op.trpc.operator.inbox.query();
  });
});

describe('raw WebSocket frames', () => {
  it('a frame that is not JSON gets a PARSE_ERROR response, and the same socket still serves requests', async () => {
    const { server } = t;
    const { ws } = await rawSocket(server, { site: 'demo' });
    t.later(() => ws!.close());
    const response = nextFrame(ws!);
    ws!.send('not json');
    const error = await response;
    expect(error.id).toBeNull();
    expect(error.error.data.code).toBe('PARSE_ERROR');
    expect(error.error.message).toMatch(/JSON/);

    // JSON that is not a tRPC message is refused the same way.
    const shape = nextFrame(ws!);
    ws!.send(JSON.stringify({ hello: 'world' }));
    expect((await shape).error.data.code).toBe('PARSE_ERROR');

    const hello = nextFrame(ws!);
    ws!.send(JSON.stringify({ id: 1, method: 'mutation', params: { path: 'visitor.hello', input: null } }));
    const reply = await hello;
    expect(reply.id).toBe(1);
    expect(reply.result.data.token).toEqual(expect.any(String));

    // And the server serves everyone else.
    const v = await visitor(server);
    t.later(v.close);
    await v.trpc.visitor.send.mutate({ clientId: clientId(), text: 'fine' });
  });

  it(`a frame over ${MAX_FRAME_BYTES} bytes closes that socket with 1009; other clients are unaffected`, async () => {
    const { server } = t;
    const { v, op, conversationId } = await chatting(server);
    const events = collect<Tracked<VisitorStreamEvent>>();
    v.trpc.visitor.events.subscribe({ lastEventId: null }, events);
    await vi.waitFor(() => expect(textsIn(events.items)).toEqual(['first']));
    const before = snapshot(server, v.visitorId);

    const { ws } = await rawSocket(server, { site: 'demo' });
    const closed = new Promise<number>((resolve) => ws!.once('close', (code) => resolve(code)));
    // Were the frame accepted, the server would answer it instead of closing.
    const answered = nextFrame(ws!).then((frame) => `answered ${JSON.stringify(frame).slice(0, 80)}`, () => 'closed');
    ws!.send(JSON.stringify({ id: 1, method: 'mutation', params: { path: 'visitor.hello', input: 'x'.repeat(MAX_FRAME_BYTES) } }));
    expect(await Promise.race([closed, answered])).toBe(1009);
    expect(snapshot(server, v.visitorId)).toEqual(before);

    await op.trpc.operator.send.mutate({ conversationId, clientId: clientId(), text: 'still here' });
    await v.trpc.visitor.send.mutate({ clientId: clientId(), text: 'me too' });
    await vi.waitFor(() => expect(textsIn(events.items)).toEqual(['first', 'still here', 'me too']));
    const opened = await rawSocket(server, { site: 'demo' });
    expect(opened.ws).toBeDefined();
    opened.ws!.close();
  });
});
