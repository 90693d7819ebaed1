/** Team chat rules: channel names, finding @mentions and #channels in text, and whom a mention reaches. */
import { describe, expect, it } from 'vitest';
import { channelNameProblem, cleanChannelName, excerpt, mentionedOperators, mentionHandle, mentionMatches, textParts } from '../../server/src/domain/team.js';

const team = [
  { id: 1, name: 'Alex' },
  { id: 2, name: 'Sam Lee' },
  { id: 3, name: 'Sam Park' },
  { id: 4, name: '김민수' },
];
const names = (text: string, authorId = 1) => mentionedOperators(text, team, authorId).map((o) => o.name);

describe('channel names', () => {
  it('accepts lowercase letters, digits, "-" and "_" up to 40 characters', () => {
    for (const name of ['general', 'sales-eu', 'tier_2', '42', 'a', 'x'.repeat(40)]) expect(channelNameProblem(name), name).toBeNull();
  });

  it('refuses an empty name, a long one, capitals, spaces and other signs, saying why', () => {
    expect(channelNameProblem('')).toBe('A channel needs a name');
    expect(channelNameProblem('x'.repeat(41))).toBe('A channel name is at most 40 characters');
    for (const name of ['General', 'sales eu', 'café', 'a.b', '#general', 'a/b']) {
      expect(channelNameProblem(name), name).toMatch(/only lowercase letters, digits, "-" and "_"/);
    }
  });

  it('reads a typed name without surrounding spaces or a leading #', () => {
    expect(cleanChannelName('  #support ')).toBe('support');
    expect(cleanChannelName('##x')).toBe('#x');
  });
});

describe('finding @mentions and #channels', () => {
  it('splits text into plain runs, mentions and channels that join back to the text', () => {
    const text = '@sam see #general, then ask (@Alex) about #Sales-EU.';
    const parts = textParts(text);
    expect(parts.map((p) => p.text).join('')).toBe(text);
    expect(parts.filter((p) => p.kind !== 'text')).toEqual([
      { kind: 'mention', text: '@sam', name: 'sam' },
      { kind: 'channel', text: '#general', name: 'general' },
      { kind: 'mention', text: '@Alex', name: 'Alex' },
      { kind: 'channel', text: '#Sales-EU', name: 'sales-eu' },
    ]);
  });

  it('does not read an email address, a page anchor or a hashtag in a word as a mention or a channel', () => {
    for (const text of ['write to sam@demo.test', 'see https://shop.test/faq#returns', 'order A#12', 'a@b']) {
      expect(textParts(text).every((p) => p.kind === 'text'), text).toBe(true);
    }
  });

  it('finds names in other scripts, and ends a name before a full stop', () => {
    expect(textParts('@김민수 hi').find((p) => p.kind === 'mention')).toEqual({ kind: 'mention', text: '@김민수', name: '김민수' });
    expect(textParts('thanks @sam.').find((p) => p.kind === 'mention')?.text).toBe('@sam');
    expect(textParts('thanks @sam.lee').find((p) => p.kind === 'mention')?.text).toBe('@sam.lee');
  });
});

describe('whom a mention reaches', () => {
  it('matches the first name or the whole name, ignoring case, spaces, ".", "_" and "-"', () => {
    for (const m of ['sam', 'Sam', 'SAM', 'samlee', 'sam.lee', 'sam_lee', 'Sam-Lee']) expect(mentionMatches(m, 'Sam Lee'), m).toBe(true);
    for (const m of ['lee', 'sa', 'samlees', 'alex']) expect(mentionMatches(m, 'Sam Lee'), m).toBe(false);
  });

  it('@sam reaches every Sam; @sam.lee only Sam Lee', () => {
    expect(names('@sam can you look?')).toEqual(['Sam Lee', 'Sam Park']);
    expect(names('@sam.lee can you look?')).toEqual(['Sam Lee']);
    expect(names('@김민수 확인 부탁해요')).toEqual(['김민수']);
  });

  it('reaches no one for the author themselves, an unknown name, or text without a mention', () => {
    expect(names('@alex note to self', 1)).toEqual([]);
    expect(names('@jordan are you there?')).toEqual([]);
    expect(names('mail sam@demo.test about it')).toEqual([]);
  });

  it('reaches each operator once however often they are named', () => {
    expect(names('@sam.lee @Sam.Lee @samlee')).toEqual(['Sam Lee']);
  });
});

describe('excerpt', () => {
  it('is one line of at most 140 characters', () => {
    expect(excerpt('  line one\n\nline two ')).toBe('line one line two');
    const long = excerpt('x'.repeat(300));
    expect([...long]).toHaveLength(140);
    expect(long.endsWith('…')).toBe(true);
  });
});

describe('the handle the @ picker writes', () => {
  const withKim = [...team, { id: 5, name: 'Kim Ha-eun' }, { id: 6, name: '  Jordan   de la Cruz ' }];
  const handle = (id: number) => mentionHandle(withKim.find((o) => o.id === id)!, withKim);

  it('is the first name when no one else on the team has it, otherwise the full name without spaces', () => {
    expect(handle(1)).toBe('Alex');
    expect(handle(5)).toBe('Kim');
    expect(handle(2)).toBe('SamLee');
    expect(handle(3)).toBe('SamPark');
    expect(handle(4)).toBe('김민수');
    expect(handle(6)).toBe('Jordan');
    expect(mentionHandle({ id: 7, name: 'sam ortiz' }, [{ id: 2, name: 'Sam Lee' }]), 'first names compare without case').toBe('samortiz');
  });

  it('reaches exactly that operator when written after "@"', () => {
    for (const o of withKim) {
      const written = `thanks @${handle(o.id)} for the help`;
      expect(mentionedOperators(written, withKim, 0).map((m) => m.id), written).toEqual([o.id]);
    }
  });
});

