/**
 * Which pages may open a connection: a widget connection needs a known site key and an
 * Origin that site allows (or the server's own); an operator connection needs the
 * server's own origin or one configured for operators.
 */
import { describe, expect, it } from 'vitest';
import { client, clientId, rawSocket, serverPerTest } from './harness.js';

const t = serverPerTest(() => ({ operatorOrigins: ['https://panel.example'] }));

describe('a widget connection', () => {
  it('from an origin the site does not allow is refused with 403 before any tRPC call', async () => {
    const refused = await rawSocket(t.server, { site: 'demo', origin: 'https://evil.example' });
    expect(refused.status).toBe(403);
    expect(refused.body).toMatch(/origin not allowed/i);
  });

  it('with no Origin header at all is refused with 403', async () => {
    const refused = await rawSocket(t.server, { site: 'demo', origin: null });
    expect(refused.status).toBe(403);
  });

  it('with an unknown site key is refused with 403, even from the server\'s own origin', async () => {
    const refused = await rawSocket(t.server, { site: 'no-such-site' });
    expect(refused.status).toBe(403);
    expect(refused.body).toMatch(/unknown site key/i);
  });

  it('from the server\'s own origin is accepted', async () => {
    const opened = await rawSocket(t.server, { site: 'demo' });
    expect(opened.ws).toBeDefined();
    opened.ws!.close();
  });

  it("from an origin in the site's allowedOrigins is accepted and can chat; the same origin is refused for another site", async () => {
    const { server } = t;
    const accountId = server.store.siteByKey('demo')!.accountId;
    server.store.createSite({ accountId, name: 'Shop', siteKey: 'shop', allowedOrigins: ['https://shop.example/'] }, Date.now());

    const opened = await rawSocket(server, { site: 'shop', origin: 'https://shop.example' });
    expect(opened.ws).toBeDefined();
    opened.ws!.close();

    const widget = client(server, { site: 'shop', origin: 'https://shop.example' });
    t.later(widget.close);
    await widget.trpc.visitor.hello.mutate();
    const sent = await widget.trpc.visitor.send.mutate({ clientId: clientId(), text: 'Hi from the shop' });
    expect(server.store.conversation(sent.conversationId)!.siteId).toBe(server.store.siteByKey('shop')!.id);

    // Another port, scheme or host is another origin.
    for (const origin of ['https://shop.example:8443', 'http://shop.example', 'https://evil.shop.example']) {
      expect((await rawSocket(server, { site: 'shop', origin })).status, origin).toBe(403);
    }
    // The demo site does not list it.
    expect((await rawSocket(server, { site: 'demo', origin: 'https://shop.example' })).status).toBe(403);
  });
});

describe('an operator connection', () => {
  it('from a foreign origin is refused with 403; from a configured operator origin it is accepted', async () => {
    const { server } = t;
    const refused = await rawSocket(server, { site: null, origin: 'https://evil.example' });
    expect(refused.status).toBe(403);
    // A site's widget origin does not open the operator panel either.
    const accountId = server.store.siteByKey('demo')!.accountId;
    server.store.createSite({ accountId, name: 'Shop', siteKey: 'shop', allowedOrigins: ['https://shop.example'] }, Date.now());
    expect((await rawSocket(server, { site: null, origin: 'https://shop.example' })).status).toBe(403);

    const opened = await rawSocket(server, { site: null, origin: 'https://panel.example' });
    expect(opened.ws).toBeDefined();
    opened.ws!.close();
  });

  it('on a path other than /trpc is refused with 404', async () => {
    const { server } = t;
    const refused = await rawSocket({ ...server, wsUrl: `${server.url.replace('http', 'ws')}/elsewhere` }, { site: null });
    expect(refused.status).toBe(404);
  });
});
