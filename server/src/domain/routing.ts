/**
 * Routing: which operators may get a waiting chat (its department's members, never the one who
 * just passed it on), the queue's order, and whether a transfer or an invitation is allowed.
 * Pure: the facts are passed in.
 */
import { available, chooseOperator, type OperatorFacts } from './availability.js';

export interface DepartmentFacts {
  id: number;
  name: string;
  operatorIds: readonly number[];
}

/** What routing needs of a waiting chat. */
export interface RoutedChat {
  id: number;
  /** Its place in the queue: when it started, or when it was last transferred to a department. */
  queuedAt: number;
  departmentId: number | null;
  /** The operator who transferred it away; it is not given straight back to them. */
  passedBy: number | null;
}

/** First in, first out: by place in the queue, then by id. A transfer to a department goes to the bottom. */
export function queueOrder<T extends Pick<RoutedChat, 'id' | 'queuedAt'>>(chats: readonly T[]): T[] {
  return [...chats].sort((a, b) => a.queuedAt - b.queuedAt || a.id - b.id);
}

/** The operators who may be given a chat: its department's members (everyone when it has none), except whoever passed it on. */
export function eligible<O extends Pick<OperatorFacts, 'id'>>(chat: Pick<RoutedChat, 'departmentId' | 'passedBy'>, operators: readonly O[], departments: readonly DepartmentFacts[]): O[] {
  const department = chat.departmentId === null ? null : departments.find((d) => d.id === chat.departmentId);
  return operators.filter((o) => o.id !== chat.passedBy && (!department || department.operatorIds.includes(o.id)));
}

/** Automatic distribution of one chat: the least busy available operator of its department with room. */
export function routeChat(chat: Pick<RoutedChat, 'departmentId' | 'passedBy'>, operators: readonly OperatorFacts[], departments: readonly DepartmentFacts[]): number | null {
  return chooseOperator(eligible(chat, operators, departments));
}

export type TransferTarget = { operatorId: number } | { departmentId: number };

export interface TransferFacts {
  /** The operator transferring or inviting. */
  me: number;
  mode: 'transfer' | 'invite';
  to: TransferTarget;
  operators: ReadonlyArray<OperatorFacts & { name: string }>;
  departments: readonly DepartmentFacts[];
  /** Operators already in the chat: the one serving it and any invited. */
  inChat: readonly number[];
}

export interface Refusal {
  code: 'NOT_FOUND' | 'CONFLICT' | 'BAD_REQUEST';
  message: string;
}

const STATUS_WORDS: Record<string, string> = { break: 'on a break', meal: 'on a meal break', offline: 'offline' };

/**
 * Whether a transfer or invitation may go ahead; null when it may. To an operator: they must exist
 * and be available. To a department: it must exist, and to one's own department only when another
 * of its operators is available to take the chat. Invitations go to operators only.
 */
export function transferRefusal(f: TransferFacts): Refusal | null {
  if ('operatorId' in f.to) {
    const target = f.operators.find((o) => o.id === (f.to as { operatorId: number }).operatorId);
    if (!target) return { code: 'NOT_FOUND', message: `Operator ${f.to.operatorId} not found` };
    if (target.id === f.me) {
      return { code: 'BAD_REQUEST', message: f.mode === 'invite' ? 'You are already in this chat; invite someone else' : 'You cannot transfer a chat to yourself' };
    }
    // An invited operator can be handed the chat, but not invited twice.
    if (f.mode === 'invite' && f.inChat.includes(target.id)) return { code: 'CONFLICT', message: `${target.name} is already in this chat` };
    if (!available(target)) {
      const why = !target.connected ? 'offline' : (STATUS_WORDS[target.status] ?? target.status);
      return { code: 'CONFLICT', message: `${target.name} is ${why} and cannot take this chat` };
    }
    return null;
  }
  if (f.mode === 'invite') return { code: 'BAD_REQUEST', message: 'Invite an operator; a chat can be transferred to a department' };
  const department = f.departments.find((d) => d.id === (f.to as { departmentId: number }).departmentId);
  if (!department) return { code: 'NOT_FOUND', message: `Department ${f.to.departmentId} not found` };
  if (department.operatorIds.includes(f.me)) {
    const others = f.operators.filter((o) => o.id !== f.me && department.operatorIds.includes(o.id) && available(o));
    if (!others.length) return { code: 'CONFLICT', message: `No one else in ${department.name} is online to take this chat` };
  }
  return null;
}

/** Who serves a chat after its operator leaves: the first invited operator, or nobody (it waits in the queue). */
export function nextOwner(guests: ReadonlyArray<{ id: number }>, leaving: number): number | null {
  return guests.find((g) => g.id !== leaving)?.id ?? null;
}
