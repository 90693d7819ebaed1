/**
 * Events the elements fire. All bubble and cross shadow roots; requests the host page may
 * veto (open, close) are cancelable: call preventDefault() to stop them.
 */
import type { ChatMessage } from '../../../server/src/protocol/index.js';
import type { ProactiveOffer } from '../../../server/src/protocol/proactive.js';

const init = <D>(detail: D, cancelable = false): CustomEventInit<D> => ({ detail, bubbles: true, composed: true, cancelable });

export class ChatReadyEvent extends CustomEvent<{ readonly visitorId: number }> {
  static readonly type = 'chat-ready';
  constructor(visitorId: number) {
    super(ChatReadyEvent.type, init({ visitorId }));
  }
}

export class ChatOpenEvent extends CustomEvent<{ readonly source: 'user' | 'api' }> {
  static readonly type = 'chat-open';
  constructor(source: 'user' | 'api') {
    super(ChatOpenEvent.type, init({ source }, true));
  }
}

export class ChatCloseEvent extends CustomEvent<{ readonly source: 'user' | 'api' }> {
  static readonly type = 'chat-close';
  constructor(source: 'user' | 'api') {
    super(ChatCloseEvent.type, init({ source }, true));
  }
}

/** A message from an operator arrived (not fired for history). */
export class ChatMessageEvent extends CustomEvent<{ readonly message: ChatMessage }> {
  static readonly type = 'chat-message';
  constructor(message: ChatMessage) {
    super(ChatMessageEvent.type, init({ message }));
  }
}

export class ChatUnreadCountEvent extends CustomEvent<{ readonly count: number }> {
  static readonly type = 'chat-unread-count';
  constructor(count: number) {
    super(ChatUnreadCountEvent.type, init({ count }));
  }
}

/** A proactive message was shown to the visitor: as the bubble above the launcher, or in an open window. */
export class ChatProactiveShownEvent extends CustomEvent<{ readonly messageId: number; readonly deliveryId: number; readonly text: string }> {
  static readonly type = 'chat-proactive-shown';
  constructor({ messageId, deliveryId, text }: ProactiveOffer) {
    super(ChatProactiveShownEvent.type, init({ messageId, deliveryId, text }));
  }
}

/** Fired by a <chat-window> inside a launcher when the visitor asks to close it. */
export class ChatDismissEvent extends CustomEvent<Record<string, never>> {
  static readonly type = 'chat-dismiss';
  constructor() {
    super(ChatDismissEvent.type, init({}));
  }
}

declare global {
  interface HTMLElementEventMap {
    'chat-ready': ChatReadyEvent;
    'chat-open': ChatOpenEvent;
    'chat-close': ChatCloseEvent;
    'chat-message': ChatMessageEvent;
    'chat-unread-count': ChatUnreadCountEvent;
    'chat-dismiss': ChatDismissEvent;
    'chat-proactive-shown': ChatProactiveShownEvent;
  }
}
