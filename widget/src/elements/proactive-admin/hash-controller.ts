/**
 * Follows the page address's fragment (e.g. `#tickets/12` from an operator's ticket link) while
 * the host is connected: once when it connects, then on every `hashchange`. The listener is
 * added on connect and removed on disconnect, never at import time.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export class HashController implements ReactiveController {
  readonly #onHash: (hash: string) => void;

  constructor(host: ReactiveControllerHost, onHash: (hash: string) => void) {
    this.#onHash = onHash;
    host.addController(this);
  }

  hostConnected(): void {
    globalThis.addEventListener?.('hashchange', this.#handle);
    this.#handle();
  }

  hostDisconnected(): void {
    globalThis.removeEventListener?.('hashchange', this.#handle);
  }

  /** Drops the fragment from the address (without a reload or a history entry), once it is followed. */
  clear(): void {
    const loc = globalThis.location;
    if (loc?.hash) globalThis.history?.replaceState(globalThis.history.state, '', `${loc.pathname}${loc.search}`);
  }

  #handle = (): void => {
    this.#onHash(globalThis.location?.hash ?? '');
  };
}
