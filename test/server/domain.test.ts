import { describe, expect, it } from 'vitest';
import { parseCursor, refusal, visitorDisplayName } from '../../server/src/domain/conversation.js';
import { originAllowed } from '../../server/src/domain/origin.js';
import { DEFAULT_VISIT_GAP_MS, visitFor } from '../../server/src/domain/visits.js';
import { pickLocale } from '../../widget/src/i18n/index.js';

const MIN = 60_000;

describe('visits', () => {
  const last = { id: 7, number: 3, lastActivityAt: 1_000_000 };
  it.each([
    ['continues within the gap', last, last.lastActivityAt + 29 * MIN, { continues: true, visit: last }],
    ['starts a new visit at exactly 30 minutes', last, last.lastActivityAt + 30 * MIN, { continues: false, number: 4 }],
    ['starts a new visit after the gap', last, last.lastActivityAt + 2 * 60 * MIN, { continues: false, number: 4 }],
    ['numbers the first visit 1', null, 5, { continues: false, number: 1 }],
  ])('%s', (_name, prev, now, expected) => {
    expect(visitFor(prev, now, DEFAULT_VISIT_GAP_MS)).toEqual(expected);
  });

  it('honours a configured gap', () => {
    expect(visitFor(last, last.lastActivityAt + 11 * MIN, 10 * MIN)).toEqual({ continues: false, number: 4 });
    expect(visitFor(last, last.lastActivityAt + 9 * MIN, 10 * MIN).continues).toBe(true);
  });
});

describe('conversation rules', () => {
  const waiting = { status: 'waiting' as const, operatorId: null };
  const activeBy1 = { status: 'active' as const, operatorId: 1 };
  const ended = { status: 'ended' as const, operatorId: 1 };
  it.each([
    [waiting, 'visitorWrite', 1, null],
    [ended, 'visitorWrite', 1, 'This conversation has ended'],
    [waiting, 'accept', 1, null],
    [activeBy1, 'accept', 1, null],
    [activeBy1, 'accept', 2, 'Another operator is already serving this conversation'],
    [ended, 'accept', 1, 'This conversation has ended'],
    [waiting, 'operatorWrite', 1, 'Accept the conversation before replying'],
    [activeBy1, 'operatorWrite', 1, null],
    [activeBy1, 'operatorWrite', 2, 'Another operator is serving this conversation'],
    [ended, 'operatorWrite', 1, 'This conversation has ended'],
    [waiting, 'end', 1, null],
    [ended, 'end', 1, 'This conversation has already ended'],
  ] as const)('%o %s by operator %i → %s', (facts, action, operatorId, expected) => {
    expect(refusal(facts, action, operatorId)).toBe(expected);
  });

  it('names anonymous visitors by id', () => {
    expect(visitorDisplayName({ id: 42, name: null })).toBe('Visitor 42');
    expect(visitorDisplayName({ id: 42, name: '  ' })).toBe('Visitor 42');
    expect(visitorDisplayName({ id: 42, name: 'Mina' })).toBe('Mina');
  });

  it.each([
    [null, 0],
    ['', 0],
    ['15', 15],
    ['15:3', 15],
    ['0', 0],
  ])('cursor %o resumes after message %i', (cursor, id) => {
    expect(parseCursor(cursor)).toBe(id);
  });
});

describe('allowed origins', () => {
  it.each([
    ['https://shop.example', 'chat.example', ['https://shop.example'], true],
    ['https://shop.example', 'chat.example', ['https://shop.example/'], true],
    ['https://evil.example', 'chat.example', ['https://shop.example'], false],
    ['http://shop.example', 'chat.example', ['https://shop.example'], false],
    ['https://shop.example:8443', 'chat.example', ['https://shop.example'], false],
    ['http://chat.example', 'chat.example', [], true],
    [undefined, 'chat.example', ['*'], false],
    ['null', 'chat.example', ['https://shop.example'], false],
    ['https://anything.example', 'chat.example', ['*'], true],
  ])('%s on a server at %s allowing %o → %s', (origin, host, allowed, expected) => {
    expect(originAllowed(origin, host, allowed)).toBe(expected);
  });
});

describe('widget locale', () => {
  it.each([
    [['ko'], 'ko'],
    [['fr-CA'], 'fr'],
    [['', 'fr'], 'fr'],
    [[undefined, 'de-DE', 'ko-KR'], 'ko'],
    [['de'], 'en'],
    [[], 'en'],
  ])('%o → %s', (candidates, expected) => {
    expect(pickLocale(...candidates)).toBe(expected);
  });
});
