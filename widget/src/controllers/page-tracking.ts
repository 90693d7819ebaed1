/**
 * Reports a page view for the current page and for every SPA route change
 * (history.pushState / replaceState, back/forward, hash changes).
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { DeviceType } from '../../../server/src/protocol/index.js';
import type { PageInfo } from '../client/visitor-session.js';

const ROUTE_EVENT = 'chat-locationchange';
const PATCHED = Symbol.for('chat-widget.history-patched');

/** Makes pushState/replaceState observable, once per window, whoever calls it first. */
function observeHistory(win: Window): void {
  const history = win.history as History & { [PATCHED]?: true };
  if (history[PATCHED]) return;
  history[PATCHED] = true;
  for (const method of ['pushState', 'replaceState'] as const) {
    const original = history[method];
    history[method] = function (this: History, ...args: Parameters<History['pushState']>) {
      const result = original.apply(this, args);
      win.dispatchEvent(new Event(ROUTE_EVENT));
      return result;
    };
  }
}

export function deviceType(win: Window = window): DeviceType {
  const coarse = win.matchMedia?.('(pointer: coarse)').matches;
  const width = Math.min(win.screen?.width ?? win.innerWidth, win.innerWidth);
  if (coarse && width < 768) return 'mobile';
  if (coarse && width <= 1366) return 'tablet';
  return 'desktop';
}

export function currentPage(doc: Document = document): PageInfo {
  return {
    url: doc.location.href.slice(0, 2048),
    title: doc.title.slice(0, 300),
    referrer: doc.referrer.slice(0, 2048),
    language: (navigator.language ?? '').slice(0, 35),
    timeZone: (Intl.DateTimeFormat().resolvedOptions().timeZone ?? '').slice(0, 64),
    device: deviceType(),
  };
}

export class PageTrackingController implements ReactiveController {
  readonly #report: (page: PageInfo) => void;
  readonly #enabled: () => boolean;
  #lastUrl = '';
  #timer?: ReturnType<typeof setTimeout>;

  constructor(host: ReactiveControllerHost, opts: { report: (page: PageInfo) => void; enabled: () => boolean }) {
    this.#report = opts.report;
    this.#enabled = opts.enabled;
    host.addController(this);
  }

  hostConnected(): void {
    observeHistory(window);
    window.addEventListener(ROUTE_EVENT, this.#onRoute);
    window.addEventListener('popstate', this.#onRoute);
    window.addEventListener('hashchange', this.#onRoute);
  }

  hostUpdated(): void {
    // The first report waits for the session to exist.
    if (!this.#lastUrl) this.#check();
  }

  hostDisconnected(): void {
    window.removeEventListener(ROUTE_EVENT, this.#onRoute);
    window.removeEventListener('popstate', this.#onRoute);
    window.removeEventListener('hashchange', this.#onRoute);
    clearTimeout(this.#timer);
    this.#lastUrl = '';
  }

  #onRoute = (): void => {
    // SPAs usually set document.title just after changing the URL: let it settle.
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => this.#check(), 50);
  };

  #check(): void {
    if (!this.#enabled()) return;
    const page = currentPage();
    if (page.url === this.#lastUrl) return;
    this.#lastUrl = page.url;
    this.#report(page);
  }
}
