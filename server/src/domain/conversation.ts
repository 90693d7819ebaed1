/** Conversation rules: who may do what in which status. Pure, no I/O. */
import type { ConversationStatus } from '../protocol/index.js';

export type ConversationAction = 'visitorWrite' | 'accept' | 'operatorWrite' | 'end';

export interface ConversationFacts {
  status: ConversationStatus;
  operatorId: number | null;
}

/** Returns null when allowed, otherwise the reason a person can read. */
export function refusal(
  c: ConversationFacts,
  action: ConversationAction,
  operatorId?: number,
): string | null {
  switch (action) {
    case 'visitorWrite':
      return c.status === 'ended' ? 'This conversation has ended' : null;
    case 'accept':
      if (c.status === 'ended') return 'This conversation has ended';
      if (c.status === 'active' && c.operatorId !== operatorId) return 'Another operator is already serving this conversation';
      return null;
    case 'operatorWrite':
      if (c.status === 'ended') return 'This conversation has ended';
      if (c.status === 'waiting') return 'Accept the conversation before replying';
      if (c.operatorId !== operatorId) return 'Another operator is serving this conversation';
      return null;
    case 'end':
      return c.status === 'ended' ? 'This conversation has already ended' : null;
  }
}

/** The name shown for a visitor who has not given one. */
export function visitorDisplayName(visitor: { id: number; name: string | null }): string {
  return visitor.name?.trim() || `Visitor ${visitor.id}`;
}

/** Ephemeral events get a cursor "<last message id>:<seq>" so a resuming stream only needs the message id. */
export function parseCursor(cursor: string | null | undefined): number {
  if (!cursor) return 0;
  const n = Number.parseInt(cursor, 10);
  return Number.isSafeInteger(n) && n > 0 ? n : 0;
}
