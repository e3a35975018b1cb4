// @engine-neutral
import fs from 'node:fs';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { async } from '@strapi/utils';
import config from '../../server/src/config';
import { validateEmailConfig, emailDefaults } from '../../server/src/config/email';
import { escapeForHtml, renderTemplate } from '../../server/src/email/render';
import {
  isEmailAddress,
  isEmailInDomains,
  normaliseDomainEntry,
  sortRecipients,
  splitDomainEntries,
  splitRecipients,
  uniqueDomainEntries,
} from '../../shared';
import { tempDir } from '../helpers/server-process';
// The playground's email provider: plain CommonJS, as Strapi loads providers.
import outbox from '../../playground/providers/email-outbox';

describe('email addresses', () => {
  test.each([
    'ada@example.com',
    'first.last+tag@sub.example.co.uk',
    "o'brien@example.ie",
    'élodie@exemple.fr',
    'x@xn--bcher-kva.example',
  ])('%s is an address', (address) => expect(isEmailAddress(address)).toBe(true));

  test.each([
    '',
    'plain',
    '@example.com',
    'ada@',
    'ada@example',
    'ada@@example.com',
    'ada@exa mple.com',
    'ada..lovelace@example.com',
    '.ada@example.com',
    'ada@-example.com',
    'ada@example.c',
    'ada@[127.0.0.1]',
    '"quoted"@example.com',
    `${'a'.repeat(65)}@example.com`,
    `ada@${'a'.repeat(250)}.com`,
    'ada@example.com\r\nBcc: x@example.com',
  ])('%j is not', (address) => expect(isEmailAddress(address)).toBe(false));

  test('pasted text splits on commas, semicolons, spaces and new lines, and keeps the address of "Name <address>"', () => {
    expect(splitRecipients('a@example.com, b@example.com;c@example.com\n\td@example.com  e@example.com')).toEqual([
      'a@example.com',
      'b@example.com',
      'c@example.com',
      'd@example.com',
      'e@example.com',
    ]);
    expect(splitRecipients('Ada Lovelace <ada@example.com>, "Hopper, Grace" <grace@example.com>\nalan@example.com')).toEqual([
      'ada@example.com',
      'grace@example.com',
      'alan@example.com',
    ]);
    expect(splitRecipients(' ,, \n ')).toEqual([]);
  });

  test('sorting trims, keeps the first spelling of each address, and sets the invalid ones apart', () => {
    expect(sortRecipients([' Ada@Example.com', 'ada@example.COM', 'nope', 'b@example.com', 'nope', ''])).toEqual({
      valid: ['Ada@Example.com', 'b@example.com'],
      invalid: ['nope', ''],
      duplicates: 2,
    });
  });
});

describe('email domains a link may be limited to', () => {
  test.each([
    ['example.com', 'example.com'],
    ['  Example.COM ', 'example.com'],
    ['*.Example.org', '*.example.org'],
    ['sub.example.co.uk', 'sub.example.co.uk'],
    ['*.co.uk', '*.co.uk'],
    ['bücher.example', 'bücher.example'],
    ['xn--bcher-kva.example', 'xn--bcher-kva.example'],
  ])('%j is the entry %j', (entry, normalised) => expect(normaliseDomainEntry(entry)).toBe(normalised));

  test.each([
    '',
    ' ',
    'com',
    '*',
    '*.',
    '*.com',
    '*.*.x.com',
    'a.*.x.com',
    '*example.com',
    '.example.com',
    'example.com.',
    'exa mple.com',
    'http://x.com',
    'x.com/path',
    'x.com:443',
    'a@b.com',
    '@example.com',
    '-example.com',
    'example-.com',
    'example.c',
    '127.0.0.1',
    '[::1]',
    'exa_mple.com',
    `${'a'.repeat(64)}.com`,
    `${'abcdefghi.'.repeat(26)}com`,
    'a\u0000.com',
  ])('%j is not an entry', (entry) => expect(normaliseDomainEntry(entry)).toBeNull());

  test('an entry of 253 characters is one', () => {
    const longest = `${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(57)}.com`;
    expect(longest).toHaveLength(253);
    expect(normaliseDomainEntry(longest)).toBe(longest);
    expect(normaliseDomainEntry(`a${longest}`)).toBeNull();
  });

  test('pasted entries split like addresses, and collapse to each once, normalised; bad ones are kept as typed', () => {
    expect(splitDomainEntries('example.com, *.example.org;b.example\n\tc.example  ')).toEqual([
      'example.com',
      '*.example.org',
      'b.example',
      'c.example',
    ]);
    expect(uniqueDomainEntries(['Example.com', ' example.COM ', 'exa mple', 'exa mple', '*.example.com'])).toEqual([
      'example.com',
      'exa mple',
      '*.example.com',
    ]);
  });

  test('example.com takes exactly that domain, without case', () => {
    expect(isEmailInDomains('ada@example.com', ['example.com'])).toBe(true);
    expect(isEmailInDomains('Ada@EXAMPLE.Com', ['example.com'])).toBe(true);
    expect(isEmailInDomains('ada@example.com', ['EXAMPLE.COM'])).toBe(true);
    for (const email of ['ada@a.example.com', 'ada@badexample.com', 'ada@example.com.evil.net', 'ada@example.org']) {
      expect(isEmailInDomains(email, ['example.com'])).toBe(false);
    }
  });

  test('*.example.com takes its subdomains at any depth, not example.com itself', () => {
    const domains = ['*.example.com'];
    expect(isEmailInDomains('ada@a.example.com', domains)).toBe(true);
    expect(isEmailInDomains('ada@B.A.Example.com', domains)).toBe(true);
    for (const email of [
      'ada@example.com',
      'ada@badexample.com',
      'ada@a.badexample.com',
      'ada@a.example.com.evil.net',
      'ada@.example.com',
    ]) {
      expect(isEmailInDomains(email, domains)).toBe(false);
    }
    expect(isEmailInDomains('ada@example.com', ['*.example.com', 'example.com'])).toBe(true);
  });

  test('the domain is what follows the last @; anything but an address is refused by a list', () => {
    expect(isEmailInDomains('ada@example.org@example.com', ['example.com'])).toBe(true);
    expect(isEmailInDomains('ada@example.com@example.org', ['example.com'])).toBe(false);
    for (const email of ['example.com', '@example.com', 'ada@', 'ada@example.com ', undefined, null, 42, ['ada@example.com']]) {
      expect(isEmailInDomains(email, ['example.com'])).toBe(false);
    }
  });

  test('no list, or an empty one, takes any address', () => {
    expect(isEmailInDomains('ada@anywhere.example', [])).toBe(true);
    expect(isEmailInDomains('ada@anywhere.example', null)).toBe(true);
    expect(isEmailInDomains('ada@anywhere.example', undefined)).toBe(true);
  });
});

describe('templates', () => {
  test('fill placeholders, keep sections only when their value is not empty, and never read a value as a template', () => {
    const template = '{{#message}}[{{message}}] {{/message}}Join {{siteName}}: {{link}}';
    expect(renderTemplate(template, { message: 'Hi {{link}}', siteName: 'Site', link: 'https://x/1' })).toBe(
      '[Hi {{link}}] Join Site: https://x/1'
    );
    expect(renderTemplate(template, { message: '', siteName: 'Site', link: 'https://x/1' })).toBe('Join Site: https://x/1');
  });

  test('for HTML, values are escaped and line breaks kept', () => {
    expect(renderTemplate('<p>{{message}}</p>', { message: '<a href="x">1</a> & \'2\'\nline' }, escapeForHtml)).toBe(
      '<p>&lt;a href=&quot;x&quot;&gt;1&lt;/a&gt; &amp; &#39;2&#39;<br>\nline</p>'
    );
  });
});

describe('the email section of the plugin config', () => {
  const withEmail = (email: Record<string, unknown>) => () => validateEmailConfig({ ...emailDefaults, ...email });

  test('accepts the defaults, a site name, and templates that change shipped languages or add complete ones', () => {
    expect(withEmail({})).not.toThrow();
    expect(withEmail({ siteName: 'My site', concurrency: 10 })).not.toThrow();
    expect(withEmail({ templates: { fr: { subject: 'Rejoignez {{siteName}}' } } })).not.toThrow();
    const german = { subject: 'Einladung', message: 'Hallo', text: '{{link}}', html: '<a href="{{link}}">{{link}}</a>' };
    expect(withEmail({ templates: { de: german, 'pt-BR': german, ja: german } })).not.toThrow();
    expect(withEmail({ templates: { nl: { subject: 'Welkom op {{siteName}}' } } })).not.toThrow();
  });

  test('the whole plugin validator checks it', () => {
    const validator = config.validator as (settings: unknown) => void;
    const base = { requireInvitation: true, signupUrl: null, encryptionKey: null, redirectOrigins: [], email: emailDefaults };
    expect(() => validator(base)).not.toThrow();
    expect(() => validator({ ...base, email: { ...emailDefaults, concurrency: 0 } })).toThrow(/concurrency/);
  });

  test.each([
    ['a section that is not an object', 'nope', /email must be an object/],
    ['a blank site name', { ...emailDefaults, siteName: ' ' }, /siteName/],
    ['a site name on two lines', { ...emailDefaults, siteName: 'a\nb' }, /siteName/],
    ['no concurrency', { ...emailDefaults, concurrency: 0 }, /concurrency must be a whole number from 1 to 50/],
    ['too much concurrency', { ...emailDefaults, concurrency: 51 }, /concurrency/],
    ['templates that are a list', { ...emailDefaults, templates: [] }, /keyed by language/],
    ['a language that is no code', { ...emailDefaults, templates: { English: { subject: 'x' } } }, /not a language code/],
    ['an unknown part', { ...emailDefaults, templates: { en: { body: 'x' } } }, /en\.body is not a template part/],
    ['a new language without every part', { ...emailDefaults, templates: { ja: { subject: 'x' } } }, /ja\.message is required/],
    ['a subject on two lines', { ...emailDefaults, templates: { en: { subject: 'a\nb' } } }, /one line/],
    ['a text part without the link', { ...emailDefaults, templates: { en: { text: 'Welcome' } } }, /must contain \{\{link\}\}/],
    [
      'an HTML part without the link',
      { ...emailDefaults, templates: { en: { html: '<p>Hi</p>' } } },
      /must contain \{\{link\}\}/,
    ],
    ['an unknown placeholder', { ...emailDefaults, templates: { en: { text: '{{link}} {{token}}' } } }, /uses \{\{token\}\}/],
    ['the link in the subject', { ...emailDefaults, templates: { en: { subject: '{{link}}' } } }, /subject uses \{\{link\}\}/],
    ['an empty part', { ...emailDefaults, templates: { en: { message: '' } } }, /non-empty string/],
  ])('refuses %s', (_label, email, message) => {
    expect(() => validateEmailConfig(email)).toThrow(message);
  });
});

// Sending relies on it: the results in the recipients' order, never more than the limit at once.
test("Strapi's async.map, called as sending calls it, keeps the order of the items and the limit", async () => {
  let running = 0;
  let most = 0;
  const results = await async.map(
    [50, 10, 30, 0, 20, 40, 5],
    async (delay: number, index: number) => {
      running += 1;
      most = Math.max(most, running);
      await new Promise((resolve) => setTimeout(resolve, delay));
      running -= 1;
      return index;
    },
    { concurrency: 3 }
  );
  expect(results).toEqual([0, 1, 2, 3, 4, 5, 6]);
  expect(most).toBe(3);
});

describe("the playground's outbox email provider", () => {
  test('writes each message to an .eml file that mail clients read, and logs where', async () => {
    const logged = jest.spyOn(console, 'info').mockImplementation(() => undefined);
    const directory = path.join(tempDir('invitations-outbox-'), 'outbox');
    const provider = outbox.init({ directory }, { defaultFrom: 'Site <no-reply@example.com>' });
    await provider.send({
      to: 'ada@example.com',
      subject: 'Invitation à rejoindre',
      text: 'Go: https://x/1',
      html: '<p>Go: <a href="https://x/1">link</a></p>',
    });
    await provider.send({ to: 'grace@example.com', subject: 'Second', text: 'Two' });

    const files = fs.readdirSync(directory).sort();
    expect(files).toHaveLength(2);
    const first = files.find((file) => file.endsWith('ada@example.com.eml')) as string;
    expect(logged).toHaveBeenCalledWith(`[outbox] Email to ada@example.com written to ${path.join(directory, first)}`);
    logged.mockRestore();
    const mail = await simpleParser(fs.readFileSync(path.join(directory, first)));
    expect(mail.subject).toBe('Invitation à rejoindre');
    expect(mail.from?.text).toBe('"Site" <no-reply@example.com>');
    expect(mail.to && 'text' in mail.to ? mail.to.text : '').toBe('ada@example.com');
    expect(mail.text?.trim()).toBe('Go: https://x/1');
    expect(String(mail.html)).toContain('<a href="https://x/1">link</a>');
  });

  test('refuses a message without a recipient', async () => {
    const provider = outbox.init({ directory: tempDir('invitations-outbox-') }, {});
    await expect(provider.send({ subject: 'x', text: 'y' })).rejects.toThrow(/no recipient/);
  });
});
