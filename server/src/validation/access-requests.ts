import { yup, validateYupSchema } from '@strapi/utils';
import {
  ACCESS_REQUEST_BULK_MAX,
  ACCESS_REQUEST_HONEYPOT_FIELD,
  ACCESS_REQUEST_MESSAGE_MAX_LENGTH,
  ACCESS_REQUEST_NAME_MAX_LENGTH,
  ACCESS_REQUEST_STATUSES,
  DECLINE_MESSAGE_MAX_LENGTH,
  isEmailAddress,
  LANGUAGE_TAG_PATTERN,
  type AccessRequestsQuery,
} from '../../../shared';
import type { AccessRequestSubmission, ApproveOptions, DeclineOptions } from '../services/access-requests';
import { MAX_DATABASE_ID, pageOf, pageQueryFields, validateQuery } from './invitation';
import { CONTROL_CHARACTERS, CONTROL_CHARACTERS_EXCEPT_LINES, LONE_SURROGATE } from './text';

/** What a bot may put in the honeypot before the length alone makes it a bad request. */
const HONEYPOT_MAX_LENGTH = 2048;

/** A text field given as a string (never a number or a list), at most `max` characters once trimmed. */
const textField = (field: string, max: number, { multiline }: { multiline: boolean }) =>
  yup
    .string()
    .strict()
    .typeError(`${field} must be a string`)
    .test(
      'length',
      `${field} must be at most ${max} characters long`,
      (value) => value === undefined || value.trim().length <= max
    )
    .test('characters', `${field} must not contain control characters or broken Unicode`, (value) =>
      value === undefined
        ? true
        : !(multiline ? CONTROL_CHARACTERS_EXCEPT_LINES : CONTROL_CHARACTERS).test(value) && !LONE_SURROGATE.test(value)
    );

const submissionSchema = yup
  .object({
    email: yup
      .string()
      .strict()
      .typeError('email must be a string')
      .required('email is required')
      .test('email', 'email must be a valid email address', (value) => value === undefined || isEmailAddress(value.trim())),
    name: textField('name', ACCESS_REQUEST_NAME_MAX_LENGTH, { multiline: false }),
    message: textField('message', ACCESS_REQUEST_MESSAGE_MAX_LENGTH, { multiline: true }),
    [ACCESS_REQUEST_HONEYPOT_FIELD]: yup
      .string()
      .strict()
      .typeError(`${ACCESS_REQUEST_HONEYPOT_FIELD} must be a string`)
      .max(HONEYPOT_MAX_LENGTH, `${ACCESS_REQUEST_HONEYPOT_FIELD} must be at most ${HONEYPOT_MAX_LENGTH} characters long`),
  })
  .noUnknown(true, 'Unknown field: ${unknown}')
  .required('The body must be a JSON object')
  .typeError('The body must be a JSON object');

/** Trimmed; an empty name or message counts as none. */
const optionalText = (value: string | undefined) => (value?.trim() ? value.trim() : undefined);

/**
 * `POST /api/invitations/requests` (and the hosted request page's form): the address, trimmed and
 * kept as typed; the name and message trimmed, left out when empty; the honeypot as sent.
 */
export const validateAccessRequestSubmission = async (body: unknown): Promise<AccessRequestSubmission> => {
  const parsed = (await validateYupSchema(submissionSchema)(body)) as Record<string, string | undefined>;
  const name = optionalText(parsed.name);
  const message = optionalText(parsed.message);
  const website = parsed[ACCESS_REQUEST_HONEYPOT_FIELD];
  return {
    email: (parsed.email as string).trim(),
    ...(name !== undefined && { name }),
    ...(message !== undefined && { message }),
    ...(website !== undefined && { website }),
  };
};

const requestsQuerySchema = yup.object({
  ...pageQueryFields,
  status: yup.string().oneOf([...ACCESS_REQUEST_STATUSES], `status must be one of ${ACCESS_REQUEST_STATUSES.join(', ')}`),
});

/** `GET /invitations/requests?status&q&page&pageSize`. */
export const validateAccessRequestsQuery = async (query: Record<string, unknown> = {}): Promise<AccessRequestsQuery> => {
  const parsed = await validateQuery(requestsQuerySchema, query);
  return { ...pageOf(parsed), ...(parsed.status ? { status: parsed.status as AccessRequestsQuery['status'] } : {}) };
};

/** `GET /invitations/requests/links?q`. */
export const validateApprovableLinksQuery = async (query: Record<string, unknown> = {}): Promise<string | undefined> =>
  (await validateQuery(yup.object({ q: pageQueryFields.q }), query)).q || undefined;

const idField = (field: string) =>
  yup
    .number()
    .strict()
    .typeError(`${field} must be an id`)
    .integer(`${field} must be an id`)
    .min(1, `${field} must be an id`)
    .max(MAX_DATABASE_ID, `${field} must be an id`);

const languageField = yup
  .string()
  .strict()
  .typeError('language must be a string')
  .matches(LANGUAGE_TAG_PATTERN, 'language must be a language code such as "en" or "fr"');

const approveFields = {
  invitationId: idField('invitationId').required('invitationId is required'),
  language: languageField,
};

const declineFields = {
  sendEmail: yup.boolean().strict().typeError('sendEmail must be true or false').required('sendEmail is required'),
  message: textField('message', DECLINE_MESSAGE_MAX_LENGTH, { multiline: true }),
  language: languageField,
};

const idsField = yup
  .array()
  .typeError('ids must be a list of access request ids')
  .required('ids is required')
  .min(1, 'ids must list at least one access request')
  .max(ACCESS_REQUEST_BULK_MAX, `ids may list at most ${ACCESS_REQUEST_BULK_MAX} access requests`)
  .of(idField('ids[]').required('ids must not hold an empty entry'))
  .test('unique', 'ids must not list a request twice', (ids) => !ids || new Set(ids).size === ids.length);

/** A JSON body of exactly these fields, checked; its values as `T`. */
const bodyValidator = <T>(fields: Parameters<typeof yup.object>[0]) =>
  validateYupSchema(
    yup
      .object(fields)
      .noUnknown(true, 'Unknown field: ${unknown}')
      .required('The body must be a JSON object')
      .typeError('The body must be a JSON object')
  ) as (input: unknown) => Promise<T>;

const declineOptions = ({ sendEmail, message, language }: DeclineOptions): DeclineOptions => ({
  sendEmail,
  ...(optionalText(message) !== undefined && { message: optionalText(message) }),
  ...(language !== undefined && { language }),
});

export const validateApprove = bodyValidator<ApproveOptions>(approveFields);

const checkDecline = bodyValidator<DeclineOptions>(declineFields);
export const validateDecline = async (input: unknown): Promise<DeclineOptions> => declineOptions(await checkDecline(input));

export const validateBulkApprove = bodyValidator<ApproveOptions & { ids: number[] }>({ ids: idsField, ...approveFields });

const checkBulkDecline = bodyValidator<DeclineOptions & { ids: number[] }>({ ids: idsField, ...declineFields });
export const validateBulkDecline = async (input: unknown): Promise<DeclineOptions & { ids: number[] }> => {
  const { ids, ...options } = await checkBulkDecline(input);
  return { ids, ...declineOptions(options) };
};

const checkNoBody = bodyValidator<Record<string, never>>({});
/** The resend takes no body. */
export const validateNoBody = async (input: unknown) => {
  await checkNoBody(input ?? {});
};
