/**
 * Gives an element a visitor session: the one provided by an ancestor launcher, or its own.
 * Re-renders the host when the session changes, and re-fires the session's news as chat-* events
 * from the element that owns it. With `provide`, it also answers its descendants' requests for the
 * session (the launcher, for the window it renders).
 */
import { createContext, type ContextCallback, type ContextEvent } from '@lit/context';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { AttributeValue, ProactiveOffer } from '../../../server/src/protocol/proactive.js';
import { SessionMessageEvent, VisitorSession, type SessionOfferEvent } from '../client/visitor-session.js';
import { ChatMessageEvent, ChatProactiveShownEvent, ChatReadyEvent, ChatUnreadCountEvent } from '../events/index.js';

/** Custom attributes for proactive targeting, as the host page sets them; null removes one. */
export type VisitorAttributes = Record<string, AttributeValue | null>;

export const sessionContext = createContext<VisitorSession | undefined>(Symbol('chat-session'));

type Host = ReactiveControllerHost & HTMLElement;

export interface SessionControllerOptions {
  /** The server and site the element was configured with; empty until both are set. */
  config: () => { server: string; site: string };
  /** A session provided by an ancestor (context), if any. */
  provided?: () => VisitorSession | undefined;
  /**
   * Answer sessionContext requests from descendants. This is the context protocol's provider side in
   * a few lines: @lit/context's ContextProvider would add about 0.7 KB gzip to the launcher path for
   * late-provider and re-parenting cases that cannot happen here (the only consumer is the window the
   * launcher renders inside itself).
   */
  provide?: boolean;
  /** Called, for a session this element owns, when a proactive message is offered (before chat-proactive-shown). */
  onOffer?: (session: VisitorSession, offer: ProactiveOffer) => void;
}

export class VisitorSessionController implements ReactiveController {
  session: VisitorSession | undefined;
  /** True when this element created the session (and so closes it and fires its events). */
  owned = false;
  readonly #host: Host;
  readonly #opts: SessionControllerOptions;
  #unread = 0;
  /** Subscribed consumers, each with the unsubscribe it was given (the protocol wants it stable). */
  readonly #consumers = new Map<ContextCallback<VisitorSession | undefined>, () => void>();
  /** Every attribute the host page set, so a session created later (or again) gets them too. */
  #attributes: VisitorAttributes | null = null;

  constructor(host: Host, opts: SessionControllerOptions) {
    this.#host = host;
    this.#opts = opts;
    host.addController(this);
    if (opts.provide) host.addEventListener('context-request', this.#onContextRequest as EventListener);
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

  /** Sets custom attributes now, or as soon as there is a session; they are kept for later sessions. */
  setAttributes(attributes: VisitorAttributes): void {
    this.#attributes = { ...this.#attributes, ...attributes };
    this.#sendAttributes(attributes);
  }

  #sendAttributes(attributes: VisitorAttributes): void {
    // A bad name or value is the host page's mistake: say so in its console rather than throw later.
    this.session?.setAttributes(attributes).catch((e: Error) => console.warn(`${this.#host.localName}: setAttributes: ${e.message}`));
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
      session.addEventListener('offer', this.#onOffer);
    }
    if (this.#attributes) this.#sendAttributes(this.#attributes);
    this.#provide();
    this.#host.requestUpdate();
  }

  #detach(): void {
    const session = this.session;
    if (!session) return;
    session.removeEventListener('change', this.#onChange);
    session.removeEventListener('ready', this.#onReady);
    session.removeEventListener('message', this.#onMessage);
    session.removeEventListener('offer', this.#onOffer);
    if (this.owned) session.close();
    this.session = undefined;
    this.owned = false;
    this.#provide();
  }

  #provide(): void {
    for (const [callback, unsubscribe] of this.#consumers) callback(this.session, unsubscribe);
  }

  #onContextRequest = (e: ContextEvent<typeof sessionContext>): void => {
    if (e.context !== sessionContext) return;
    e.stopPropagation();
    const { callback } = e;
    let unsubscribe = this.#consumers.get(callback);
    if (e.subscribe && !unsubscribe) this.#consumers.set(callback, (unsubscribe = () => this.#consumers.delete(callback)));
    callback(this.session, unsubscribe);
  };

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

  #onOffer = (e: Event): void => {
    const { offer } = e as SessionOfferEvent;
    this.#opts.onOffer?.(this.session!, offer);
    this.#host.dispatchEvent(new ChatProactiveShownEvent(offer));
  };
}
