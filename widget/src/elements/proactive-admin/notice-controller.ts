/**
 * A short confirmation ("“Welcome” is live") that disappears after a few seconds. The timer
 * lives here, not in the element, and is cleared when the element disconnects.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export class NoticeController implements ReactiveController {
  text = '';
  readonly #host: ReactiveControllerHost;
  readonly #ms: number;
  #timer?: ReturnType<typeof setTimeout>;

  constructor(host: ReactiveControllerHost, ms = 6_000) {
    this.#host = host;
    this.#ms = ms;
    host.addController(this);
  }

  show(text: string): void {
    clearTimeout(this.#timer);
    this.text = text;
    this.#host.requestUpdate();
    this.#timer = setTimeout(() => this.clear(), this.#ms);
  }

  clear(): void {
    clearTimeout(this.#timer);
    if (!this.text) return;
    this.text = '';
    this.#host.requestUpdate();
  }

  hostDisconnected(): void {
    clearTimeout(this.#timer);
    this.text = '';
  }
}
