/**
 * Gives <proactive-admin> its AdminSession: opened when the element connects (once `server` is
 * set), closed when it disconnects, re-opened if `server` changes; re-renders the host on every
 * change. It lives beside the element rather than in controllers/ because only the admin uses it.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { AdminSession } from '../../client/admin-session.js';

export interface AdminSessionControllerOptions {
  /** The server URL the element was configured with; empty until set. */
  server: () => string;
}

export class AdminSessionController implements ReactiveController {
  session: AdminSession | undefined;
  readonly #host: ReactiveControllerHost;
  readonly #opts: AdminSessionControllerOptions;
  #server = '';

  constructor(host: ReactiveControllerHost, opts: AdminSessionControllerOptions) {
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
    const server = this.#opts.server();
    if (this.session && server === this.#server) return;
    this.#detach();
    if (!server) return;
    this.#server = server;
    this.session = new AdminSession({ server });
    this.session.addEventListener('change', this.#onChange);
    this.#host.requestUpdate();
  }

  #detach(): void {
    if (!this.session) return;
    this.session.removeEventListener('change', this.#onChange);
    this.session.close();
    this.session = undefined;
    this.#server = '';
  }

  #onChange = (): void => this.#host.requestUpdate();
}
