// @engine-neutral
/**
 * The server's words in every language it speaks, without a Strapi: the hosted page's messages and
 * the built-in email templates say the same things as the English ones, with the same
 * placeholders; and the rules that pick a language from `?lang=` and Accept-Language.
 */
import { JOIN_PAGE_LOCALES, JOIN_PAGE_MESSAGES, type JoinPageMessages } from '../../server/src/views/join-page-messages';
import { ACCEPT_PAGE_MESSAGES, type AcceptPageMessages } from '../../server/src/views/accept-page-messages';
import { CODE_PAGE_MESSAGES } from '../../server/src/views/code-page-messages';
import { LANGUAGE_NAMES, TEMPLATE_VARIABLES } from '../../shared';
import { BUILT_IN_LOCALES, BUILT_IN_TEMPLATES } from '../../server/src/email/templates';
import { BUILT_IN_DECLINE_TEMPLATES } from '../../server/src/email/decline-templates';
import { PLACEHOLDERS, placeholdersIn, renderTemplate } from '../../server/src/email/render';
import { matchLanguage, negotiateLanguage, parseAcceptLanguage } from '../../server/src/utils/language';

const SEVEN = ['en', 'fr', 'de', 'es', 'it', 'pt-BR', 'nl'];
const OTHERS = JOIN_PAGE_LOCALES.filter((locale) => locale !== 'en');

/** A message of the page as text: the two that take values are given sample ones. */
const textOf = (messages: JoinPageMessages, key: keyof JoinPageMessages) => {
  const message = messages[key];
  if (key === 'expiresOn') return (message as JoinPageMessages['expiresOn'])('SAMPLE-DATE');
  if (key === 'emailDomainsHint') return (message as JoinPageMessages['emailDomainsHint'])(['a.example', '*.b.example']);
  return message as string;
};

describe('the hosted page’s messages', () => {
  const keys = Object.keys(JOIN_PAGE_MESSAGES.en) as (keyof JoinPageMessages)[];

  test('the page speaks the seven languages, each named in itself', () => {
    expect([...JOIN_PAGE_LOCALES]).toEqual(SEVEN);
    expect(Object.keys(JOIN_PAGE_MESSAGES)).toEqual(SEVEN);
    expect(Object.keys(LANGUAGE_NAMES)).toEqual(SEVEN);
  });

  test.each(OTHERS)('%s has every message of the English, no other, none empty', (locale) => {
    const messages = JOIN_PAGE_MESSAGES[locale];
    expect(Object.keys(messages).sort()).toEqual([...keys].sort());
    const empty = keys.filter((key) => textOf(messages, key).trim() === '');
    expect(empty).toEqual([]);
  });

  test.each(OTHERS)('%s puts the values in: the date and each domain, with the note on *', (locale) => {
    const messages = JOIN_PAGE_MESSAGES[locale];
    expect(textOf(messages, 'expiresOn')).toContain('SAMPLE-DATE');
    const hint = textOf(messages, 'emailDomainsHint');
    expect(hint).toContain('a.example, *.b.example (*');
    expect(messages.emailDomainsHint(['a.example'])).not.toContain('(*');
  });

  test.each(OTHERS)('%s is a translation: its messages are not the English ones', (locale) => {
    const same = keys.filter((key) => textOf(JOIN_PAGE_MESSAGES[locale], key) === textOf(JOIN_PAGE_MESSAGES.en, key));
    // "Email", "Password" may be the same word in a language; sentences may not.
    expect(same.filter((key) => textOf(JOIN_PAGE_MESSAGES.en, key).includes(' '))).toEqual([]);
  });
});

describe('the messages of the page where members accept a link', () => {
  const keys = Object.keys(ACCEPT_PAGE_MESSAGES.en) as (keyof AcceptPageMessages)[];
  /** Each message as text, those that take values given sample ones (which must all appear). */
  const textOf = (messages: AcceptPageMessages, key: keyof AcceptPageMessages) => {
    const samples: Partial<Record<keyof AcceptPageMessages, () => string>> = {
      confirmText: () =>
        `${messages.confirmText('SAMPLE-USER', 'SAMPLE-FROM', 'SAMPLE-TO')} / ${messages.confirmText('SAMPLE-USER', null, 'SAMPLE-TO')}`,
      acceptedText: () => messages.acceptedText('SAMPLE-ROLE'),
      sameRole: () => messages.sameRole('SAMPLE-ROLE'),
      emailDomain: () => messages.emailDomain(['a.example', 'b.example']),
    };
    return samples[key]?.() ?? (messages[key] as string);
  };

  test('are in the seven languages, each with every message of the English, none the English one', () => {
    expect(Object.keys(ACCEPT_PAGE_MESSAGES)).toEqual(SEVEN);
    for (const locale of OTHERS) {
      const messages = ACCEPT_PAGE_MESSAGES[locale];
      expect(Object.keys(messages).sort()).toEqual([...keys].sort());
      expect(keys.filter((key) => textOf(messages, key).trim() === '')).toEqual([]);
      expect(keys.filter((key) => textOf(messages, key) === textOf(ACCEPT_PAGE_MESSAGES.en, key))).toEqual([]);
    }
  });

  test.each(SEVEN)('%s puts every value in', (locale) => {
    const messages = ACCEPT_PAGE_MESSAGES[locale as keyof typeof ACCEPT_PAGE_MESSAGES];
    expect(textOf(messages, 'confirmText').match(/SAMPLE-USER/g)).toHaveLength(2);
    expect(textOf(messages, 'confirmText')).toContain('SAMPLE-FROM');
    expect(textOf(messages, 'confirmText').match(/SAMPLE-TO/g)).toHaveLength(2);
    expect(textOf(messages, 'acceptedText')).toContain('SAMPLE-ROLE');
    expect(textOf(messages, 'sameRole')).toContain('SAMPLE-ROLE');
    expect(textOf(messages, 'emailDomain')).toContain('a.example, b.example');
  });
});

test('the code page speaks the seven languages, each message translated', () => {
  expect(Object.keys(CODE_PAGE_MESSAGES)).toEqual(SEVEN);
  const keys = Object.keys(CODE_PAGE_MESSAGES.en);
  for (const locale of OTHERS) {
    const messages = CODE_PAGE_MESSAGES[locale];
    expect(Object.keys(messages).sort()).toEqual([...keys].sort());
    const untranslated = keys.filter(
      (key) => messages[key as keyof typeof messages] === CODE_PAGE_MESSAGES.en[key as keyof typeof messages]
    );
    expect(untranslated).toEqual([]);
  }
});

/** The parts of each shipped template that carry words (the decline answer offers no message to prefill). */
const TEMPLATE_SETS = [
  ['the built-in email templates', BUILT_IN_TEMPLATES, ['subject', 'message', 'text', 'html']],
  ['the built-in answers to a declined access request', BUILT_IN_DECLINE_TEMPLATES, ['subject', 'text', 'html']],
] as const;

describe.each(TEMPLATE_SETS)('%s', (_name, templates, parts) => {
  test('are shipped in the seven languages', () => {
    expect([...BUILT_IN_LOCALES]).toEqual(SEVEN);
    expect(Object.keys(templates).sort()).toEqual([...SEVEN].sort());
  });

  test.each(SEVEN)('%s: each part uses the placeholders the English one does, and only known ones', (locale) => {
    for (const part of parts) {
      const used = [...new Set(placeholdersIn(templates[locale][part]))].sort();
      expect([part, used]).toEqual([part, [...new Set(placeholdersIn(templates.en[part]))].sort()]);
      expect(used.filter((name) => !(PLACEHOLDERS as readonly string[]).includes(name))).toEqual([]);
    }
  });

  test.each(SEVEN)('%s: the HTML part says its language and renders with no tag left', (locale) => {
    const template = templates[locale];
    expect(template.html).toContain(`<html lang="${locale}">`);
    const values = {
      siteName: 'Site',
      senderName: 'Ada',
      link: 'https://example.com/j/x',
      expiresAt: 'SOON',
      message: 'Hi',
      subject: 'S',
    };
    for (const part of parts) expect(renderTemplate(template[part], values)).not.toMatch(/\{\{|\}\}/);
  });

  test.each(SEVEN.filter((locale) => locale !== 'en'))('%s is a translation of every sentence', (locale) => {
    const template = templates[locale];
    for (const part of parts) expect([part, template[part]]).not.toEqual([part, templates.en[part]]);
  });
});

test('the answer to a declined access request uses only the variables its kind allows, and no link', () => {
  const allowed: readonly string[] = TEMPLATE_VARIABLES['access-request-declined'].body;
  for (const template of Object.values(BUILT_IN_DECLINE_TEMPLATES)) {
    expect(placeholdersIn(template.text).filter((name) => !allowed.includes(name))).toEqual([]);
    expect(
      placeholdersIn(template.subject).filter(
        (name) => !TEMPLATE_VARIABLES['access-request-declined'].subject.includes(name as 'siteName')
      )
    ).toEqual([]);
  }
});

describe('picking a language', () => {
  const pick = (options: { explicit?: unknown; acceptLanguage?: string }) =>
    negotiateLanguage(JOIN_PAGE_LOCALES, 'en', options).locale;

  test('a tag matches exactly, without case, else through its primary language', () => {
    expect(matchLanguage(JOIN_PAGE_LOCALES, 'pt-br')).toBe('pt-BR');
    expect(matchLanguage(JOIN_PAGE_LOCALES, 'de-AT')).toBe('de');
    expect(matchLanguage(JOIN_PAGE_LOCALES, 'pt')).toBe('pt-BR');
    expect(matchLanguage(JOIN_PAGE_LOCALES, 'pt-PT')).toBe('pt-BR');
    expect(matchLanguage(JOIN_PAGE_LOCALES, 'NL-be')).toBe('nl');
    expect(matchLanguage(JOIN_PAGE_LOCALES, 'ja')).toBeUndefined();
    expect(matchLanguage(JOIN_PAGE_LOCALES, '')).toBeUndefined();
  });

  test('Accept-Language: ranges by q-value, the header’s order among equals, q=0 and malformed ones left out', () => {
    expect(parseAcceptLanguage('fr;q=0.5, de-AT, es;q=0.8')).toEqual(['de-AT', 'es', 'fr']);
    expect(parseAcceptLanguage('it, nl')).toEqual(['it', 'nl']);
    expect(parseAcceptLanguage('de;q=0, fr;q=2, es;q=abc, <x>, nl;Q=0.1')).toEqual(['nl']);
    expect(parseAcceptLanguage(undefined)).toEqual([]);
    expect(parseAcceptLanguage('')).toEqual([]);
  });

  test('?lang= first, then the browser’s preferences, else English', () => {
    expect(pick({ explicit: 'es', acceptLanguage: 'de' })).toBe('es');
    expect(pick({ explicit: 'xx', acceptLanguage: 'ja, nl;q=0.9, de;q=0.8' })).toBe('nl');
    expect(pick({ explicit: ['de', 'fr'], acceptLanguage: 'it' })).toBe('it');
    expect(pick({ acceptLanguage: 'ja, zh;q=0.9' })).toBe('en');
    expect(pick({ acceptLanguage: 'ja, *;q=0.5, de;q=0.1' })).toBe('en');
    expect(pick({ acceptLanguage: 'pt-PT, en;q=0.5' })).toBe('pt-BR');
    expect(pick({})).toBe('en');
    expect(negotiateLanguage(JOIN_PAGE_LOCALES, 'en', { explicit: 'DE' })).toEqual({ locale: 'de', explicit: true });
    expect(negotiateLanguage(JOIN_PAGE_LOCALES, 'en', { explicit: 'xx', acceptLanguage: 'fr' })).toEqual({
      locale: 'fr',
      explicit: false,
    });
  });
});
