/**
 * Gives an element a session with the chat server (operator panel, admin): opened when the
 * element connects (once `server` is set), closed when it disconnects, re-opened if `server`
 * changes. Re-renders the host on every change of the session.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export interface ServerSession extends EventTarget {
  close(): void;
}

export interface ServerSessionControllerOptions<S extends ServerSession> {
  /** The server URL the element was configured with; empty until set. */
  server: () => string;
  open: (server: string) => S;
}

export class ServerSessionController<S extends ServerSession> implements ReactiveController {
  session: S | undefined;
  readonly #host: ReactiveControllerHost;
  readonly #opts: ServerSessionControllerOptions<S>;
  #server = '';

  constructor(host: ReactiveControllerHost, opts: ServerSessionControllerOptions<S>) {
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
    this.session = this.#opts.open(server);
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
