/** In-process publish/subscribe by topic. Events are published only after their write has committed. */
export type Listener<E> = (event: E) => void;

export class Hub<E> {
  readonly #topics = new Map<string, Set<Listener<E>>>();

  on(topic: string, listener: Listener<E>): () => void {
    let set = this.#topics.get(topic);
    if (!set) this.#topics.set(topic, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.#topics.delete(topic);
    };
  }

  emit(topic: string, event: E): void {
    for (const listener of this.#topics.get(topic) ?? []) listener(event);
  }

  listenerCount(topic: string): number {
    return this.#topics.get(topic)?.size ?? 0;
  }
}
