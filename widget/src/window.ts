/** <chat-window> on its own, for pages that show the messenger inline (e.g. a contact page). */
import './elements/chat-window/chat-window.js';

export { ChatWindow } from './elements/chat-window/chat-window.js';
export * from './events/index.js';
export type { VisitorAttributes } from './controllers/session.js';
