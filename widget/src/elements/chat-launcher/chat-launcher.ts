import { ContextProvider } from '@lit/context';
import { html, LitElement, nothing, svg } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { PageTrackingController } from '../../controllers/page-tracking.js';
import { sessionContext, VisitorSessionController } from '../../controllers/session.js';
import { ChatCloseEvent, ChatOpenEvent } from '../../events/index.js';
import { localeOf } from '../../i18n/index.js';
import { launcherStrings } from '../../i18n/launcher.js';
import type { ChatWindow } from '../chat-window/chat-window.js';
import { styles } from './chat-launcher.styles.js';

const chatIcon = svg`<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M21 12a8 8 0 0 1-11.6 7.1L4 20.5l1.4-4.9A8 8 0 1 1 21 12Z"/></svg>`;
const closeIcon = svg`<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M6 6l12 12M18 6 6 18"/></svg>`;

/**
 * The floating chat button. It keeps the visitor's session (token in localStorage), reports
 * page views including SPA route changes, shows an unread badge, and opens <chat-window>,
 * which is loaded on first open.
 *
 * @fires chat-ready - the visitor is known; detail.visitorId
 * @fires chat-open - cancelable; the window is about to open
 * @fires chat-close - cancelable; the window is about to close
 * @fires chat-message - an operator message arrived; detail.message
 * @fires chat-unread-count - the unread count changed; detail.count
 * @csspart button - the round launcher button
 * @csspart badge - the unread count
 * @csspart panel - the frame holding the window
 * @cssprop --chat-accent - brand colour
 * @cssprop --chat-accent-contrast - icon and text colour on the accent
 * @cssprop --chat-z-index - stacking order (default 2147483000)
 * @cssprop --chat-offset-bottom - distance from the bottom edge
 * @cssprop --chat-offset-side - distance from the side edge
 * @cssprop --chat-window-width - width of the open window
 * @cssprop --chat-window-height - height of the open window
 */
export class ChatLauncher extends LitElement {
  static override styles = styles;

  #provider = new ContextProvider(this, { context: sessionContext });
  #session = new VisitorSessionController(this, {
    config: () => ({ server: this.server, site: this.site }),
    onSession: (session) => this.#provider.setValue(session),
  });
  #pages = new PageTrackingController(this, {
    enabled: () => !!this.#session.session,
    report: (page) => this.#session.session?.reportPage(page),
  });

  /** WebSocket URL of the chat server, e.g. wss://chat.example.com/trpc. */
  @property() server = '';
  /** Public site key. */
  @property() site = '';
  /** Whether the window is open. */
  @property({ type: Boolean, reflect: true }) opened = false;
  /** "right" (default) or "left". */
  @property({ reflect: true }) position: 'right' | 'left' = 'right';
  @property() override lang = '';

  @state() private windowLoaded = false;

  @query('.launcher') private button!: HTMLButtonElement;
  @query('chat-window') private window?: ChatWindow;

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.opened) void this.#loadWindow();
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
    await this.#loadWindow();
    await this.updateComplete;
    this.window?.focusComposer();
    this.#session.session?.markRead();
  }

  close(source: 'user' | 'api' = 'api'): void {
    if (!this.opened) return;
    if (!this.dispatchEvent(new ChatCloseEvent(source))) return;
    this.opened = false;
    // Focus goes back to where the visitor opened the chat from.
    void this.updateComplete.then(() => this.button?.focus());
  }

  toggle(): Promise<void> | void {
    return this.opened ? this.close() : this.open();
  }

  async #loadWindow(): Promise<void> {
    if (this.windowLoaded) return;
    await import('../chat-window/chat-window.js');
    this.windowLoaded = true;
  }

  #handleClick(): void {
    if (this.opened) this.close('user');
    else void this.open('user');
  }

  override render() {
    const t = launcherStrings[localeOf(this)];
    const unread = this.opened ? 0 : this.unreadCount;
    const label = this.opened ? t.closeChat : unread ? `${t.openChat}, ${t.unread(unread)}` : t.openChat;
    return html`
      <div class="panel" part="panel" id="panel" ?hidden=${!this.opened}>
        ${this.windowLoaded
          ? html`<chat-window mode="launcher" lang=${localeOf(this)} @chat-dismiss=${() => this.close('user')}></chat-window>`
          : nothing}
      </div>
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
