import { yup, validateYupSchema, errors } from '@strapi/utils';
import {
  isValidCode,
  INVITATION_STATUSES,
  isDomainEntry,
  MAX_ALLOWED_EMAIL_DOMAINS,
  type BulkDeleteRequest,
  type InvitationInput as InvitationFields,
  type ListQuery,
  type RedemptionsQuery,
} from '../../../shared';
import { LIMITS } from '../constants';
import { CONTROL_CHARACTERS, CONTROL_CHARACTERS_EXCEPT_LINES, LONE_SURROGATE, httpUrl, isPlainObject } from './text';

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;
const isPlainText = (value: string) => !CONTROL_CHARACTERS.test(value) && !LONE_SURROGATE.test(value);
const DAY_MS = 24 * 60 * 60 * 1000;
/** Ids are 32-bit integers on PostgreSQL: a larger one is a client mistake, not a query to run. */
export const MAX_DATABASE_ID = 2_147_483_647;

export const SORTABLE_FIELDS = ['name', 'expiresAt', 'createdAt', 'maxUses', 'usedCount'] as const;
const SORT_VALUES = SORTABLE_FIELDS.flatMap((field) => [`${field}:asc`, `${field}:desc`]);

/**
 * One error for each way a name is wrong: missing, empty and blank all say "name is required" (yup's
 * own `required` would say it a second time for an empty string, beside a length rule).
 */
const nameField = (required: boolean) =>
  yup
    .string()
    .typeError('name must be a string')
    .test('name', '', function checkName(value) {
      if (value === undefined) return required ? this.createError({ message: 'name is required' }) : true;
      const length = value.trim().length;
      if (length === 0) return this.createError({ message: 'name is required' });
      if (length > LIMITS.nameMaxLength) {
        return this.createError({ message: `name must be at most ${LIMITS.nameMaxLength} characters long` });
      }
      if (!isPlainText(value)) return this.createError({ message: 'name must not contain control characters or broken Unicode' });
      return true;
    });

const maxUsesField = yup
  .number()
  .typeError('maxUses must be a number')
  .integer('maxUses must be a whole number')
  .min(1, 'maxUses must be at least 1')
  .max(LIMITS.maxUses, `maxUses must be at most ${LIMITS.maxUses}`);

/** Milliseconds since the epoch of a full ISO 8601 date-time with a zone; NaN for anything else. */
const parseIsoInstant = (value: string): number => {
  const match = ISO_DATE_TIME.exec(value);
  if (!match) return Number.NaN;
  const [year, month, day] = value.slice(0, 10).split('-').map(Number);
  const calendarDay = new Date(Date.UTC(year, month - 1, day));
  if (calendarDay.getUTCMonth() !== month - 1 || calendarDay.getUTCDate() !== day) return Number.NaN;
  return Date.parse(value);
};

const expiresAtField = yup
  .string()
  .typeError('expiresAt must be a string')
  .test('expires-at', '', function checkExpiresAt(value) {
    if (value === undefined) return true;
    const instant = parseIsoInstant(value);
    if (Number.isNaN(instant)) {
      return this.createError({ message: 'expiresAt must be an ISO 8601 date-time with a time zone, e.g. 2030-01-31T23:59:59Z' });
    }
    if (instant <= Date.now()) return this.createError({ message: 'expiresAt must be in the future' });
    if (instant > Date.now() + LIMITS.maxLifetimeDays * DAY_MS) {
      return this.createError({ message: `expiresAt must be at most ${LIMITS.maxLifetimeDays} days from now` });
    }
    return true;
  });

const roleField = yup
  .number()
  .typeError('role must be a role id')
  .integer('role must be a role id')
  .min(1, 'role must be a role id')
  .max(MAX_DATABASE_ID, 'role must be a role id')
  .nullable();

const welcomeMessageField = yup
  .string()
  .typeError('welcomeMessage must be a string')
  .max(LIMITS.welcomeMessageMaxLength, `welcomeMessage must be at most ${LIMITS.welcomeMessageMaxLength} characters long`)
  .test('no-control-characters', 'welcomeMessage must not contain control characters', (value) =>
    value === undefined || value === null ? true : !CONTROL_CHARACTERS_EXCEPT_LINES.test(value)
  )
  .test('unicode', 'welcomeMessage must be valid Unicode text', (value) =>
    value === undefined || value === null ? true : !LONE_SURROGATE.test(value)
  )
  .nullable();

/** Whether the URL is allowed (its origin in the config) is checked by the first-access service. */
const redirectUrlField = yup
  .string()
  .typeError('redirectUrl must be a string')
  .max(LIMITS.redirectUrlMaxLength, `redirectUrl must be at most ${LIMITS.redirectUrlMaxLength} characters long`)
  .test('http-url', 'redirectUrl must be an absolute http(s) URL', (value) => {
    if (value === undefined || value === null || value.trim() === '') return true;
    return httpUrl(value) !== null && !CONTROL_CHARACTERS.test(value);
  })
  .nullable();

/** The fields' names and values are checked against the user content type by the first-access service. */
const userDefaultsField = yup
  .mixed<Record<string, unknown>>()
  .test('object', 'userDefaults must be an object of user fields and values', (value) =>
    value === undefined || value === null ? true : isPlainObject(value)
  )
  .test(
    'size',
    `userDefaults may set at most ${LIMITS.userDefaultsMaxFields} fields`,
    (value) => !value || Object.keys(value).length <= LIMITS.userDefaultsMaxFields
  )
  .nullable();

/** An entry quoted for a message, cut short: the message must stay readable whatever was sent. */
const quoteEntry = (value: string) => JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}…` : value);

/** Each entry `example.com` or `*.example.com` (shared/email-domains.ts); duplicates collapse when saved. */
const domainListField = (field: 'allowedEmailDomains' | 'autoApproveDomains') =>
  yup
    .array()
    .typeError(`${field} must be a list of domain names`)
    .max(MAX_ALLOWED_EMAIL_DOMAINS, `${field} may list at most ${MAX_ALLOWED_EMAIL_DOMAINS} domains`)
    .of(
      yup
        .string()
        .typeError(({ path }: { path: string }) => `${path} must be a domain name, as a string`)
        .test(
          'domain-entry',
          ({ value }: { value: string }) =>
            `${field}: ${quoteEntry(value)} is not a domain name such as example.com or *.example.com`,
          (value) => value === undefined || isDomainEntry(value)
        )
    )
    .nullable();

const domainFields = {
  allowedEmailDomains: domainListField('allowedEmailDomains'),
  // Access requests from these domains are approved into the link at once.
  autoApproveDomains: domainListField('autoApproveDomains'),
};

const allowExistingAccountsField = yup.boolean().strict().typeError('allowExistingAccounts must be true or false');

/** A code to type by hand, or null for none. */
const codeField = yup
  .string()
  .strict()
  .nullable()
  .typeError('code must be a string, or null for no code')
  .test('code', 'code must be 6 to 32 letters, digits and dashes, at least 6 of them letters or digits', (value) =>
    value === null || value === undefined ? true : isValidCode(value)
  );

const firstAccessFields = {
  role: roleField,
  welcomeMessage: welcomeMessageField,
  redirectUrl: redirectUrlField,
  userDefaults: userDefaultsField,
};

const createSchema = yup
  .object({
    name: nameField(true),
    maxUses: maxUsesField.required('maxUses is required'),
    expiresAt: expiresAtField.required('expiresAt is required'),
    ...firstAccessFields,
    ...domainFields,
    allowExistingAccounts: allowExistingAccountsField,
    code: codeField,
  })
  .noUnknown(true, 'Unknown field: ${unknown}')
  .required()
  .typeError('The body must be a JSON object');

const updateSchema = yup
  .object({
    name: nameField(false),
    maxUses: maxUsesField,
    expiresAt: expiresAtField,
    ...firstAccessFields,
    ...domainFields,
    allowExistingAccounts: allowExistingAccountsField,
    code: codeField,
  })
  .noUnknown(true, 'Unknown field: ${unknown}')
  .test('not-empty', 'Give at least one field to change', (value) => Boolean(value && Object.keys(value).length > 0))
  .required()
  .typeError('The body must be a JSON object');

/** The query parameters of every paged list of the admin. */
export const pageQueryFields = {
  page: yup.number().typeError('page must be a number').integer('page must be a whole number').min(1).max(1_000_000),
  pageSize: yup
    .number()
    .typeError('pageSize must be a number')
    .integer('pageSize must be a whole number')
    .min(1)
    .max(LIMITS.pageSizeMax),
  q: yup
    .string()
    .max(LIMITS.searchMaxLength)
    .test('plain-text', 'q must not contain control characters or broken Unicode', (value) =>
      value === undefined ? true : isPlainText(value)
    ),
};

const listQuerySchema = yup.object({
  ...pageQueryFields,
  sort: yup.string().oneOf(SORT_VALUES, `sort must be one of ${SORT_VALUES.join(', ')}`),
  status: yup.string().oneOf([...INVITATION_STATUSES], `status must be one of ${INVITATION_STATUSES.join(', ')}`),
});

const redemptionsQuerySchema = yup.object(pageQueryFields);

const ROLE_GRANTS = ['create', 'update'] as const;
const rolesQuerySchema = yup.object({
  for: yup.string().oneOf([...ROLE_GRANTS], `for must be one of ${ROLE_GRANTS.join(', ')}`),
});

const bulkDeleteSchema = yup
  .object({
    ids: yup
      .array()
      .typeError('ids must be a list of invitation ids')
      .required('ids is required')
      .min(1, 'ids must list at least one invitation')
      .max(LIMITS.bulkDeleteMax, `ids may list at most ${LIMITS.bulkDeleteMax} invitations`)
      .of(
        yup
          .number()
          .strict()
          .typeError(({ path }: { path: string }) => `${path} must be an invitation id`)
          .integer(({ path }: { path: string }) => `${path} must be an invitation id`)
          .min(1, ({ path }: { path: string }) => `${path} must be an invitation id`)
          .max(MAX_DATABASE_ID, ({ path }: { path: string }) => `${path} must be an invitation id`)
          .required(({ path }: { path: string }) => `${path} must be an invitation id`)
      )
      .test('unique', 'ids must not list an invitation twice', (ids) => !ids || new Set(ids).size === ids.length),
  })
  .noUnknown(true, 'Unknown field: ${unknown}')
  .required('The body must be a JSON object')
  .typeError('The body must be a JSON object');

const idSchema = yup
  .string()
  .test(
    'positive-id',
    'id must be a positive whole number',
    (value) => value !== undefined && /^[1-9]\d{0,9}$/.test(value) && Number(value) <= MAX_DATABASE_ID
  )
  .required();

/** The fields a create or an edit carries, checked. */
export type InvitationInput = Partial<InvitationFields>;

export const validateCreateInput = validateYupSchema(createSchema) as (body: unknown) => Promise<InvitationInput>;
export const validateUpdateInput = validateYupSchema(updateSchema) as (body: unknown) => Promise<InvitationInput>;

/** A URL query checked against `schema`: each parameter known and given once, values cast from text. */
export const validateQuery = async <S extends yup.AnyObjectSchema>(schema: S, query: Record<string, unknown>) => {
  // Casting (needed: query values are strings) strips unknown keys instead of reporting them.
  const unknownKey = Object.keys(query).find((key) => !Object.keys(schema.fields).includes(key));
  if (unknownKey) throw fieldError(unknownKey, `Unknown query parameter: ${unknownKey}`);
  // `page[]=1` or `page=1&page=2` parse to arrays, which casting would quietly turn into numbers.
  const repeatedKey = Object.keys(query).find((key) => typeof query[key] !== 'string');
  if (repeatedKey) throw fieldError(repeatedKey, `${repeatedKey} must be given once, as a single value`);
  return (await validateYupSchema(schema, { strict: false })(query)) as yup.InferType<S>;
};

/** A paged list's page, size (10 unless given) and search. */
export const pageOf = (parsed: { page?: number; pageSize?: number; q?: string }) => ({
  page: parsed.page ?? 1,
  pageSize: parsed.pageSize ?? 10,
  ...(parsed.q ? { q: parsed.q } : {}),
});

export const validateListQuery = async (query: Record<string, unknown> = {}): Promise<ListQuery> => {
  const parsed = await validateQuery(listQuerySchema, query);
  return {
    ...pageOf(parsed),
    sort: parsed.sort ?? 'createdAt:desc',
    ...(parsed.status ? { status: parsed.status as ListQuery['status'] } : {}),
  };
};

export const validateRedemptionsQuery = async (query: Record<string, unknown> = {}): Promise<RedemptionsQuery> =>
  pageOf(await validateQuery(redemptionsQuerySchema, query));

/** `GET /roles?for=`: the roles given by making links (the default) or by editing them. */
export const validateRolesQuery = async (query: Record<string, unknown> = {}): Promise<(typeof ROLE_GRANTS)[number]> =>
  ((await validateQuery(rolesQuerySchema, query)).for as (typeof ROLE_GRANTS)[number] | undefined) ?? 'create';

/** A query string that must be empty (the exports, the timeline). */
export const validateNoQuery = async (query: Record<string, unknown> = {}) => {
  await validateQuery(yup.object({}), query);
};

export const validateBulkDelete = validateYupSchema(bulkDeleteSchema) as (body: unknown) => Promise<BulkDeleteRequest>;

export const validateId = async (id: unknown): Promise<number> => {
  await validateYupSchema(idSchema)(id);
  return Number(id);
};

/** A 400 shaped like a yup error, for rules checked against the database. `path` is dotted. */
export const fieldError = (path: string, message: string) =>
  new errors.ValidationError(message, { errors: [{ path: path.split('.'), message, name: 'ValidationError' }] });
