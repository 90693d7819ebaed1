/**
 * Gives an element of the operator panel the operator's session: re-renders the host whenever the
 * session changes and, for the Team view, tells the session's team chat while the view is on
 * screen (messages arriving in the open channel then count as read).
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { OperatorSession } from '../client/operator-session.js';

export class TeamSessionController implements ReactiveController {
  readonly #host: ReactiveControllerHost & { session?: OperatorSession };
  readonly #viewing: boolean;
  #watched: OperatorSession | undefined;

  constructor(host: ReactiveControllerHost & { session?: OperatorSession }, opts: { viewing: boolean }) {
    this.#host = host;
    this.#viewing = opts.viewing;
    host.addController(this);
  }

  hostConnected(): void {
    this.#watch();
  }

  hostUpdate(): void {
    this.#watch();
  }

  hostDisconnected(): void {
    this.#unwatch();
  }

  #watch(): void {
    const session = this.#host.session;
    if (session === this.#watched) return;
    this.#unwatch();
    this.#watched = session;
    session?.addEventListener('change', this.#onChange);
    if (this.#viewing) session?.teamChat.setViewing(true);
  }

  #unwatch(): void {
    this.#watched?.removeEventListener('change', this.#onChange);
    if (this.#viewing) this.#watched?.teamChat.setViewing(false);
    this.#watched = undefined;
  }

  #onChange = (): void => this.#host.requestUpdate();
}
