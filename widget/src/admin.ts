/**
 * <proactive-admin>: the marketer admin for proactive messages, a bundle of its own
 * (dist/admin.js). Its parts (editor, rule builder, simulator, business hours) register
 * themselves when imported; every registration is guarded, so loading the bundle twice is harmless.
 */
import { ProactiveAdmin } from './elements/proactive-admin/proactive-admin.js';

export { ProactiveAdmin };
export { AdminError, AdminSession } from './client/admin-session.js';
export { ChatEditorDoneEvent, ChatRuleChangeEvent } from './elements/proactive-admin/events.js';

if (!customElements.get('proactive-admin')) customElements.define('proactive-admin', ProactiveAdmin);

declare global {
  interface HTMLElementTagNameMap {
    'proactive-admin': ProactiveAdmin;
  }
}
