/**
 * Gives an element an operator session: opened when the element connects (once `server` is
 * set), closed when it disconnects, re-opened if `server` changes. Re-renders the host on
 * every change of the session.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { OperatorSession } from '../client/operator-session.js';

export interface OperatorSessionControllerOptions {
  /** The server URL the element was configured with; empty until set. */
  server: () => string;
}

export class OperatorSessionController implements ReactiveController {
  session: OperatorSession | undefined;
  readonly #host: ReactiveControllerHost;
  readonly #opts: OperatorSessionControllerOptions;
  #server = '';

  constructor(host: ReactiveControllerHost, opts: OperatorSessionControllerOptions) {
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
    this.session = new OperatorSession({ server });
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
