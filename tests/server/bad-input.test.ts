// @engine-neutral
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { useTestApp, type TestApp } from '../helpers/strapi';
import { createInvitation, inDays, newAccount, register } from '../helpers/fixtures';
import { openJoinForm } from '../helpers/join-page';

/**
 * Malformed requests on every route of the plugin, and on the registration it gates: each one
 * gets a 4xx in Strapi's error format and changes nothing in the plugin's tables or the users.
 */
let app: TestApp;
/** Where the playground's outbox provider would write any email sent: it must stay empty. */
const outbox = fs.mkdtempSync(path.join(os.tmpdir(), 'invitations-outbox-'));
useTestApp(
  (started) => {
    app = started;
  },
  { EMAIL_OUTBOX_DIR: outbox }
);

interface Fixture {
  id: number;
  token: string;
  publicRoleId: number;
  /** A link limited to addresses at example.org. */
  domainToken: string;
  /** A personal link of invitation `id`, for PERSONAL_EMAIL (made without mailing it). */
  recipientId: number;
  personalToken: string;
  /** A recipient of another link. */
  otherRecipientId: number;
}

const PERSONAL_EMAIL = 'personal@example.com';
let fixture: Fixture;

beforeAll(async () => {
  const invitation = await createInvitation(app, { maxUses: 5 });
  // Two seats taken, so that a limit below the uses made can be tried.
  for (let i = 0; i < 2; i += 1) await register(app, { ...newAccount(), invitationToken: invitation.token });
  const publicRole = await app.strapi.db.query('plugin::users-permissions.role').findOne({ where: { type: 'public' } });
  const domainLimited = await createInvitation(app, { allowedEmailDomains: ['example.org'] });
  const recipients = app.strapi.plugin('invitations').service('recipients');
  const [personal] = await recipients.linksFor(invitation.id, [PERSONAL_EMAIL]);
  const [other] = await recipients.linksFor(domainLimited.id, ['other@example.org']);
  fixture = {
    id: invitation.id,
    token: invitation.token,
    publicRoleId: publicRole.id,
    domainToken: domainLimited.token,
    recipientId: personal.id,
    personalToken: personal.token,
    otherRecipientId: other.id,
  };
});

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';
type Auth = 'admin' | 'none' | { header: string };

interface BadRequest {
  method: Method;
  path: (f: Fixture) => string;
  auth: Auth;
  /** A JSON body (built from the fixture when a function), or a raw one with its content type. */
  body?: unknown | ((f: Fixture) => unknown);
  raw?: { type: string; data: string | Buffer };
  query?: string;
  status: number;
  /**
   * Refused by Strapi's body parser (koa-body) before any route runs: Strapi's error format, but
   * http-errors carry no `details`.
   */
  parserError?: true;
  /** The hosted sign-up page answers with an HTML page, not JSON. */
  htmlPage?: true;
  /** A form body sent with the CSRF value and cookie of the sign-up page, opened just before. */
  form?: (csrf: string) => string;
}

type Case = [label: string, request: BadRequest];

const DAY_MS = 24 * 60 * 60 * 1000;
const HUGE = 'x'.repeat(100_000);
const OVERSIZED_JSON = JSON.stringify({ name: 'x'.repeat(2 * 1024 * 1024), maxUses: 1, expiresAt: '2030-01-01T00:00:00Z' });
const SQL = '1; DROP TABLE invitations_invitations; --';
const validInvitation = () => ({ name: 'Valid name', maxUses: 3, expiresAt: inDays(3) });

// ---- Admin API: POST /invitations/invitations and PUT /invitations/invitations/:id -------------

const createCases = (label: string, body: unknown, status = 400): Case => [
  `POST /invitations/invitations: ${label}`,
  { method: 'POST', path: () => '/invitations/invitations', auth: 'admin', body, status },
];
const createRaw = (label: string, type: string, data: string | Buffer, status = 400, parserError?: true): Case => [
  `POST /invitations/invitations: ${label}`,
  { method: 'POST', path: () => '/invitations/invitations', auth: 'admin', raw: { type, data }, status, parserError },
];
const PARSER = true;
const withField = (field: string, value: unknown) => () => ({ ...validInvitation(), [field]: value });

const fieldValues: Record<string, Array<[string, unknown]>> = {
  name: [
    ['null', null],
    ['a number', 42],
    ['an array', ['a']],
    ['an object', { en: 'x' }],
    ['a boolean', true],
    ['empty', ''],
    ['blank', ' \t '],
    ['256 characters', 'é'.repeat(256)],
    ['100,000 characters', HUGE],
    ['a NUL character', 'a\u0000b'],
    ['an escape character', 'a\u001b[31mb'],
    ['a DEL character', 'a\u007fb'],
    ['a new line', 'first\nsecond'],
    ['a lone surrogate', 'a\ud800b'],
  ],
  maxUses: [
    ['null', null],
    ['a numeric string', '5'],
    ['an SQL string', SQL],
    ['a float', 2.5],
    ['zero', 0],
    ['negative', -4],
    ['over 100000', 100_001],
    ['1e308', 1e308],
    ['2^53', 2 ** 53],
    ['a boolean', true],
    ['an array', [5]],
    ['an object', { $gt: 0 }],
  ],
  expiresAt: [
    ['null', null],
    ['a number', Date.now() + DAY_MS],
    ['empty', ''],
    ['words', 'next tuesday'],
    ['a date without a time', '2030-01-01'],
    ['no time zone', '2030-01-01T10:00:00'],
    ['month 13', '2030-13-01T00:00:00Z'],
    ['February 30', '2030-02-30T00:00:00Z'],
    ['hour 25', '2030-01-01T25:00:00Z'],
    ['minute 60', '2030-01-01T23:60:00Z'],
    ['a zone offset of +99:99', '2030-01-01T10:00:00+99:99'],
    ['in the past', '2001-01-01T00:00:00Z'],
    ['year 9999', '9999-12-31T23:59:59Z'],
    ['an expanded year', '+275760-09-13T00:00:00Z'],
    ['SQL after a date', "2030-01-01T00:00:00Z'; DROP TABLE x; --"],
    ['an array', ['2030-01-01T00:00:00Z']],
    ['an object', { $gt: '2030' }],
  ],
  role: [
    ['a numeric string', '1'],
    ['a float', 1.5],
    ['zero', 0],
    ['negative', -1],
    ['past 32 bits', 2 ** 31],
    ['a name', 'authenticated'],
    ['an SQL string', '1 OR 1=1'],
    ['an array', [1]],
    ['an object', { id: 1 }],
    ['a boolean', true],
    ['an unknown id', 987654],
  ],
  welcomeMessage: [
    ['a number', 42],
    ['an array', ['hi']],
    ['an object', { text: 'hi' }],
    ['2001 characters', 'w'.repeat(2001)],
    ['a NUL character', 'hello\u0000'],
    ['an escape sequence', '\u001b[2Jhello'],
    ['a lone surrogate', 'hi \udc00'],
  ],
  redirectUrl: [
    ['a number', 42],
    ['an array', ['https://example.com']],
    ['a relative path', '/welcome'],
    ['a javascript: URL', 'javascript:alert(1)'],
    ['a data: URL', 'data:text/html,<script>alert(1)</script>'],
    ['an ftp URL', 'ftp://127.0.0.1:1337/x'],
    ['an origin not allowed', 'https://evil.example.com/welcome'],
    ['a new line', 'http://127.0.0.1:1337/a\nb'],
    ['100,000 characters', `http://127.0.0.1:1337/${HUGE}`],
  ],
  userDefaults: [
    ['an array', [{ newsletter: true }]],
    ['a string', 'newsletter=true'],
    ['a number', 1],
    ['the username', { username: 'preset' }],
    ['the password', { password: 'Password-123' }],
    ['confirmed', { confirmed: true }],
    ['blocked', { blocked: false }],
    ['the role', { role: 1 }],
    ['an unknown field', { isAdmin: true }],
    ['a value outside the enumeration', { homeSection: 'admin' }],
    ['a wrong type', { newsletter: 'yes' }],
    ['a constructor key', { constructor: { prototype: { polluted: true } } }],
    ['an SQL-looking field name', { "homeSection'; DROP TABLE up_users; --": 'news' }],
  ],
  allowedEmailDomains: [
    ['a string', 'example.com'],
    ['a number', 1],
    ['an object', { 0: 'example.com' }],
    ['a number in the list', [42]],
    ['null in the list', [null]],
    ['a list in the list', [['example.com']]],
    ['an empty entry', ['']],
    ['a space in a domain', ['exa mple.com']],
    ['a wildcard alone', ['*.']],
    ['two wildcards', ['*.*.x.com']],
    ['a URL', ['http://x.com']],
    ['an address', ['a@b.com']],
    ['a top-level domain alone', ['com']],
    ['a 100,000 character entry', [`${HUGE}.com`]],
    ['a NUL character', ['exa\u0000mple.com']],
    ['an SQL string', [SQL]],
    ['51 entries', Array.from({ length: 51 }, (_, i) => `d${i}.example.com`)],
  ],
};

const fieldCases: Case[] = Object.entries(fieldValues).flatMap(([field, values]) =>
  values.map(([label, value]) => createCases(`${field} ${label}`, withField(field, value)))
);

const createBodyCases: Case[] = [
  createCases('no body', undefined),
  createCases('an empty object', {}),
  createCases('an array of invitations', [validInvitation()]),
  createCases('the public role', (f: Fixture) => ({ ...validInvitation(), role: f.publicRoleId })),
  createCases('an unknown field', { ...validInvitation(), color: 'red' }),
  createCases('usedCount set by the client', { ...validInvitation(), usedCount: 3 }),
  createCases('tokenHash set by the client', { ...validInvitation(), tokenHash: 'a'.repeat(64) }),
  createCases('id set by the client', { ...validInvitation(), id: 1 }),
  createCases('createdBy set by the client', { ...validInvitation(), createdBy: 1 }),
  createCases('a constructor key', { ...validInvitation(), constructor: { prototype: { polluted: true } } }),
  createRaw(
    'a __proto__ key',
    'application/json',
    `{"name":"x","maxUses":1,"expiresAt":"2030-01-01T00:00:00Z","__proto__":{"polluted":true}}`,
    400,
    PARSER
  ),
  createRaw('JSON null', 'application/json', 'null', 400, PARSER),
  createRaw('a JSON string', 'application/json', '"invitation"', 400, PARSER),
  createRaw('a JSON number', 'application/json', '42', 400, PARSER),
  createRaw('truncated JSON', 'application/json', '{"name": "x", "maxUses": ', 400, PARSER),
  createRaw('JSON with a BOM and garbage', 'application/json', '\ufeff{name: x}', 400, PARSER),
  createRaw('plain text', 'text/plain', 'name=x&maxUses=1'),
  createRaw('XML', 'application/xml', '<invitation><name>x</name></invitation>'),
  createRaw('a form', 'application/x-www-form-urlencoded', 'name=Form&maxUses=2&expiresAt=2030-01-01T00%3A00%3A00Z'),
  createRaw('over 1 MB of JSON', 'application/json', OVERSIZED_JSON, 413, PARSER),
];

const updateCases: Case[] = [
  ['an empty object', {}],
  ['an array', [{ name: 'x' }]],
  ['name null', { name: null }],
  ['a blank name', { name: '  ' }],
  ['maxUses below the uses made', { maxUses: 1 }],
  ['maxUses as a string', { maxUses: '4' }],
  ['an expiry in the past', { expiresAt: '2001-01-01T00:00:00Z' }],
  ['an expiry more than ten years ahead', { expiresAt: new Date(Date.now() + 3651 * DAY_MS).toISOString() }],
  ['an unknown role', { role: 987654 }],
  ['usedCount', { usedCount: 0 }],
  ['token', { token: 'A'.repeat(43) }],
  ['a constructor key', { constructor: { name: 'x' } }],
  ['allowedEmailDomains with a bad entry', { allowedEmailDomains: ['example.com', 'exa mple.com'] }],
  ['allowedEmailDomains a string', { allowedEmailDomains: 'example.com' }],
  ['allowedEmailDomains of 51 entries', { allowedEmailDomains: Array.from({ length: 51 }, (_, i) => `d${i}.example.com`) }],
].map(([label, body]): Case => [
  `PUT /invitations/invitations/:id: ${label}`,
  { method: 'PUT', path: (f) => `/invitations/invitations/${f.id}`, auth: 'admin', body, status: 400 },
]);

// ---- Admin API: POST /invitations/invitations/:id/send and /email-preview ----------------------

const emailCase = (route: 'send' | 'email-preview', label: string, body: unknown, status = 400): Case => [
  `POST /invitations/invitations/:id/${route}: ${label}`,
  { method: 'POST', path: (f) => `/invitations/invitations/${f.id}/${route}`, auth: 'admin', body, status },
];
const to = ['ada@example.com'];
const emailOptionCases: Array<[string, Record<string, unknown>]> = [
  ['a subject with a new line (a second mail header)', { subject: 'Hi\r\nBcc: everyone@example.com' }],
  ['an empty subject', { subject: '  ' }],
  ['a 256 character subject', { subject: 's'.repeat(256) }],
  ['a subject that is not a string', { subject: ['Hi'] }],
  ['a 5001 character message', { message: 'm'.repeat(5001) }],
  ['a message with a NUL', { message: 'hi\u0000' }],
  ['a locale that is no language', { locale: '../../etc/passwd' }],
  ['a time zone that does not exist', { timeZone: 'Mars/Olympus_Mons' }],
  ['an unknown field', { bcc: ['x@example.com'] }],
];
const emailCases: Case[] = [
  emailCase('send', 'no addresses', {}),
  emailCase('send', 'an empty list', { emails: [] }),
  emailCase('send', 'a string instead of a list', { emails: 'ada@example.com' }),
  emailCase('send', 'a number in the list', { emails: [42] }),
  emailCase('send', 'an object in the list', { emails: [{ $ne: null }] }),
  emailCase('send', 'an address that is not one', { emails: ['ada@example.com', 'not-an-address'] }),
  emailCase('send', 'an address with a new line', { emails: ['ada@example.com\r\nBcc: x@example.com'] }),
  emailCase('send', '1001 addresses', { emails: Array.from({ length: 1001 }, (_, i) => `p${i}@example.com`) }),
  emailCase('send', 'a 100,000 character address', { emails: [`${HUGE}@example.com`] }),
  emailCase('send', 'an array body', [{ emails: to }]),
  ...emailOptionCases.map(([label, options]) => emailCase('send', label, { emails: to, ...options })),
  ...emailOptionCases.map(([label, options]) => emailCase('email-preview', label, options)),
  [
    `POST /invitations/invitations/:id/send of no invitation`,
    { method: 'POST', path: () => '/invitations/invitations/2147483647/send', auth: 'admin', body: { emails: to }, status: 404 },
  ],
  [
    `POST /invitations/invitations/abc/send`,
    { method: 'POST', path: () => '/invitations/invitations/abc/send', auth: 'admin', body: { emails: to }, status: 400 },
  ],
  [
    `POST /invitations/invitations/:id/email-preview of no invitation`,
    { method: 'POST', path: () => '/invitations/invitations/2147483647/email-preview', auth: 'admin', body: {}, status: 404 },
  ],
];

// ---- Admin API: ids and queries ----------------------------------------------------------------

const BAD_IDS = [
  '%',
  '%E0%A4%A',
  '0',
  '-1',
  'abc',
  '1.5',
  '1e3',
  '01',
  '0x1',
  '9999999999',
  '2147483648',
  '%20',
  '1%00',
  '%D9%A1',
  'null',
  '1%20OR%201%3D1',
  "1'%3B--",
];

// ---- Personal links: the send's `personal`, the recipients routes, sign-up with another address ----

const personalSendCases: Case[] = (
  [
    ['the string "true"', 'true'],
    ['a number', 1],
    ['null', null],
    ['an object', { $ne: false }],
    ['a list', [true]],
  ] as Array<[string, unknown]>
).map(([label, personal]) => emailCase('send', `personal as ${label}`, { emails: to, personal }));

const recipientsPath = (f: Fixture) => `/invitations/invitations/${f.id}/recipients`;
const recipientsQueryCases: Case[] = [
  'page=0',
  'page=abc',
  'pageSize=0',
  'pageSize=101',
  'status=used',
  'status=PENDING',
  'status[]=pending',
  'status=pending&status=revoked',
  `q=${'x'.repeat(256)}`,
  'q[$ne]=x',
  'q=a%00b',
  'sort=email:asc',
  'filters[email][$eq]=x',
  'populate=*',
].map((query): Case => [
  `GET /invitations/invitations/:id/recipients?${query.slice(0, 40)}`,
  { method: 'GET', path: recipientsPath, auth: 'admin', query, status: 400 },
]);

const recipientCases: Case[] = [
  ...recipientsQueryCases,
  [
    'GET /invitations/invitations/:id/recipients of no invitation',
    { method: 'GET', path: () => '/invitations/invitations/2147483647/recipients', auth: 'admin', status: 404 },
  ],
  [
    'GET /invitations/invitations/abc/recipients',
    { method: 'GET', path: () => '/invitations/invitations/abc/recipients', auth: 'admin', status: 400 },
  ],
  ...(['resend', 'revoke'] as const).flatMap((action): Case[] => {
    const method = action === 'resend' ? 'POST' : 'DELETE';
    const at =
      (recipient: (f: Fixture) => string | number, invitation: (f: Fixture) => string | number = (f) => f.id) =>
      (f: Fixture) =>
        `/invitations/invitations/${invitation(f)}/recipients/${recipient(f)}${action === 'resend' ? '/resend' : ''}`;
    const body = action === 'resend' ? {} : undefined;
    return [
      [`${action} of no recipient`, { method, path: at(() => 2147483647), auth: 'admin', body, status: 404 }],
      [
        `${action} of another link's recipient`,
        { method, path: at((f) => f.otherRecipientId), auth: 'admin', body, status: 404 },
      ],
      [
        `${action} under no invitation`,
        {
          method,
          path: at(
            (f) => f.recipientId,
            () => 2147483647
          ),
          auth: 'admin',
          body,
          status: 404,
        },
      ],
      [`${action} of recipient abc`, { method, path: at(() => 'abc'), auth: 'admin', body, status: 400 }],
      [`${action} of recipient 0`, { method, path: at(() => 0), auth: 'admin', body, status: 400 }],
      [`${action} of recipient 2^31`, { method, path: at(() => 2 ** 31), auth: 'admin', body, status: 400 }],
    ].map(([label, request]) => [`${method} /invitations/invitations/:id/recipients/:recipientId: ${label}`, request] as Case);
  }),
  [
    'POST /invitations/invitations/:id/recipients/:recipientId/resend: a subject with a new line',
    {
      method: 'POST',
      path: (f) => `/invitations/invitations/${f.id}/recipients/${f.recipientId}/resend`,
      auth: 'admin',
      body: { subject: 'Hi\r\nBcc: everyone@example.com' },
      status: 400,
    },
  ],
  [
    'POST /invitations/invitations/:id/recipients/:recipientId/resend: an unknown field',
    {
      method: 'POST',
      path: (f) => `/invitations/invitations/${f.id}/recipients/${f.recipientId}/resend`,
      auth: 'admin',
      body: { emails: ['someone@example.com'] },
      status: 400,
    },
  ],
  [
    'POST /api/auth/local/register through a personal link with another address',
    {
      method: 'POST',
      path: () => '/api/auth/local/register',
      auth: 'none',
      body: (f: Fixture) => ({ ...newAccount(), invitationToken: f.personalToken }),
      status: 403,
    },
  ],
  [
    'POST /api/auth/local/register through a personal link with an address that is not a string',
    {
      method: 'POST',
      path: () => '/api/auth/local/register',
      auth: 'none',
      body: (f: Fixture) => ({ ...newAccount(), email: [PERSONAL_EMAIL], invitationToken: f.personalToken }),
      status: 400,
    },
  ],
];

const idCases: Case[] = (['GET', 'PUT', 'DELETE'] as const).flatMap((method) => [
  ...BAD_IDS.map((id): Case => [
    `${method} /invitations/invitations/${id}`,
    {
      method,
      path: () => `/invitations/invitations/${id}`,
      auth: 'admin',
      body: method === 'PUT' ? { name: 'x' } : undefined,
      status: 400,
    },
  ]),
  [
    `${method} /invitations/invitations/:id of no invitation`,
    {
      method,
      path: () => '/invitations/invitations/2147483647',
      auth: 'admin',
      body: method === 'PUT' ? { name: 'x' } : undefined,
      status: 404,
    },
  ],
]);

const listQueryCases: Case[] = [
  'page=0',
  'page=-1',
  'page=1.5',
  'page=abc',
  'page=',
  'page[]=1',
  'page=99999999',
  'pageSize=0',
  'pageSize=101',
  'pageSize=1e9',
  'sort=tokenHash:asc',
  'sort=name:up',
  'sort=name',
  'sort[]=name:asc',
  'sort=name:asc&sort=name:desc',
  `q=${'x'.repeat(256)}`,
  'q[$ne]=x',
  'q=%00',
  'q=a%1Fb',
  'page=%E0%A4%A',
  'filters[name][$eq]=x',
  'populate=*',
  'fields[0]=tokenHash',
  'unknown=1',
  `q=${encodeURIComponent(SQL)}&sort=${encodeURIComponent(`name:asc; ${SQL}`)}`,
].map((query): Case => [
  `GET /invitations/invitations?${query.slice(0, 40)}`,
  { method: 'GET', path: () => '/invitations/invitations', auth: 'admin', query, status: 400 },
]);

const redemptionsQueryCases: Case[] = [
  'page=0',
  'pageSize=101',
  'pageSize=ten',
  'page[]=1',
  `q=${'x'.repeat(256)}`,
  'q=%00',
  'q[$ne]=x',
  'sort=redeemedAt:asc',
  'status=active',
].map((query): Case => [
  `GET /invitations/invitations/:id/redemptions?${query.slice(0, 40)}`,
  { method: 'GET', path: (f) => `/invitations/invitations/${f.id}/redemptions`, auth: 'admin', query, status: 400 },
]);

const statusQueryCases: Case[] = [
  'status=used',
  'status=ACTIVE',
  'status=',
  'status[]=active',
  'status=active&status=expired',
].map((query): Case => [
  `GET /invitations/invitations?${query}`,
  { method: 'GET', path: () => '/invitations/invitations', auth: 'admin', query, status: 400 },
]);

const noQueryCases: Case[] = (
  [
    ['/invitations/:id/redemptions/export', (f: Fixture) => `/invitations/invitations/${f.id}/redemptions/export`, 'page=1'],
    ['/invitations/:id/deliveries/export', (f: Fixture) => `/invitations/invitations/${f.id}/deliveries/export`, 'from=0'],
    [
      '/invitations/:id/recipients/export',
      (f: Fixture) => `/invitations/invitations/${f.id}/recipients/export`,
      'status=pending',
    ],
    ['/invitations/:id/timeline', (f: Fixture) => `/invitations/invitations/${f.id}/timeline`, 'unit=hour'],
    ['/summary', () => '/invitations/summary', 'days=7'],
  ] as Array<[string, (f: Fixture) => string, string]>
).map(([label, path, query]): Case => [
  `GET /invitations${label}?${query}`,
  { method: 'GET', path, auth: 'admin', query, status: 400 },
]);

const unknownLinkCases: Case[] = [
  'redemptions',
  'redemptions/export',
  'deliveries/export',
  'recipients/export',
  'timeline',
].flatMap((list): Case[] => [
  [
    `GET /invitations/invitations/987654/${list}`,
    { method: 'GET', path: () => `/invitations/invitations/987654/${list}`, auth: 'admin', status: 404 },
  ],
  [
    `GET /invitations/invitations/abc/${list}`,
    { method: 'GET', path: () => `/invitations/invitations/abc/${list}`, auth: 'admin', status: 400 },
  ],
]);

const bulkDeleteCases: Case[] = (
  [
    ['no body', undefined, 400],
    ['an array body', [1], 400],
    ['no ids', {}, 400],
    ['ids empty', { ids: [] }, 400],
    ['101 ids', { ids: Array.from({ length: 101 }, (_, i) => i + 1) }, 400],
    ['an id twice', (f: Fixture) => ({ ids: [f.id, f.id] }), 400],
    ['a string id', (f: Fixture) => ({ ids: [String(f.id)] }), 400],
    ['a float id', { ids: [1.5] }, 400],
    ['zero', { ids: [0] }, 400],
    ['an id past 32 bits', { ids: [2 ** 31] }, 400],
    ['an object id', { ids: [{ $gt: 0 }] }, 400],
    ['ids a string', { ids: '1,2' }, 400],
    ['an unknown field', (f: Fixture) => ({ ids: [f.id], all: true }), 400],
    ['a known and an unknown id', (f: Fixture) => ({ ids: [f.id, 987654] }), 404],
  ] as Array<[string, unknown, number]>
).map(([label, body, status]): Case => [
  `POST /invitations/invitations/bulk-delete: ${label}`,
  { method: 'POST', path: () => '/invitations/invitations/bulk-delete', auth: 'admin', body, status },
]);

const adminRoutes: Array<[Method, (f: Fixture) => string]> = [
  ['GET', () => '/invitations/roles'],
  ['GET', () => '/invitations/first-access'],
  ['GET', () => '/invitations/invitations'],
  ['POST', () => '/invitations/invitations'],
  ['GET', (f) => `/invitations/invitations/${f.id}`],
  ['PUT', (f) => `/invitations/invitations/${f.id}`],
  ['DELETE', (f) => `/invitations/invitations/${f.id}`],
  ['POST', (f) => `/invitations/invitations/${f.id}/send`],
  ['POST', (f) => `/invitations/invitations/${f.id}/email-preview`],
  ['POST', () => '/invitations/invitations/bulk-delete'],
  ['GET', (f) => `/invitations/invitations/${f.id}/redemptions`],
  ['GET', (f) => `/invitations/invitations/${f.id}/redemptions/export`],
  ['GET', (f) => `/invitations/invitations/${f.id}/deliveries/export`],
  ['GET', (f) => `/invitations/invitations/${f.id}/recipients/export`],
  ['GET', (f) => `/invitations/invitations/${f.id}/timeline`],
  ['GET', () => '/invitations/summary'],
  ['GET', (f) => `/invitations/invitations/${f.id}/recipients`],
  ['POST', (f) => `/invitations/invitations/${f.id}/recipients/${f.recipientId}/resend`],
  ['DELETE', (f) => `/invitations/invitations/${f.id}/recipients/${f.recipientId}`],
];

const authCases: Case[] = adminRoutes.flatMap(([method, path]) =>
  [
    ['a token that is not a JWT', 'Bearer not-a-jwt'],
    [
      'a JWT signed by someone else',
      `Bearer ${Buffer.from('{"alg":"HS256"}').toString('base64url')}.${Buffer.from('{"id":1}').toString('base64url')}.c2ln`,
    ],
    ['a huge token', `Bearer ${'A'.repeat(8000)}`],
    ['Basic credentials', `Basic ${Buffer.from('admin@example.com:Admin-password-1').toString('base64')}`],
  ].map(([label, header]): Case => [
    `${method} ${path({ id: 1, token: '', publicRoleId: 0, domainToken: '', recipientId: 1, personalToken: '', otherRecipientId: 2 })} with ${label}`,
    {
      method,
      path,
      auth: { header },
      body: method === 'GET' || method === 'DELETE' ? undefined : validInvitation(),
      status: 401,
    },
  ])
);

// ---- Public API: GET /api/invitations/:token and the provider sign-up start ---------------------

const BAD_TOKENS = [
  '%',
  '%E0%A4%A',
  'x',
  'A'.repeat(42),
  'A'.repeat(44),
  'A'.repeat(8000),
  "'%20OR%20'1'%3D'1",
  '%00',
  '%E2%80%8B',
  '%F0%9F%94%91',
  '..%2F..%2Fetc%2Fpasswd',
  'null',
  '%5Bobject%20Object%5D',
  '%24ne',
  '*',
];

const statusCases: Case[] = [
  ...BAD_TOKENS.map((token): Case => [
    `GET /api/invitations/${token.slice(0, 30)} (${token.length} characters)`,
    { method: 'GET', path: () => `/api/invitations/${token}`, auth: 'none', status: 404 },
  ]),
  [
    'GET /api/invitations/:token with one character changed',
    {
      method: 'GET',
      path: (f) => `/api/invitations/${f.token.slice(0, -1)}${f.token.endsWith('A') ? 'B' : 'A'}`,
      auth: 'none',
      status: 404,
    },
  ],
  [
    'GET /api/invitations/:token with a space added',
    { method: 'GET', path: (f) => `/api/invitations/${f.token}%20`, auth: 'none', status: 404 },
  ],
];

const connectCases: Case[] = [
  ['an unknown link', () => `/api/invitations/${'A'.repeat(43)}/connect/github`, 404],
  ['an SQL-looking token', () => "/api/invitations/'%20OR%201%3D1--/connect/github", 404],
  ['a provider that is not enabled', (f: Fixture) => `/api/invitations/${f.token}/connect/github`, 400],
  ['a provider name with a slash', (f: Fixture) => `/api/invitations/${f.token}/connect/git%2Fhub`, 400],
  ['a provider name of 100 characters', (f: Fixture) => `/api/invitations/${f.token}/connect/${'g'.repeat(100)}`, 400],
  ['an unknown query parameter', (f: Fixture) => `/api/invitations/${f.token}/connect/github?state=x`, 400],
  ['two callbacks', (f: Fixture) => `/api/invitations/${f.token}/connect/github?callback=a&callback=b`, 400],
].map(([label, path, status]): Case => [
  `GET /api/invitations/:token/connect/:provider: ${label}`,
  { method: 'GET', path: path as (f: Fixture) => string, auth: 'none', status: status as number },
]);

// ---- The hosted sign-up page: GET and POST /invitations/join/:token ----------------------------

const joinPath = (f: Fixture) => `/invitations/join/${f.token}`;
const joinCase = (label: string, request: Omit<BadRequest, 'auth'>): Case => [
  `${request.method} /invitations/join/:token: ${label}`,
  { auth: 'none', htmlPage: true, ...request },
];
const validForm = (csrf: string) => `csrf=${csrf}&username=joiner&email=joiner%40example.com&password=Password-123`;

const joinCases: Case[] = [
  ...['x', 'A'.repeat(44), "'%20OR%20'1'%3D'1", '%00', '%E0%A4%A', '%F0%9F%94%91'].map((token) =>
    joinCase(`GET with the token ${token.slice(0, 20)} (${token.length} characters)`, {
      method: 'GET',
      path: () => `/invitations/join/${token}`,
      status: 404,
    })
  ),
  joinCase('no CSRF value', {
    method: 'POST',
    path: joinPath,
    raw: { type: 'application/x-www-form-urlencoded', data: 'username=a&email=a%40b.c&password=Password-123' },
    status: 403,
  }),
  joinCase('a JSON body', {
    method: 'POST',
    path: joinPath,
    body: { username: 'a', email: 'a@b.c', password: 'Password-123' },
    status: 403,
  }),
  joinCase('a CSRF value without its cookie', {
    method: 'POST',
    path: joinPath,
    raw: { type: 'application/x-www-form-urlencoded', data: `csrf=${'c'.repeat(43)}&username=a` },
    status: 403,
  }),
  joinCase('an unknown link', {
    method: 'POST',
    path: () => `/invitations/join/${'A'.repeat(43)}`,
    form: validForm,
    status: 404,
  }),
  joinCase('empty fields', {
    method: 'POST',
    path: joinPath,
    form: (csrf) => `csrf=${csrf}&username=&email=&password=`,
    status: 400,
  }),
  joinCase('an invalid email', {
    method: 'POST',
    path: joinPath,
    form: (csrf) => `csrf=${csrf}&username=joiner&email=not-an-email&password=Password-123`,
    status: 400,
  }),
  joinCase('a short password', {
    method: 'POST',
    path: joinPath,
    form: (csrf) => `csrf=${csrf}&username=joiner&email=j%40example.com&password=x`,
    status: 400,
  }),
  joinCase('repeated and nested fields', {
    method: 'POST',
    path: joinPath,
    form: (csrf) => `csrf=${csrf}&username[]=a&username[]=b&email[x]=y&password=Password-123`,
    status: 400,
  }),
  joinCase('a NUL in the username', {
    method: 'POST',
    path: joinPath,
    form: (csrf) => `csrf=${csrf}&username=a%00b&email=j%40example.com&password=Password-123`,
    status: 400,
  }),
  // Form bodies over 56 kB are refused by the body parser (413), as the last row shows.
  joinCase('a 10,000 character username', {
    method: 'POST',
    path: joinPath,
    form: (csrf) => `csrf=${csrf}&username=${'u'.repeat(10_000)}&email=j%40example.com&password=Password-123`,
    status: 400,
  }),
  joinCase('a __proto__ field', {
    method: 'POST',
    path: joinPath,
    form: (csrf) => `csrf=${csrf}&__proto__[role]=1&username=&email=&password=`,
    status: 400,
  }),
  [
    'POST /invitations/join/:token: over 1 MB of form',
    {
      method: 'POST',
      path: joinPath,
      auth: 'none',
      raw: { type: 'application/x-www-form-urlencoded', data: `username=${'u'.repeat(2 * 1024 * 1024)}` },
      status: 413,
      parserError: true,
    },
  ],
];

// ---- POST /api/auth/local/register with invitationToken ---------------------------------------

const registerCase = (label: string, body: (f: Fixture) => unknown, status: number): Case => [
  `POST /api/auth/local/register: ${label}`,
  { method: 'POST', path: () => '/api/auth/local/register', auth: 'none', body, status },
];
const registerRaw = (label: string, type: string, data: string, status: number, parserError?: true): Case => [
  `POST /api/auth/local/register: ${label}`,
  { method: 'POST', path: () => '/api/auth/local/register', auth: 'none', raw: { type, data }, status, parserError },
];
const withToken = (invitationToken: unknown) => () => ({ ...newAccount(), invitationToken });
const withValidToken = (changes: Record<string, unknown>) => (f: Fixture) => ({
  ...newAccount(),
  invitationToken: f.token,
  ...changes,
});

const domainLimitedCase = (label: string, changes: Record<string, unknown>, status: number) =>
  registerCase(
    `a link limited to some email domains and ${label}`,
    (f) => ({ ...newAccount(), invitationToken: f.domainToken, ...changes }),
    status
  );

const registerCases: Case[] = [
  ...(
    [
      ['a number', 42],
      ['true', true],
      ['an array', []],
      ['an array of a token', ['A'.repeat(43)]],
      ['an object', {}],
      ['a $ne operator', { $ne: null }],
      ['a $gt operator', { $gt: '' }],
      ['a NUL character', '\u0000'],
    ] as Array<[string, unknown]>
  ).map(([label, token]) => registerCase(`invitationToken ${label}`, withToken(token), 400)),
  ...(
    [
      ['100,000 characters', HUGE],
      ['SQL', "' OR 1=1 --"],
      ['a control character', '\u0001'],
      ['emoji', '🔑'.repeat(20)],
      ['unknown', 'B'.repeat(43)],
    ] as Array<[string, unknown]>
  ).map(([label, token]) => registerCase(`invitationToken ${label}`, withToken(token), 404)),
  registerCase('a valid token with a trailing space', (f) => ({ ...newAccount(), invitationToken: `${f.token} ` }), 404),
  registerCase('a valid token with a new line', (f) => ({ ...newAccount(), invitationToken: `${f.token}\n` }), 404),
  registerCase('no token', () => newAccount(), 403),
  registerCase('a null token', withToken(null), 403),
  registerCase('an array body', (f) => [{ ...newAccount(), invitationToken: f.token }], 403),
  ...(
    [
      ['username null', { username: null }],
      ['username a number', { username: 42 }],
      ['email an array', { email: ['a@b.c'] }],
      ['email invalid', { email: 'not-an-email' }],
      ['password an object', { password: { $ne: '' } }],
      ['password too short', { password: 'x' }],
      ['a 100,000 character username', { username: HUGE }],
      ['a role', { role: 1 }],
      ['confirmed', { confirmed: true }],
      ['a provider', { provider: 'github' }],
      ['a constructor key', { constructor: { prototype: { isAdmin: true } } }],
      ['a NUL in the username', { username: 'nul\u0000name' }],
      ['a NUL in the email', { email: 'nul\u0000@example.com' }],
    ] as Array<[string, Record<string, unknown>]>
  ).map(([label, changes]) => registerCase(`a valid token and ${label}`, withValidToken(changes), 400)),
  ...(
    [
      ['an email outside them', {}],
      ['an email at a subdomain of one', { email: 'ada@a.example.org' }],
      ['an email that only ends like one', { email: 'ada@badexample.org' }],
    ] as Array<[string, Record<string, unknown>]>
  ).map(([label, changes]) => domainLimitedCase(label, changes, 403)),
  // Not an address at all: the email field's 400, as users-permissions answers it.
  ...(
    [
      ['no email', { email: undefined }],
      ['an email of an array', { email: ['ada@example.org'] }],
      ['an email with two @', { email: 'ada@example.net@example.org.evil' }],
    ] as Array<[string, Record<string, unknown>]>
  ).map(([label, changes]) => domainLimitedCase(label, changes, 400)),
  registerRaw(
    'a __proto__ key',
    'application/json',
    '{"username":"proto","email":"proto@example.com","password":"Password-123","__proto__":{"role":1}}',
    400,
    PARSER
  ),
  registerRaw('truncated JSON', 'application/json', '{"username": "x", "invitationToken": ', 400, PARSER),
  registerRaw('plain text', 'text/plain', 'invitationToken=x', 403),
  registerRaw(
    'over 1 MB of JSON',
    'application/json',
    JSON.stringify({ ...newAccount(), invitationToken: 'x'.repeat(2 * 1024 * 1024) }),
    413,
    PARSER
  ),
];

const cases: Case[] = [
  ...fieldCases,
  ...createBodyCases,
  ...updateCases,
  ...emailCases,
  ...personalSendCases,
  ...recipientCases,
  ...idCases,
  ...listQueryCases,
  ...redemptionsQueryCases,
  ...statusQueryCases,
  ...noQueryCases,
  ...unknownLinkCases,
  ...bulkDeleteCases,
  ...authCases,
  ...statusCases,
  ...connectCases,
  ...joinCases,
  ...registerCases,
];

/** Every row of the plugin's tables and of the users, every column included. */
const snapshot = async () => {
  const uids = [
    'plugin::invitations.invitation',
    'plugin::invitations.redemption',
    'plugin::invitations.delivery',
    'plugin::invitations.recipient',
    'plugin::users-permissions.user',
  ];
  const rows = await Promise.all(uids.map((uid) => app.strapi.db.query(uid).findMany({ orderBy: { id: 'asc' } })));
  return JSON.stringify(rows);
};

const send = async (request: BadRequest) => {
  const path = request.path(fixture) + (request.query ? `?${request.query}` : '');
  const method = request.method.toLowerCase() as 'get' | 'post' | 'put' | 'delete';
  let call = app.http()[method](path);
  if (request.form) {
    const { csrf, cookie } = await openJoinForm(app, fixture.token);
    return call.set('Cookie', cookie).type('form').send(request.form(csrf));
  }
  if (request.auth === 'admin') call = call.set('Authorization', `Bearer ${app.adminToken}`);
  else if (request.auth !== 'none') call = call.set('Authorization', request.auth.header);
  if (request.raw) return call.set('Content-Type', request.raw.type).send(request.raw.data);
  const body = typeof request.body === 'function' ? request.body(fixture) : request.body;
  return body === undefined ? call : call.send(body as object);
};

test('the table has at least 100 malformed requests', () => {
  expect(cases.length).toBeGreaterThanOrEqual(100);
  expect(new Set(cases.map(([label]) => label)).size).toBe(cases.length);
});

test.each(cases)('%s → 4xx in Strapi error format, nothing changed', async (_label, request) => {
  const before = await snapshot();
  const res = await send(request);
  if (request.htmlPage) {
    expect({ status: res.status, type: res.type }).toEqual({ status: request.status, type: 'text/html' });
    expect(await snapshot()).toBe(before);
    return;
  }
  const error = { status: request.status, name: expect.any(String), message: expect.any(String) };
  expect({ status: res.status, body: res.body }).toEqual({
    status: request.status,
    body: { data: null, error: request.parserError ? error : { ...error, details: expect.anything() } },
  });
  expect(await snapshot()).toBe(before);
  expect(fs.readdirSync(outbox)).toEqual([]);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
});

describe('an empty or blank name: one error for the field, not two', () => {
  const nameErrors = (res: { body: { error?: { details?: { errors?: Array<{ path: string[]; message: string }> } } } }) =>
    (res.body.error?.details?.errors ?? []).filter(({ path }) => path[0] === 'name').map(({ message }) => message);

  test.each([
    ['POST', ''],
    ['POST', '   '],
    ['PUT', ''],
    ['PUT', '   '],
  ] as const)('%s with name %j', async (method, name) => {
    const request =
      method === 'POST' ? app.http().post('/invitations/invitations') : app.http().put(`/invitations/invitations/${fixture.id}`);
    const body = method === 'POST' ? { ...validInvitation(), name } : { name };
    const res = await request.set('Authorization', `Bearer ${app.adminToken}`).send(body);
    expect(res.status).toBe(400);
    expect(nameErrors(res)).toEqual(['name is required']);
  });
});
