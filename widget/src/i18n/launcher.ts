/** The few strings the launcher needs, kept apart so the launcher chunk does not carry the window's. */
import type { Locale } from './index.js';

export interface LauncherStrings {
  openChat: string;
  closeChat: string;
  unread: (n: number) => string;
}

export const launcherStrings: Record<Locale, LauncherStrings> = {
  en: {
    openChat: 'Open chat',
    closeChat: 'Close chat',
    unread: (n) => (n === 1 ? '1 unread message' : `${n} unread messages`),
  },
  ko: {
    openChat: '채팅 열기',
    closeChat: '채팅 닫기',
    unread: (n) => `읽지 않은 메시지 ${n}개`,
  },
  fr: {
    openChat: 'Ouvrir le chat',
    closeChat: 'Fermer le chat',
    unread: (n) => (n === 1 ? '1 message non lu' : `${n} messages non lus`),
  },
};
