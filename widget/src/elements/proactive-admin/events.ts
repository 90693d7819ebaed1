/** Events the admin's parts fire to the shell. They bubble and cross shadow roots. */
import type { ProactiveMessage, Rule } from '../../../../server/src/protocol/proactive.js';

const init = <D>(detail: D): CustomEventInit<D> => ({ detail, bubbles: true, composed: true });

/** The rule builder's rule changed (every edit, so the editor and its preview stay current). */
export class ChatRuleChangeEvent extends CustomEvent<{ readonly rule: Rule }> {
  static readonly type = 'chat-rule-change';
  constructor(rule: Rule) {
    super(ChatRuleChangeEvent.type, init({ rule }));
  }
}

/** The editor is done: `saved` is the stored message, or null when the marketer cancelled. */
export class ChatEditorDoneEvent extends CustomEvent<{ readonly saved: ProactiveMessage | null; readonly created: boolean }> {
  static readonly type = 'chat-editor-done';
  constructor(saved: ProactiveMessage | null, created: boolean) {
    super(ChatEditorDoneEvent.type, init({ saved, created }));
  }
}

/** A part asks the shell to show another of its views (e.g. availability links to business hours). */
export class ChatAdminNavigateEvent extends CustomEvent<{ readonly view: 'messages' | 'simulator' | 'settings' | 'availability' }> {
  static readonly type = 'chat-admin-navigate';
  constructor(view: 'messages' | 'simulator' | 'settings' | 'availability') {
    super(ChatAdminNavigateEvent.type, init({ view }));
  }
}

declare global {
  interface HTMLElementEventMap {
    'chat-rule-change': ChatRuleChangeEvent;
    'chat-editor-done': ChatEditorDoneEvent;
    'chat-admin-navigate': ChatAdminNavigateEvent;
  }
}
