/** The few strings the launcher needs, kept apart so the launcher chunk does not carry the window's. */
import type { Locale } from './index.js';

export interface LauncherStrings {
  openChat: string;
  closeChat: string;
  unread: (n: number) => string;
  /** The proactive bubble's button: its accessible name. */
  openMessage: (sender: string, text: string) => string;
  /** What screen readers announce when the bubble appears. */
  newMessage: (sender: string, text: string) => string;
  /** The X on the bubble. */
  dismiss: string;
  /** Added to the button's name outside business hours, when the account shows "away". */
  away: string;
}

export const launcherStrings: Record<Locale, LauncherStrings> = {
  en: {
    openChat: 'Open chat',
    closeChat: 'Close chat',
    unread: (n) => (n === 1 ? '1 unread message' : `${n} unread messages`),
    openMessage: (sender, text) => `Open message from ${sender}: ${text}`,
    newMessage: (sender, text) => `New message from ${sender}: ${text}`,
    dismiss: 'Dismiss',
    away: 'we are away',
  },
  ko: {
    openChat: '채팅 열기',
    closeChat: '채팅 닫기',
    unread: (n) => `읽지 않은 메시지 ${n}개`,
    openMessage: (sender, text) => `${sender} 님의 메시지 열기: ${text}`,
    newMessage: (sender, text) => `${sender} 님의 새 메시지: ${text}`,
    dismiss: '닫기',
    away: '지금은 부재중',
  },
  fr: {
    openChat: 'Ouvrir le chat',
    closeChat: 'Fermer le chat',
    unread: (n) => (n === 1 ? '1 message non lu' : `${n} messages non lus`),
    openMessage: (sender, text) => `Ouvrir le message de ${sender} : ${text}`,
    newMessage: (sender, text) => `Nouveau message de ${sender} : ${text}`,
    dismiss: 'Ignorer',
    away: 'nous sommes absents',
  },
};
