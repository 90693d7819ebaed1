import { html, LitElement, nothing, svg } from 'lit';
import { PageTrackingController } from '../../controllers/page-tracking.js';
import { VisitorSessionController, type VisitorAttributes } from '../../controllers/session.js';
import { ChatCloseEvent, ChatOpenEvent } from '../../events/index.js';
import { localeOf } from '../../i18n/index.js';
import { launcherStrings } from '../../i18n/launcher.js';
import type { ChatWindow } from '../chat-window/chat-window.js';
import { styles } from './chat-launcher.styles.js';

const chatIcon = svg`<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M21 12a8 8 0 0 1-11.6 7.1L4 20.5l1.4-4.9A8 8 0 1 1 21 12Z"/></svg>`;
const closeIcon = svg`<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M6 6l12 12M18 6 6 18"/></svg>`;

/**
 * "Alex Kim" → "AK"; the avatar of a sender who has no picture. Drawn with CSS (::before), so the
 * button's visible text is the name and the message, all part of its accessible name (WCAG 2.5.3).
 */
const initials = (name: string) =>
  name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => [...w][0])
    .join('')
    .toUpperCase();

/**
 * The floating chat button. It keeps the visitor's session (token in localStorage), reports
 * page views including SPA route changes, shows an unread badge, and opens <chat-window>,
 * which is loaded on first open. A proactive message offered while the window is closed shows as
 * a bubble above the button; clicking it (or opening the chat) shows it in the window.
 *
 * Outside business hours, when the account asks for it, the launcher is "away": a grey dot on
 * the button, "we are away" in its name, and the `away` attribute on the host, so the page may
 * style or hide it (`chat-launcher[away] { display: none }`). The chat still opens.
 *
 * @fires chat-ready - the visitor is known; detail.visitorId
 * @fires chat-open - cancelable; the window is about to open
 * @fires chat-close - cancelable; the window is about to close
 * @fires chat-message - an operator message arrived; detail.message
 * @fires chat-unread-count - the unread count changed; detail.count
 * @fires chat-proactive-shown - a proactive message was shown; detail.messageId, deliveryId, text
 * @csspart button - the round launcher button
 * @csspart badge - the unread count
 * @csspart panel - the frame holding the window
 * @csspart bubble - the proactive message card above the button
 * @cssprop --chat-accent - brand colour
 * @cssprop --chat-away - the away dot's colour (default grey)
 * @cssprop --chat-accent-contrast - icon and text colour on the accent
 * @cssprop --chat-surface - the bubble's background
 * @cssprop --chat-text - the bubble's text colour
 * @cssprop --chat-muted - the X on the bubble
 * @cssprop --chat-font - the bubble's font family
 * @cssprop --chat-radius - the bubble's corner radius
 * @cssprop --chat-bubble-width - the bubble's width (default 300px)
 * @cssprop --chat-z-index - stacking order (default 2147483000)
 * @cssprop --chat-offset-bottom - distance from the bottom edge
 * @cssprop --chat-offset-side - distance from the side edge
 * @cssprop --chat-window-width - width of the open window
 * @cssprop --chat-window-height - height of the open window
 */
export class ChatLauncher extends LitElement {
  static override styles = styles;
  /**
   * Declared the plain Lit way, not with decorators: the decorators' code would be on the launcher
   * path for this element alone (about 0.5 KB gzip), while the lazy window carries it anyway.
   */
  static override properties = {
    server: {},
    site: {},
    opened: { type: Boolean, reflect: true },
    position: { reflect: true },
    lang: {},
  };

  // Also provides the session to the window it renders (sessionContext).
  #session = new VisitorSessionController(this, {
    config: () => ({ server: this.server, site: this.site }),
    provide: true,
    // Offered while the window is open: it shows there at once.
    onOffer: (session) => this.opened && session.openOffer(),
  });
  #pages = new PageTrackingController(this, {
    enabled: () => !!this.#session.session,
    report: (page) => this.#session.session?.reportPage(page),
  });

  /** WebSocket URL of the chat server, e.g. wss://chat.example.com/trpc. */
  server = '';
  /** Public site key. */
  site = '';
  /** Whether the window is open (reflected to the `opened` attribute). */
  opened = false;
  /** "right" (default) or "left" (reflected). */
  position: 'right' | 'left' = 'right';
  override lang = '';

  /**
   * Whether the window's chunk has loaded. Internal state, kept without @state: the launcher is
   * the only code on the launcher path that would use that decorator, and its chunk costs bytes there.
   */
  #windowLoaded = false;

  // Plain lookups rather than @query: nothing else on the launcher path uses that decorator, so it stays in the window's chunks.
  #find = <E extends Element>(selector: string) => this.renderRoot.querySelector<E>(selector);

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.opened) void this.#loadWindow();
  }

  protected override willUpdate(): void {
    // Reflected from the session (not a property the page sets): it follows the server's word.
    this.toggleAttribute('away', !!this.#session.session?.availability?.away);
  }

  /** Operator messages the visitor has not read. */
  get unreadCount(): number {
    return this.#session.session?.unread ?? 0;
  }

  /** Opens the window. Resolves once it is shown (or at once if the page vetoed chat-open). */
  async open(source: 'user' | 'api' = 'api'): Promise<void> {
    if (this.opened) return;
    if (!this.dispatchEvent(new ChatOpenEvent(source))) return;
    this.opened = true;
    // A proactive message waiting in the bubble is what the visitor opens.
    this.#session.session?.openOffer();
    await this.#loadWindow();
    await this.updateComplete;
    void this.#find<ChatWindow>('chat-window')?.focusComposer();
    this.#session.session?.markRead();
  }

  close(source: 'user' | 'api' = 'api'): void {
    if (!this.opened) return;
    if (!this.dispatchEvent(new ChatCloseEvent(source))) return;
    this.opened = false;
    // Closing the window hides a proactive message the visitor neither answered nor filled in.
    const offer = this.#session.session?.offer;
    if (offer?.opened && !offer.captured && !offer.answered) this.#session.session?.dismissOffer();
    // Focus goes back to where the visitor opened the chat from.
    void this.updateComplete.then(() => this.#find<HTMLButtonElement>('.launcher')?.focus());
  }

  toggle(): Promise<void> | void {
    return this.opened ? this.close() : this.open();
  }

  /**
   * Custom attributes for proactive message targeting (e.g. `{ plan: 'pro', cartValue: 120 }`),
   * merged into those already set; null removes one. May be called before the chat connects.
   */
  setAttributes(attributes: VisitorAttributes): void {
    this.#session.setAttributes(attributes);
  }

  async #loadWindow(): Promise<void> {
    if (this.#windowLoaded) return;
    await import('../chat-window/chat-window.js');
    this.#windowLoaded = true;
    this.requestUpdate();
  }

  #handleClick(): void {
    if (this.opened) this.close('user');
    else void this.open('user');
  }

  #handleDismiss(): void {
    this.#session.session?.dismissOffer();
    // The X goes away with the bubble: keep the keyboard near where it was.
    void this.updateComplete.then(() => this.#find<HTMLButtonElement>('.launcher')?.focus());
  }

  override render() {
    const t = launcherStrings[localeOf(this)];
    const unread = this.opened ? 0 : this.unreadCount;
    const label = this.opened
      ? t.closeChat
      : [t.openChat, this.hasAttribute('away') && t.away, unread && t.unread(unread)].filter(Boolean).join(', ');
    const offer = this.#session.session?.offer;
    const bubble = !this.opened && offer && !offer.opened ? offer : null;
    return html`
      <div class="panel" part="panel" id="panel" ?hidden=${!this.opened}>
        ${this.#windowLoaded
          ? html`<chat-window mode="launcher" lang=${localeOf(this)} @chat-dismiss=${() => this.close('user')}></chat-window>`
          : nothing}
      </div>
      <p class="sr-only" role="status">${bubble ? t.newMessage(bubble.sender.name, bubble.text) : ''}</p>
      ${bubble
        ? html`<div class="bubble" part="bubble">
            <button class="open" aria-label=${t.openMessage(bubble.sender.name, bubble.text)} @click=${this.#handleClick}>
              <span class="from"><span class="avatar" data-initials=${initials(bubble.sender.name)} aria-hidden="true"></span>${bubble.sender.name}</span>
              <span class="text">${bubble.text}</span>
            </button>
            <button class="dismiss" aria-label=${t.dismiss} @click=${this.#handleDismiss}>${closeIcon}</button>
          </div>`
        : nothing}
      <button
        class="launcher"
        part="button"
        aria-label=${label}
        aria-expanded=${this.opened ? 'true' : 'false'}
        aria-controls="panel"
        @click=${this.#handleClick}
      >
        ${this.opened ? closeIcon : chatIcon}
        ${unread ? html`<span class="badge" part="badge" aria-hidden="true">${unread > 99 ? '99+' : unread}</span>` : nothing}
      </button>
    `;
  }
}

if (!customElements.get('chat-launcher')) customElements.define('chat-launcher', ChatLauncher);

declare global {
  interface HTMLElementTagNameMap {
    'chat-launcher': ChatLauncher;
  }
}
