/**
 * Routing, pure domain: who gets a waiting chat in automatic distribution (the least busy
 * available member of its department with room, never the operator who passed it on), the
 * queue's order, whether a transfer or an invitation may go ahead and why not, and who serves
 * a chat after its operator leaves.
 */
import { describe, expect, it } from 'vitest';
import type { OperatorFacts } from '../../server/src/domain/availability.js';
import {
  eligible,
  nextOwner,
  queueOrder,
  routeChat,
  transferRefusal,
  type DepartmentFacts,
  type TransferFacts,
} from '../../server/src/domain/routing.js';

type Operator = OperatorFacts & { name: string };

const NAMES: Record<number, string> = { 1: 'Alex', 2: 'Sam', 3: 'Kim', 4: 'Lee', 5: 'Ana' };

/** An operator who has the panel open, is online, serves no chat and has never been given one. */
function op(id: number, facts: Partial<Operator> = {}): Operator {
  return {
    id,
    name: NAMES[id] ?? `Operator ${id}`,
    status: 'online',
    connected: true,
    openChats: 0,
    capacity: 5,
    lastAssignedAt: null,
    mealIntake: false,
    ...facts,
  };
}

const SALES: DepartmentFacts = { id: 10, name: 'Sales', operatorIds: [2, 3] };
const SUPPORT: DepartmentFacts = { id: 20, name: 'Support', operatorIds: [1, 2, 4] };
const DEPARTMENTS = [SALES, SUPPORT];

const anyone = { departmentId: null, passedBy: null };
const toSales = { departmentId: SALES.id, passedBy: null };
const toSupport = { departmentId: SUPPORT.id, passedBy: null };

describe('routeChat', () => {
  it.each<[string, { departmentId: number | null; passedBy: number | null }, Operator[], number | null]>([
    [
      'the least busy member of the department, even when an operator outside it is less busy',
      toSales,
      [op(1, { openChats: 0 }), op(2, { openChats: 2 }), op(3, { openChats: 1 })],
      3,
    ],
    ['without a department, the least busy of everyone', anyone, [op(1, { openChats: 2 }), op(2, { openChats: 1 }), op(3, { openChats: 3 })], 2],
    [
      'a member at capacity is skipped for a busier one with room',
      toSales,
      [op(2, { openChats: 1, capacity: 1 }), op(3, { openChats: 3, capacity: 5 })],
      3,
    ],
    ['every member at capacity: nobody, though someone outside has room', toSales, [op(1), op(2, { openChats: 2, capacity: 2 }), op(3, { openChats: 5 })], null],
    [
      'a tie in load goes to whoever waited longest since their last chat',
      toSales,
      [op(2, { openChats: 1, lastAssignedAt: 2_000 }), op(3, { openChats: 1, lastAssignedAt: 1_000 })],
      3,
    ],
    [
      'a tie in load goes to a member who never had a chat over one who had',
      toSales,
      [op(2, { openChats: 1, lastAssignedAt: 1_000 }), op(3, { openChats: 1, lastAssignedAt: null })],
      3,
    ],
    [
      'members offline, on a break or with the panel closed: nobody, though someone outside is free',
      toSales,
      [op(1), op(2, { status: 'break' }), op(3, { connected: false })],
      null,
    ],
    ['a member on a meal that keeps taking chats can get one', toSales, [op(2, { status: 'meal', mealIntake: true }), op(3, { status: 'offline' })], 2],
    ['a member on a meal without intake cannot', toSales, [op(2, { status: 'meal' }), op(3, { status: 'offline' })], null],
    [
      'the operator who passed the chat on never gets it back, even when least busy',
      { departmentId: SUPPORT.id, passedBy: 1 },
      [op(1, { openChats: 0 }), op(2, { openChats: 3 }), op(4, { openChats: 4 })],
      2,
    ],
    ['passed on by the only member who could take it: nobody', { departmentId: SALES.id, passedBy: 3 }, [op(2, { status: 'offline' }), op(3)], null],
    ['passed on without a department: anyone else', { departmentId: null, passedBy: 1 }, [op(1), op(5, { openChats: 4 })], 5],
  ])('%s', (_, chat, operators, expected) => {
    expect(routeChat(chat, operators, DEPARTMENTS)).toBe(expected);
    // The order the operators are listed in does not change who gets the chat.
    expect(routeChat(chat, [...operators].reverse(), DEPARTMENTS)).toBe(expected);
  });
});

describe('eligible', () => {
  const team = [op(1), op(2), op(3), op(4), op(5)];

  it('is the members of the chat’s department, minus whoever passed it on', () => {
    expect(eligible(toSupport, team, DEPARTMENTS).map((o) => o.id)).toEqual([1, 2, 4]);
    expect(eligible({ departmentId: SUPPORT.id, passedBy: 2 }, team, DEPARTMENTS).map((o) => o.id)).toEqual([1, 4]);
  });

  it('is everyone but whoever passed it on when the chat has no department', () => {
    expect(eligible(anyone, team, DEPARTMENTS).map((o) => o.id)).toEqual([1, 2, 3, 4, 5]);
    expect(eligible({ departmentId: null, passedBy: 3 }, team, DEPARTMENTS).map((o) => o.id)).toEqual([1, 2, 4, 5]);
  });

  it('is nobody for a department without members', () => {
    expect(eligible({ departmentId: 30, passedBy: null }, team, [...DEPARTMENTS, { id: 30, name: 'Empty', operatorIds: [] }])).toEqual([]);
  });
});

describe('queueOrder', () => {
  it('is first in, first out by place in the queue, then by id', () => {
    const chats = [
      { id: 3, queuedAt: 3_000 },
      { id: 1, queuedAt: 1_000 },
      { id: 4, queuedAt: 2_000 },
      { id: 2, queuedAt: 2_000 },
    ];
    expect(queueOrder(chats).map((c) => c.id)).toEqual([1, 2, 4, 3]);
  });

  it('puts a chat transferred to a department (queued again later) below chats that were waiting before it', () => {
    // Chat 1 started first and was served; it was transferred at 5 000, after chats 2 and 3 started.
    const chats = [
      { id: 1, queuedAt: 5_000 },
      { id: 2, queuedAt: 2_000 },
      { id: 3, queuedAt: 3_000 },
      { id: 4, queuedAt: 6_000 },
    ];
    expect(queueOrder(chats).map((c) => c.id)).toEqual([2, 3, 1, 4]);
  });

  it('leaves the list it was given as it was', () => {
    const chats = [
      { id: 2, queuedAt: 2_000 },
      { id: 1, queuedAt: 1_000 },
    ];
    queueOrder(chats);
    expect(chats.map((c) => c.id)).toEqual([2, 1]);
  });
});

describe('transferRefusal', () => {
  /** Alex (1) serves the chat and asks; Sam (2), Kim (3) and Lee (4) are online with the panel open. */
  function facts(f: Partial<TransferFacts> = {}): TransferFacts {
    return { me: 1, mode: 'transfer', to: { operatorId: 2 }, operators: [op(1), op(2), op(3), op(4)], departments: DEPARTMENTS, inChat: [1], ...f };
  }

  it.each<[string, Partial<TransferFacts>, { code: string; message: unknown }]>([
    ['an operator who does not exist', { to: { operatorId: 99 } }, { code: 'NOT_FOUND', message: 'Operator 99 not found' }],
    ['to yourself', { to: { operatorId: 1 } }, { code: 'BAD_REQUEST', message: 'You cannot transfer a chat to yourself' }],
    ['an invitation to yourself', { mode: 'invite', to: { operatorId: 1 } }, { code: 'BAD_REQUEST', message: 'You are already in this chat; invite someone else' }],
    ['an operator already invited into the chat, invited again', { mode: 'invite', inChat: [1, 2] }, { code: 'CONFLICT', message: 'Sam is already in this chat' }],
    [
      'an operator who chose offline',
      { operators: [op(1), op(2, { status: 'offline' })] },
      { code: 'CONFLICT', message: 'Sam is offline and cannot take this chat' },
    ],
    [
      'an operator on a break',
      { operators: [op(1), op(2, { status: 'break' })] },
      { code: 'CONFLICT', message: 'Sam is on a break and cannot take this chat' },
    ],
    [
      'an operator on a meal that takes no chats',
      { mode: 'invite', operators: [op(1), op(2, { status: 'meal' })] },
      { code: 'CONFLICT', message: 'Sam is on a meal break and cannot take this chat' },
    ],
    [
      'an operator online but without the panel open',
      { operators: [op(1), op(2, { connected: false })] },
      { code: 'CONFLICT', message: 'Sam is offline and cannot take this chat' },
    ],
    [
      'an operator on a break without the panel open is said to be offline',
      { operators: [op(1), op(2, { status: 'break', connected: false })] },
      { code: 'CONFLICT', message: 'Sam is offline and cannot take this chat' },
    ],
    ['a department that does not exist', { to: { departmentId: 99 } }, { code: 'NOT_FOUND', message: 'Department 99 not found' }],
    [
      'your own department when its other members are not available',
      { to: { departmentId: SUPPORT.id }, operators: [op(1), op(2, { status: 'break' }), op(3), op(4, { connected: false })] },
      { code: 'CONFLICT', message: 'No one else in Support is online to take this chat' },
    ],
    [
      'your own department when you are its only member',
      { to: { departmentId: 30 }, departments: [{ id: 30, name: 'Billing', operatorIds: [1] }] },
      { code: 'CONFLICT', message: 'No one else in Billing is online to take this chat' },
    ],
    [
      'an invitation to a department',
      { mode: 'invite', to: { departmentId: SALES.id } },
      { code: 'BAD_REQUEST', message: 'Invite an operator; a chat can be transferred to a department' },
    ],
  ])('refuses %s', (_, f, refusal) => {
    expect(transferRefusal(facts(f))).toEqual(refusal);
  });

  it.each<[string, Partial<TransferFacts>]>([
    ['a transfer to an available operator', {}],
    ['an invitation to an available operator', { mode: 'invite' }],
    ['a transfer to an operator already invited into the chat (they take it over)', { inChat: [1, 2] }],
    ['a transfer to an operator on a meal that keeps taking chats', { operators: [op(1), op(2, { status: 'meal', mealIntake: true })] }],
    ['a transfer to your own department when another member is online', { to: { departmentId: SUPPORT.id }, operators: [op(1), op(2, { status: 'break' }), op(4)] }],
    ['a transfer to another department whose members are all away (the chat waits there)', { to: { departmentId: SALES.id }, operators: [op(1), op(2, { status: 'offline' }), op(3, { connected: false })] }],
    ['a transfer to another department with no members at all', { to: { departmentId: 30 }, departments: [...DEPARTMENTS, { id: 30, name: 'Empty', operatorIds: [] }] }],
  ])('allows %s', (_, f) => {
    expect(transferRefusal(facts(f))).toBeNull();
  });

  it('counts a teammate who is busy but online as someone who can take the chat in your own department', () => {
    expect(transferRefusal(facts({ to: { departmentId: SUPPORT.id }, operators: [op(1), op(2, { openChats: 5, capacity: 5 }), op(4, { status: 'offline' })] }))).toBeNull();
  });
});

describe('nextOwner', () => {
  it.each<[string, Array<{ id: number }>, number, number | null]>([
    ['the first operator invited takes over', [{ id: 3 }, { id: 2 }], 1, 3],
    ['nobody invited: nobody, and the chat waits', [], 1, null],
    ['the one leaving is never their own successor', [{ id: 1 }, { id: 4 }], 1, 4],
    ['the one leaving was the only one there: nobody', [{ id: 1 }], 1, null],
  ])('%s', (_, guests, leaving, expected) => {
    expect(nextOwner(guests, leaving)).toBe(expected);
  });
});
