import { yup, validateYupSchema, errors } from '@strapi/utils';
import { CONTROL_CHARACTERS, CONTROL_CHARACTERS_EXCEPT_LINES, isPlainObject } from './text';
import {
  isEmailAddress,
  isLanguageTag,
  LANGUAGE_TAG_PATTERN,
  MAX_RECIPIENTS,
  languagesByAddress,
  sortRecipients,
  type EmailOptions,
  type RecipientWithLanguage,
} from '../../../shared';

export const SUBJECT_MAX_LENGTH = 255;
export const MESSAGE_MAX_LENGTH = 5000;

const isTimeZone = (value: string) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
};

/** What shapes the email, shared by the send and the preview. */
const emailFields = {
  // One line: a line break in a subject would start a new mail header.
  subject: yup
    .string()
    .typeError('subject must be a string')
    .test('subject-length', `subject must be 1 to ${SUBJECT_MAX_LENGTH} characters long`, (value) => {
      if (value === undefined) return true;
      const { length } = value.trim();
      return length >= 1 && length <= SUBJECT_MAX_LENGTH;
    })
    .test('subject-one-line', 'subject must be one line without control characters', (value) =>
      value === undefined ? true : !CONTROL_CHARACTERS.test(value)
    ),
  message: yup
    .string()
    .typeError('message must be a string')
    .max(MESSAGE_MAX_LENGTH, `message must be at most ${MESSAGE_MAX_LENGTH} characters long`)
    .test('message-characters', 'message must not contain control characters', (value) =>
      value === undefined ? true : !CONTROL_CHARACTERS_EXCEPT_LINES.test(value)
    ),
  language: yup
    .string()
    .typeError('language must be a string')
    .matches(LANGUAGE_TAG_PATTERN, 'language must be a language code such as "en" or "fr"'),
  // The same setting under its first name, still taken from existing clients.
  locale: yup
    .string()
    .typeError('locale must be a string')
    .matches(LANGUAGE_TAG_PATTERN, 'locale must be a language code such as "en" or "fr"'),
  timeZone: yup
    .string()
    .typeError('timeZone must be a string')
    .test(
      'time-zone',
      'timeZone must be a time zone such as "Europe/Paris"',
      (value) => value === undefined || isTimeZone(value)
    ),
};

const LANGUAGE_MESSAGE = 'must be a language code such as "en" or "de"';

/** `{ email, language }`: an address with its own language (a CSV file's `language` column). */
const isRecipientWithLanguage = (value: unknown): value is RecipientWithLanguage =>
  isPlainObject(value) &&
  Object.keys(value).every((key) => key === 'email' || key === 'language') &&
  typeof value.email === 'string' &&
  (value.language === undefined || typeof value.language === 'string');

const emailEntry = yup
  .mixed<string | RecipientWithLanguage>()
  .test(
    'email-entry',
    '${path} must be an email address, or an object { email, language }',
    (value) => typeof value === 'string' || isRecipientWithLanguage(value)
  )
  .test('entry-language', `\${path}.language ${LANGUAGE_MESSAGE}`, (value) =>
    isRecipientWithLanguage(value) && value.language !== undefined ? isLanguageTag(value.language) : true
  );

const emailsField = yup
  .array()
  .typeError('emails must be a list of email addresses')
  .of(emailEntry)
  .required('emails is required')
  .min(1, 'emails must list at least one address')
  .max(MAX_RECIPIENTS, `emails must list at most ${MAX_RECIPIENTS} addresses`);

// Strictly a boolean: "true" or 1 is a client mistake, not a guess at what was meant.
const personalField = yup.boolean().typeError('personal must be true or false');

const sendSchema = yup
  .object({ emails: emailsField, personal: personalField, ...emailFields })
  .noUnknown(true, 'Unknown field: ${unknown}')
  .required()
  .typeError('The body must be a JSON object');
const emailOptionsSchema = yup
  .object(emailFields)
  .noUnknown(true, 'Unknown field: ${unknown}')
  .required()
  .typeError('The body must be a JSON object');
// `personal`: the preview of the email personal links go out in (its own template).
const previewSchema = yup
  .object({ personal: personalField, ...emailFields })
  .noUnknown(true, 'Unknown field: ${unknown}')
  .required()
  .typeError('The body must be a JSON object');

export interface SendInput extends EmailOptions {
  /** Valid, trimmed and each once (compared without case). */
  recipients: string[];
  /** A recipient's own language, by address as normalizeRecipientEmail writes it; the others' is `locale`. */
  languages: Map<string, string>;
  /** Each recipient gets a personal link instead of the link itself. */
  personal: boolean;
}

/** 400 naming every address that is not one; details.invalid lists them once each. */
const invalidAddressesError = (emails: string[], invalid: string[]) => {
  const message = `${invalid.length === 1 ? 'This is not a valid email address' : 'These are not valid email addresses'}: ${invalid
    .map((address) => JSON.stringify(address))
    .join(', ')}. Nothing was sent.`;
  const fieldErrors = emails.flatMap((entry, index) =>
    isEmailAddress(entry.trim())
      ? []
      : [
          {
            path: ['emails', String(index)],
            message: `${JSON.stringify(entry.trim())} is not a valid email address`,
            name: 'ValidationError',
          },
        ]
  );
  return new errors.ValidationError(message, { errors: fieldErrors, invalid });
};

type WithLanguage<T> = T & { language?: string };

/** The email's language from `language`, or from `locale` (its first name); two different ones are a mistake. */
const languageAsLocale = <T extends EmailOptions>({ language, ...options }: WithLanguage<T>): T => {
  if (language !== undefined && options.locale !== undefined && language !== options.locale) {
    throw new errors.ValidationError('language and locale are the same setting: give one of them');
  }
  return (language === undefined ? options : { ...options, locale: language }) as T;
};

export const validateSendInput = async (body: unknown): Promise<SendInput> => {
  const { emails, personal, ...options } = languageAsLocale(
    (await validateYupSchema(sendSchema)(body)) as WithLanguage<
      EmailOptions & { emails: Array<string | RecipientWithLanguage>; personal?: boolean }
    >
  );
  const addresses = emails.map((entry) => (typeof entry === 'string' ? entry : entry.email));
  const { valid, invalid } = sortRecipients(addresses);
  if (invalid.length > 0) throw invalidAddressesError(addresses, invalid);
  const withLanguages = emails.filter((entry): entry is RecipientWithLanguage => typeof entry !== 'string');
  return { recipients: valid, languages: languagesByAddress(withLanguages), personal: personal ?? false, ...options };
};

export const validateEmailOptions = async (body: unknown): Promise<EmailOptions> =>
  languageAsLocale((await validateYupSchema(emailOptionsSchema)(body)) as WithLanguage<EmailOptions>);

export const validatePreviewOptions = async (body: unknown): Promise<EmailOptions & { personal?: boolean }> =>
  languageAsLocale((await validateYupSchema(previewSchema)(body)) as WithLanguage<EmailOptions & { personal?: boolean }>);
