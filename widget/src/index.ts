/**
 * The embed. Registers <chat-launcher> (guarded, so loading the bundle twice is harmless);
 * <chat-window> is a separate chunk, loaded on first open or when the page already has one.
 */
import './elements/chat-launcher/chat-launcher.js';

export { ChatLauncher } from './elements/chat-launcher/chat-launcher.js';
export * from './events/index.js';
export type { VisitorAttributes } from './controllers/session.js';

/** Loads <chat-window> for pages that embed it inline. */
export function loadChatWindow(): Promise<unknown> {
  return import('./elements/chat-window/chat-window.js');
}

if (typeof document !== 'undefined' && document.querySelector('chat-window')) void loadChatWindow();
