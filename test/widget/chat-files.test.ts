/**
 * Files and ratings in the visitor's <chat-window>, in real Chromium against the real chat server that
 * web-test-runner starts (web-test-runner.config.mjs). Files are built here from bytes and handed to
 * the paperclip's hidden file input the way the browser's chooser would (a DataTransfer, then
 * `change`). Uploads are watched by wrapping `window.fetch`, which `uploadFile` calls for every
 * upload; the wrapper forwards each call to the real server. The operator is the real tRPC client.
 * Waits poll; nothing sleeps.
 */
import { expect, fixture, fixtureSync, html, oneEvent } from '@open-wc/testing';
import '../../widget/src/window.js';
import type { ChatWindow } from '../../widget/src/elements/chat-window/chat-window.js';
import type { ChatRating, RatingLabels } from '../../widget/src/elements/chat-window/chat-rating.js';
import '../../widget/src/elements/chat-window/chat-rating.js';
import type { ChatReadyEvent } from '../../widget/src/events/index.js';
import {
  after,
  afterEach,
  before,
  beforeEach,
  chatInfo,
  conversationOf,
  describe,
  expectAccessible,
  fill,
  inShadow,
  it,
  signInOperator,
  textOf,
  transcript,
  until,
  type ChatInfo,
  type Operator,
} from './helpers.js';

let chat: ChatInfo;
let op: Operator;
const cleanups: Array<() => void | Promise<void>> = [];

before(async () => {
  chat = await chatInfo();
  op = await signInOperator();
});
after(() => op?.close());
beforeEach(() => localStorage.clear());
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

// --- files built from bytes ------------------------------------------------------

/** A real 1×1 PNG, so the browser can decode what the server serves back. */
const PNG_BYTES = Uint8Array.from(
  atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=='),
  (c) => c.charCodeAt(0),
);
const png = (name: string) => new File([PNG_BYTES], name, { type: 'image/png' });

/** A PDF of exactly 2048 bytes (the server reads the type from the leading `%PDF-`). */
function pdf(name: string): File {
  const head = '%PDF-1.4\n1 0 obj <</Type /Catalog>> endobj\ntrailer <</Root 1 0 R>>\n';
  const tail = '\n%%EOF\n';
  return new File([head + ' '.repeat(2048 - head.length - tail.length) + tail], name, { type: 'application/pdf' });
}

// --- helpers -------------------------------------------------------------------------

/** Mounts a standalone window and returns it with the visitor id the server gave it. */
async function mountWindow(lang = 'en'): Promise<{ el: ChatWindow; visitorId: number }> {
  // fixtureSync, so the chat-ready listener is in place before any network reply can arrive.
  const el = fixtureSync<ChatWindow>(html`<chat-window server=${chat.wsUrl} site=${chat.site} lang=${lang}></chat-window>`);
  const ready = oneEvent(el, 'chat-ready') as Promise<ChatReadyEvent>;
  await el.updateComplete;
  const { visitorId } = (await ready).detail;
  cleanups.push(() => endChatsOf(visitorId));
  return { el, visitorId };
}

/** Leaves no open chat behind for the other test files on this server. */
async function endChatsOf(visitorId: number): Promise<void> {
  const { conversations } = await op.trpc.operator.inbox.query();
  for (const c of conversations.filter((c) => c.visitor.id === visitorId)) {
    await op.trpc.operator.end.mutate({ conversationId: c.id }).catch(() => undefined);
  }
}

/** Chooses `file` with the paperclip, as the browser's file chooser would hand it over. */
function attach(el: ChatWindow, file: File): void {
  const button = inShadow(el, 'chat-attach-button');
  const input = inShadow<HTMLInputElement>(button, 'input[type=file]');
  const picked = new DataTransfer();
  picked.items.add(file);
  input.files = picked.files;
  input.dispatchEvent(new Event('change', { bubbles: true }));
}

interface Upload {
  url: URL;
  method: string;
  authorization: string | null;
}

/** Records every request to `/files` the page makes (and still sends it). */
function watchUploads(): Upload[] {
  const uploads: Upload[] = [];
  const realFetch = window.fetch;
  window.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(input instanceof Request ? input.url : String(input), location.href);
    if (url.pathname === '/files') {
      uploads.push({ url, method: init?.method ?? 'GET', authorization: new Headers(init?.headers).get('authorization') });
    }
    return realFetch.call(window, input, init);
  };
  cleanups.push(() => {
    window.fetch = realFetch;
  });
  return uploads;
}

const $ = <T extends Element = HTMLElement>(el: ChatWindow, selector: string) => el.shadowRoot!.querySelector<T>(selector);
const uploadError = (el: ChatWindow) => $(el, 'p.upload-error[role=alert]');
/** The visitor's confirmed lines (not the ones still sending). */
const sentByMe = (el: ChatWindow) => [...el.shadowRoot!.querySelectorAll('.log li.msg.mine:not([data-pending]):not([data-uploading])')];
/** Everything in the transcript except the greeting, as text. */
const logText = (el: ChatWindow) => [...el.shadowRoot!.querySelectorAll('.log li:not(.greeting)')].map(textOf);
const visitorToken = () => JSON.parse(localStorage.getItem(`chat:${chat.site}:token`) ?? 'null') as string | null;

/** An open conversation of the visitor in the operator's inbox, or undefined. */
async function openChatOf(visitorId: number) {
  const { conversations } = await op.trpc.operator.inbox.query();
  return conversations.find((c) => c.visitor.id === visitorId);
}

// --- tests ---------------------------------------------------------------------------

describe('<chat-window> files', () => {
  it('sends a PNG chosen with the paperclip and shows it in the transcript, named by its file name', async () => {
    const uploads = watchUploads();
    const { el, visitorId } = await mountWindow();
    const button = inShadow(el, 'chat-attach-button');
    expect(inShadow(button, 'button').getAttribute('aria-label')).to.equal('Attach a file');
    expect(inShadow(button, 'input[type=file]').getAttribute('accept')).to.equal('image/png,image/jpeg,image/gif,image/webp,application/pdf');

    attach(el, png('broken mug.png'));
    await until(() => $(el, 'li.msg.mine a.file.image img'), 'the image in the transcript');
    const img = $<HTMLImageElement>(el, 'li.msg.mine a.file.image img')!;
    expect(img.alt).to.equal('broken mug.png');
    expect($(el, 'li.msg.mine a.file.image')!.getAttribute('aria-label')).to.equal('Open broken mug.png');
    await until(() => img.complete && img.naturalWidth === 1, 'the server’s bytes to load as the 1×1 image');
    expect(textOf(uploadError(el)), 'no error').to.equal('');

    // One upload, signed as this visitor, for this site.
    expect(uploads).to.have.length(1);
    expect(uploads[0]!.method).to.equal('POST');
    expect(uploads[0]!.url.searchParams.get('purpose')).to.equal('attachment');
    expect(uploads[0]!.url.searchParams.get('site')).to.equal(chat.site);
    expect(uploads[0]!.authorization).to.equal(`Visitor ${visitorToken()}`);

    // The operator (and so the server) has the file as the visitor's message.
    const { id } = await conversationOf(op, visitorId);
    const sent = (await transcript(op, id)).filter((m) => m.author === 'visitor');
    expect(sent.map((m) => ({ name: m.extras?.file?.name, type: m.extras?.file?.type, size: m.extras?.file?.size }))).to.deep.equal([
      { name: 'broken mug.png', type: 'image/png', size: PNG_BYTES.length },
    ]);
    expect(new URL(img.src).pathname).to.equal(sent[0]!.extras!.file!.url);
    await expectAccessible(el);
  });

  it('shows a PDF as a card with its name, type and size that opens it', async () => {
    const { el, visitorId } = await mountWindow();
    attach(el, pdf('return label.pdf'));
    await until(() => $(el, 'li.msg.mine a.file.doc'), 'the PDF card in the transcript');
    const card = $<HTMLAnchorElement>(el, 'li.msg.mine a.file.doc')!;
    expect(textOf(card.querySelector('.file-name'))).to.equal('return label.pdf');
    expect(textOf(card.querySelector('.file-meta'))).to.equal('PDF · 2 kB');
    expect(card.getAttribute('aria-label')).to.equal('Open return label.pdf');
    expect(card.target).to.equal('_blank');
    expect(!!$(el, 'li.msg.mine img'), 'a PDF is not shown as an image').to.be.false;

    const { id } = await conversationOf(op, visitorId);
    const [sent] = (await transcript(op, id)).filter((m) => m.author === 'visitor');
    expect(sent!.extras!.file).to.deep.include({ name: 'return label.pdf', type: 'application/pdf', size: 2048 });
    expect(card.href, 'the card opens the file on the chat server').to.equal(new URL(sent!.extras!.file!.url, chat.url).href);
  });

  it('refuses a file over 10 MB in the browser: an error, no upload, nothing in the transcript', async () => {
    const uploads = watchUploads();
    const { el, visitorId } = await mountWindow();
    attach(el, new File([new Uint8Array(10 * 1024 * 1024 + 1)], 'big.png', { type: 'image/png' }));
    await until(() => uploadError(el), 'the error for the big file');
    expect(textOf(uploadError(el))).to.equal('big.png was not sent. The file is larger than 10 MB');
    expect(uploads, 'no request to /files').to.deep.equal([]);
    expect(sentByMe(el)).to.have.length(0);
    expect(!!$(el, '[data-uploading]'), 'nothing shown as sending').to.be.false;
    expect(await openChatOf(visitorId), 'no chat was started').to.equal(undefined);
    await expectAccessible(el);

    // A file of the right size goes out on the same page (so the watch above does see uploads),
    // and the error goes away.
    attach(el, png('small.png'));
    await until(() => $(el, 'li.msg.mine a.file.image img'), 'the small image');
    expect(uploads).to.have.length(1);
    expect(!!uploadError(el), 'the error is gone').to.be.false;
  });

  it('refuses a file the browser does not call an image or a PDF, without uploading it', async () => {
    const uploads = watchUploads();
    const { el } = await mountWindow();
    attach(el, new File(['just text'], 'notes.txt', { type: 'text/plain' }));
    await until(() => uploadError(el), 'the error for the text file');
    expect(textOf(uploadError(el))).to.equal('notes.txt was not sent. Only images (JPG, PNG, GIF, WEBP) or PDF files can be sent');
    expect(uploads).to.deep.equal([]);
    expect(sentByMe(el)).to.have.length(0);
  });

  it('shows the server’s 415 for a script named evil.png in the window’s language, and adds nothing to the transcript', async () => {
    const uploads = watchUploads();
    const { el, visitorId } = await mountWindow('fr');
    const before = logText(el);
    attach(el, new File(['<script>alert(document.cookie)</script>'], 'evil.png', { type: 'image/png' }));
    await until(() => uploadError(el), 'the error for evil.png');
    // The server answers in English; the visitor reads the window's French.
    expect(textOf(uploadError(el))).to.equal('evil.png n’a pas été envoyé. Seules les images (JPG, PNG, GIF, WEBP) et les PDF peuvent être envoyés');
    expect(uploads, 'it did go to the server, which refused it').to.have.length(1);
    expect(logText(el), 'the transcript is as it was').to.deep.equal(before);
    expect(!!$(el, '[data-uploading]'), 'nothing left as sending').to.be.false;
    expect(inShadow(inShadow(el, 'chat-attach-button'), 'button').hasAttribute('disabled'), 'the paperclip works again').to.be.false;
    expect(await openChatOf(visitorId), 'no chat was started').to.equal(undefined);
  });
});

describe('<chat-rating>', () => {
  const labels: RatingLabels = {
    title: 'How was this chat?',
    good: 'Good',
    bad: 'Bad',
    comment: 'Add a comment (optional)',
    submit: 'Send rating',
    sending: 'Sending…',
    failed: 'Your rating could not be sent. Try again.',
  };
  type Call = { rating: string; comment: string };

  async function mountRating(rate: (rating: 'good' | 'bad', comment: string) => Promise<unknown>): Promise<ChatRating> {
    return fixture<ChatRating>(html`<chat-rating .labels=${labels} .rate=${rate}></chat-rating>`);
  }
  const r$ = <T extends Element = HTMLElement>(el: ChatRating, selector: string) => el.shadowRoot!.querySelector<T>(selector);
  const choice = (el: ChatRating, value: 'good' | 'bad') => r$<HTMLButtonElement>(el, `button[data-rating=${value}]`)!;
  const submit = (el: ChatRating) => r$<HTMLButtonElement>(el, 'button[type=submit]')!;

  it('keeps Send disabled until Good or Bad is chosen, and sends nothing before', async () => {
    const calls: Call[] = [];
    const el = await mountRating(async (rating, comment) => void calls.push({ rating, comment }));
    expect(textOf(r$(el, 'legend'))).to.equal('How was this chat?');
    expect(textOf(choice(el, 'good'))).to.equal('Good');
    expect(textOf(choice(el, 'bad'))).to.equal('Bad');
    expect(choice(el, 'good').getAttribute('aria-pressed')).to.equal('false');
    expect(choice(el, 'bad').getAttribute('aria-pressed')).to.equal('false');
    expect(submit(el).getAttribute('aria-disabled')).to.equal('true');
    await expectAccessible(el);

    submit(el).click();
    await el.updateComplete;
    expect(calls, 'Send does nothing without a choice').to.deep.equal([]);

    choice(el, 'good').click();
    await el.updateComplete;
    expect(choice(el, 'good').getAttribute('aria-pressed')).to.equal('true');
    expect(choice(el, 'bad').getAttribute('aria-pressed')).to.equal('false');
    expect(submit(el).getAttribute('aria-disabled')).to.equal('false');

    choice(el, 'bad').click();
    await el.updateComplete;
    expect(choice(el, 'good').getAttribute('aria-pressed'), 'one choice at a time').to.equal('false');
    expect(choice(el, 'bad').getAttribute('aria-pressed')).to.equal('true');
  });

  it('shows why when the rating is refused, as an alert, and lets the visitor send again', async () => {
    let fail = true;
    const calls: Call[] = [];
    const el = await mountRating(async (rating, comment) => {
      calls.push({ rating, comment });
      if (fail) throw new Error('This chat cannot be rated');
    });
    choice(el, 'good').click();
    await el.updateComplete;
    submit(el).click();
    await until(() => r$(el, '.failure'), 'the failure');
    const failure = r$(el, '.failure')!;
    expect(failure.getAttribute('role')).to.equal('alert');
    expect(textOf(failure)).to.equal('Your rating could not be sent. Try again. This chat cannot be rated');
    expect(textOf(submit(el)), 'Send is back').to.equal('Send rating');
    expect(submit(el).getAttribute('aria-disabled')).to.equal('false');
    expect(choice(el, 'good').getAttribute('aria-pressed'), 'the choice is kept').to.equal('true');

    fail = false;
    submit(el).click();
    await until(() => !r$(el, '.failure'), 'the failure to clear on a new try');
    expect(calls).to.deep.equal([
      { rating: 'good', comment: '' },
      { rating: 'good', comment: '' },
    ]);
  });

  it('sends the choice and the trimmed comment, and shows Sending… while it waits', async () => {
    const calls: Call[] = [];
    let answer!: () => void;
    const el = await mountRating((rating, comment) => {
      calls.push({ rating, comment });
      return new Promise<void>((resolve) => (answer = resolve));
    });
    choice(el, 'bad').click();
    const comment = r$<HTMLTextAreaElement>(el, 'textarea')!;
    expect(textOf(comment.labels?.[0]), 'the comment box is labelled').to.equal('Add a comment (optional)');
    fill(comment, '   Waited too long for an answer.  \n');
    await el.updateComplete;
    submit(el).click();
    await until(() => textOf(submit(el)) === 'Sending…', 'Send to say it is sending');
    expect(submit(el).getAttribute('aria-disabled')).to.equal('true');
    submit(el).click();
    await el.updateComplete;
    expect(calls, 'one rating, however often Send is pressed while it goes').to.deep.equal([
      { rating: 'bad', comment: 'Waited too long for an answer.' },
    ]);
    answer();
    await until(() => textOf(submit(el)) === 'Send rating', 'Send to come back');
    expect(!!r$(el, '.failure')).to.be.false;
  });
});

describe('<chat-window> rating', () => {
  it('shows the card when the operator asks, and the visitor’s Bad rating with its comment once sent', async () => {
    // The test server starts with rating off (DEMO_TEAM=off): turn it on, and back as it was after.
    const settings = await op.trpc.admin.availability.get.query();
    await op.trpc.admin.availability.update.mutate({ ...settings, rating: true });
    cleanups.push(() => op.trpc.admin.availability.update.mutate(settings).then(() => undefined));
    expect((await op.trpc.operator.inbox.query()).ratingEnabled).to.be.true;

    const { el, visitorId } = await mountWindow();
    const composer = inShadow<HTMLTextAreaElement>(el, 'textarea#composer');
    fill(composer, 'My order arrived broken');
    inShadow<HTMLButtonElement>(el, 'button[type=submit]').click();
    const { id } = await conversationOf(op, visitorId);
    await op.trpc.operator.accept.mutate({ conversationId: id });
    await until(() => $(el, 'li.notice[data-event=joined]'), 'the operator to join');
    expect(!!$(el, 'chat-rating'), 'no card before the operator asks').to.be.false;

    await op.trpc.operator.requestRating.mutate({ conversationId: id });
    await until(() => $(el, 'chat-rating'), 'the rating card');
    expect(textOf($(el, 'li.notice[data-event=rating-requested]'))).to.equal(`${op.me.name} asked you to rate this chat`);
    const card = $<ChatRating>(el, 'chat-rating')!;
    await card.updateComplete;
    const inCard = <T extends Element = HTMLElement>(selector: string) => card.shadowRoot!.querySelector<T>(selector)!;
    expect(textOf(inCard('legend'))).to.equal('How was this chat?');
    expect(inCard('button[type=submit]').getAttribute('aria-disabled')).to.equal('true');
    await expectAccessible(el);

    inCard<HTMLButtonElement>('button[data-rating=bad]').click();
    fill(inCard<HTMLTextAreaElement>('textarea'), '  It took an hour to get an answer. ');
    await card.updateComplete;
    inCard<HTMLButtonElement>('button[type=submit]').click();

    await until(() => $(el, 'li.notice[data-event=rated]'), 'the rated notice');
    const rated = $(el, 'li.notice[data-event=rated]')!;
    const comment = textOf(rated.querySelector('q'));
    expect(comment, 'the comment, quoted and trimmed').to.equal('It took an hour to get an answer.');
    expect(textOf(rated).replace(comment, '').trim()).to.equal('You rated this chat Bad');
    await until(() => !$(el, 'chat-rating'), 'the card to go away');

    // The operator's side has it too.
    const summary = await conversationOf(op, visitorId);
    expect(summary.rating).to.deep.equal({ value: 'bad', comment: 'It took an hour to get an answer.' });
    expect(summary.ratingPending).to.be.false;
  });
});
