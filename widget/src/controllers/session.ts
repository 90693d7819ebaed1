/**
 * Gives an element a visitor session: the one provided by an ancestor launcher, or its own.
 * Re-renders the host when the session changes, and re-fires the session's news as chat-* events
 * from the element that owns it.
 */
import { createContext } from '@lit/context';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { SessionMessageEvent, VisitorSession } from '../client/visitor-session.js';
import { ChatMessageEvent, ChatReadyEvent, ChatUnreadCountEvent } from '../events/index.js';

export const sessionContext = createContext<VisitorSession | undefined>(Symbol('chat-session'));

type Host = ReactiveControllerHost & HTMLElement;

export interface SessionControllerOptions {
  /** The server and site the element was configured with; empty until both are set. */
  config: () => { server: string; site: string };
  /** A session provided by an ancestor (context), if any. */
  provided?: () => VisitorSession | undefined;
  /** Called when the session appears or goes away. */
  onSession?: (session: VisitorSession | undefined) => void;
}

export class VisitorSessionController implements ReactiveController {
  session: VisitorSession | undefined;
  /** True when this element created the session (and so closes it and fires its events). */
  owned = false;
  readonly #host: Host;
  readonly #opts: SessionControllerOptions;
  #unread = 0;

  constructor(host: Host, opts: SessionControllerOptions) {
    this.#host = host;
    this.#opts = opts;
    host.addController(this);
  }

  hostConnected(): void {
    this.#ensure();
  }

  hostUpdate(): void {
    this.#ensure();
  }

  hostDisconnected(): void {
    this.#detach();
  }

  #ensure(): void {
    if (this.session) return;
    const provided = this.#opts.provided?.();
    if (provided) {
      this.#attach(provided, false);
      return;
    }
    const { server, site } = this.#opts.config();
    if (server && site) this.#attach(new VisitorSession({ server, site }), true);
  }

  #attach(session: VisitorSession, owned: boolean): void {
    this.session = session;
    this.owned = owned;
    this.#unread = session.unread;
    session.addEventListener('change', this.#onChange);
    if (owned) {
      session.addEventListener('ready', this.#onReady);
      session.addEventListener('message', this.#onMessage);
    }
    this.#opts.onSession?.(session);
    this.#host.requestUpdate();
  }

  #detach(): void {
    const session = this.session;
    if (!session) return;
    session.removeEventListener('change', this.#onChange);
    session.removeEventListener('ready', this.#onReady);
    session.removeEventListener('message', this.#onMessage);
    if (this.owned) session.close();
    this.session = undefined;
    this.owned = false;
    this.#opts.onSession?.(undefined);
  }

  #onChange = (): void => {
    this.#host.requestUpdate();
    const unread = this.session?.unread ?? 0;
    if (this.owned && unread !== this.#unread) {
      this.#unread = unread;
      this.#host.dispatchEvent(new ChatUnreadCountEvent(unread));
    }
  };

  #onReady = (): void => {
    if (this.session?.visitorId) this.#host.dispatchEvent(new ChatReadyEvent(this.session.visitorId));
  };

  #onMessage = (e: Event): void => {
    this.#host.dispatchEvent(new ChatMessageEvent((e as SessionMessageEvent).message));
  };
}
