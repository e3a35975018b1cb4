import { expiryInstant, timeOfDay, toCalendarValue } from '../../admin/src/utils/dates';
import { fieldErrorsOf } from '../../admin/src/utils/errors';
import { CODE_ALPHABET, generateCode, normalizeCode } from '../../shared';
import {
  domainsOutside,
  toInvitationChanges,
  toInvitationInput,
  validateInvitationForm,
  type InvitationFormValues,
} from '../../admin/src/utils/form';

const tomorrow = () => {
  const day = new Date();
  day.setDate(day.getDate() + 1);
  return day;
};
const valid = (): InvitationFormValues => ({
  name: 'Partners',
  maxUses: 3,
  expiryDay: tomorrow(),
  expiryTime: undefined,
  role: 2,
  welcomeMessage: '',
  redirectUrl: '',
  userDefaults: {},
  allowedEmailDomains: [],
  autoApproveDomains: [],
  allowExistingAccounts: false,
  code: '',
  remindBeforeDays: undefined,
});

describe('validateInvitationForm', () => {
  test('accepts a complete form', () => {
    expect(validateInvitationForm(valid())).toEqual({});
  });

  test.each([
    ['a blank name', { name: '   ' }, { name: 'form.error.required' }],
    ['no number of invitations', { maxUses: undefined }, { maxUses: 'form.error.required' }],
    ['zero invitations', { maxUses: 0 }, { maxUses: 'form.error.maxUses' }],
    ['a fractional number', { maxUses: 1.5 }, { maxUses: 'form.error.maxUses' }],
    ['more than 100000', { maxUses: 100001 }, { maxUses: 'form.error.maxUses' }],
    ['no expiration date', { expiryDay: undefined }, { expiresAt: 'form.error.required' }],
    ['a past day', { expiryDay: new Date(2001, 0, 1) }, { expiresAt: 'form.error.past' }],
    ['a relative redirect', { redirectUrl: '/welcome' }, { redirectUrl: 'form.error.url' }],
    ['a javascript: redirect', { redirectUrl: 'javascript:alert(1)' }, { redirectUrl: 'form.error.url' }],
    [
      'an email domain that is not one',
      { allowedEmailDomains: ['example.com', 'exa mple.com'] },
      { allowedEmailDomains: 'form.error.domains' },
    ],
    [
      'an email domain written as an address',
      { allowedEmailDomains: ['a@example.com'] },
      { allowedEmailDomains: 'form.error.domains' },
    ],
    [
      'more than 50 email domains',
      { allowedEmailDomains: Array.from({ length: 51 }, (_, i) => `d${i}.example`) },
      { allowedEmailDomains: 'form.error.domainsTooMany' },
    ],
    ['a reminder 0 days before', { remindBeforeDays: 0 }, { remindBeforeDays: 'form.error.remindBeforeDays' }],
    ['a reminder more than 365 days before', { remindBeforeDays: 366 }, { remindBeforeDays: 'form.error.remindBeforeDays' }],
    ['a reminder 1.5 days before', { remindBeforeDays: 1.5 }, { remindBeforeDays: 'form.error.remindBeforeDays' }],
  ])('refuses %s', (_label, change, errors) => {
    expect(validateInvitationForm({ ...valid(), ...change })).toEqual(errors);
  });

  test('today works until the end of the day, but not at a time already gone', () => {
    const now = new Date();
    now.setHours(12, 0, 0, 0);
    const today = new Date(now.getFullYear(), now.getMonth(), now.getDate());
    expect(validateInvitationForm({ ...valid(), expiryDay: today }, now)).toEqual({});
    expect(validateInvitationForm({ ...valid(), expiryDay: today, expiryTime: '09:00' }, now)).toEqual({
      expiresAt: 'form.error.past',
    });
  });
});

describe('expiry of a picked day', () => {
  test("is the end of that day in the admin's time zone, or the time given", () => {
    const day = new Date(2030, 5, 15);
    const endOfDay = expiryInstant(day);
    expect([endOfDay.getDate(), endOfDay.getHours(), endOfDay.getMinutes(), endOfDay.getSeconds()]).toEqual([15, 23, 59, 59]);
    expect(timeOfDay(endOfDay)).toBeUndefined();
    const atNine = expiryInstant(day, '09:30');
    expect([atNine.getHours(), atNine.getMinutes()]).toEqual([9, 30]);
    expect(timeOfDay(atNine)).toBe('09:30');
  });

  test('is sent to the server as an ISO 8601 instant, with a trimmed name', () => {
    const input = toInvitationInput({ ...valid(), name: '  Partners  ', expiryDay: new Date(2030, 5, 15) });
    expect(input).toEqual({
      name: 'Partners',
      maxUses: 3,
      role: 2,
      expiresAt: expiryInstant(new Date(2030, 5, 15)).toISOString(),
      welcomeMessage: null,
      redirectUrl: null,
      userDefaults: null,
      allowedEmailDomains: null,
      autoApproveDomains: [],
      allowExistingAccounts: false,
      code: null,
      remindBeforeDays: null,
    });
    expect(toInvitationInput({ ...valid(), remindBeforeDays: 7 }).remindBeforeDays).toBe(7);
    expect(toInvitationChanges(valid(), { ...valid(), remindBeforeDays: 7 })).toEqual({ remindBeforeDays: 7 });
    expect(toInvitationChanges({ ...valid(), remindBeforeDays: 7 }, valid())).toEqual({ remindBeforeDays: null });
    expect(toInvitationChanges({ ...valid(), remindBeforeDays: 7 }, { ...valid(), remindBeforeDays: 7 })).toEqual({});
    const limited = toInvitationInput({ ...valid(), allowedEmailDomains: ['example.com', '*.example.org'] });
    expect(limited.allowedEmailDomains).toEqual(['example.com', '*.example.org']);
  });
});

test("the server's field errors are keyed by field for the form", () => {
  const error = {
    response: {
      data: {
        error: {
          message: '2 errors occurred',
          details: {
            errors: [
              { path: ['maxUses'], message: 'too low' },
              { path: ['expiresAt'], message: 'in the past' },
            ],
          },
        },
      },
    },
  };
  expect(fieldErrorsOf(error)).toEqual({ maxUses: 'too low', expiresAt: 'in the past' });
  expect(fieldErrorsOf(new Error('network'))).toEqual({});
});

test('the calendar is given the picked day at UTC midnight, whatever the time zone', () => {
  const picked = new Date(2030, 0, 31); // local midnight, as the DatePicker's onChange gives it
  expect(toCalendarValue(picked).toISOString()).toBe('2030-01-31T00:00:00.000Z');
});

test('editing sends only what changed, and accepts an untouched past expiry', () => {
  const initial = { ...valid(), expiryDay: new Date(2001, 0, 1) };
  expect(validateInvitationForm({ ...initial, name: 'Renamed' }, new Date(), initial)).toEqual({});
  expect(toInvitationChanges(initial, { ...initial, name: 'Renamed' })).toEqual({ name: 'Renamed' });
  expect(toInvitationChanges(initial, { ...initial, welcomeMessage: ' Hi ', userDefaults: { newsletter: true } })).toEqual({
    welcomeMessage: 'Hi',
    userDefaults: { newsletter: true },
  });
  const withPresets = { ...initial, userDefaults: { newsletter: true }, redirectUrl: 'https://a.example/x' };
  expect(toInvitationChanges(withPresets, { ...withPresets, userDefaults: {}, redirectUrl: '' })).toEqual({
    userDefaults: null,
    redirectUrl: null,
  });
  const limited = { ...initial, allowedEmailDomains: ['example.com'] };
  expect(toInvitationChanges(limited, { ...limited, name: 'Renamed' })).toEqual({ name: 'Renamed' });
  expect(toInvitationChanges(limited, { ...limited, allowedEmailDomains: ['example.com', '*.example.org'] })).toEqual({
    allowedEmailDomains: ['example.com', '*.example.org'],
  });
  expect(toInvitationChanges(limited, { ...limited, allowedEmailDomains: [] })).toEqual({ allowedEmailDomains: null });
  expect(validateInvitationForm({ ...initial, expiryDay: new Date(2002, 0, 1) }, new Date(), initial)).toEqual({
    expiresAt: 'form.error.past',
  });
});

describe('codes', () => {
  test('compare without case, spaces or dashes, and only 6 to 32 letters and digits make one', () => {
    expect(normalizeCode('spring-2027')).toBe('SPRING2027');
    expect(normalizeCode(' SPRING 2027 ')).toBe('SPRING2027');
    expect(normalizeCode('Spring--20 27')).toBe('SPRING2027');
    for (const notACode of ['ABC12', 'A'.repeat(33), 'SPRÎNG2027', 'SPRING_2027', 42, null])
      expect(normalizeCode(notACode)).toBeNull();
  });

  test('generated codes use every symbol of the alphabet, evenly, and nothing else', () => {
    const seen = new Map<string, number>();
    let state = 12345;
    // A fixed sequence standing for the browser's random source, so that the test is exact.
    const randomValues = (count: number) =>
      Uint32Array.from({ length: count }, () => (state = (Math.imul(state, 1664525) + 1013904223) >>> 0));
    for (let i = 0; i < 3000; i += 1) {
      const code = generateCode(randomValues);
      expect(code).toMatch(/^.{4}-.{4}-.{4}$/);
      for (const symbol of code.replace(/-/g, '')) seen.set(symbol, (seen.get(symbol) ?? 0) + 1);
    }
    expect([...seen.keys()].sort().join('')).toBe([...CODE_ALPHABET].sort().join(''));
    const counts = [...seen.values()];
    // 36,000 symbols over 31: about 1161 each.
    expect(Math.min(...counts)).toBeGreaterThan(1000);
    expect(Math.max(...counts)).toBeLessThan(1330);
  });
});

describe('Auto-approve requests from', () => {
  test('takes the allowed domains’ syntax: invalid entries and more than 50 are refused', () => {
    expect(validateInvitationForm({ ...valid(), autoApproveDomains: ['example.edu', '*.example.edu'] })).toEqual({});
    expect(validateInvitationForm({ ...valid(), autoApproveDomains: ['student@example.edu'] })).toEqual({
      autoApproveDomains: 'form.error.domains',
    });
    const many = Array.from({ length: 51 }, (_, index) => `d${index}.example.edu`);
    expect(validateInvitationForm({ ...valid(), autoApproveDomains: many })).toEqual({
      autoApproveDomains: 'form.error.domainsTooMany',
    });
  });

  test('a domain the link’s own allowed domains refuse is pointed out: its people could not sign up', () => {
    const limited = (allowed: string[], auto: string[]) =>
      validateInvitationForm({ ...valid(), allowedEmailDomains: allowed, autoApproveDomains: auto });
    expect(limited(['example.edu'], ['example.edu'])).toEqual({});
    expect(limited(['*.example.edu'], ['*.example.edu', 'cs.example.edu', '*.cs.example.edu'])).toEqual({});
    expect(limited(['*.school.org'], ['a.school.org', '*.a.school.org'])).toEqual({});
    expect(limited(['example.edu'], ['*.example.edu'])).toEqual({ autoApproveDomains: 'form.error.autoApproveOutside' });
    expect(limited(['*.example.edu'], ['example.edu'])).toEqual({ autoApproveDomains: 'form.error.autoApproveOutside' });
    expect(limited(['example.edu'], ['other.org'])).toEqual({ autoApproveDomains: 'form.error.autoApproveOutside' });
    expect(domainsOutside(['Example.EDU', '*.other.org', 'a.example.edu'], ['example.edu', '*.example.edu'])).toEqual([
      '*.other.org',
    ]);
    // No allowed domains: any address may sign up, so any domain may be approved at once.
    expect(domainsOutside(['*.other.org'], [])).toEqual([]);
  });

  test('is sent normalised, each once; an edit sends it only when it changed', () => {
    const before = { ...valid(), autoApproveDomains: ['example.edu'] };
    expect(toInvitationInput({ ...valid(), autoApproveDomains: ['Example.EDU', 'example.edu', '*.Lab.example.edu'] })).toEqual(
      expect.objectContaining({ autoApproveDomains: ['example.edu', '*.lab.example.edu'] })
    );
    expect(toInvitationChanges(before, { ...before, name: 'Other' })).toEqual({ name: 'Other' });
    expect(toInvitationChanges(before, { ...before, autoApproveDomains: [] })).toEqual({ autoApproveDomains: [] });
  });
});
