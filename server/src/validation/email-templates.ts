import { yup, validateYupSchema, errors } from '@strapi/utils';
import { CONTROL_CHARACTERS, CONTROL_CHARACTERS_EXCEPT_LINES } from './text';
import {
  TEMPLATE_BODY_MAX_LENGTH,
  TEMPLATE_SUBJECT_MAX_LENGTH,
  templatePartProblem,
  type EmailKind,
  type EmailTemplateText,
} from '../../../shared';

// An empty string is `required`'s to refuse: one error, not two.
const lengthBetween = (min: number, max: number) => (value: string | undefined) =>
  value === undefined || value === '' || (value.trim().length >= min && value.length <= max);

const templateSchema = yup
  .object({
    // One line: a line break in a subject would start a new mail header.
    subject: yup
      .string()
      .typeError('subject must be a string')
      .required('subject is required')
      .test(
        'subject-length',
        `subject must be 1 to ${TEMPLATE_SUBJECT_MAX_LENGTH} characters long`,
        lengthBetween(1, TEMPLATE_SUBJECT_MAX_LENGTH)
      )
      .test('subject-one-line', 'subject must be one line without control characters', (value) =>
        value === undefined ? true : !CONTROL_CHARACTERS.test(value)
      ),
    body: yup
      .string()
      .typeError('body must be a string')
      .required('body is required')
      .test(
        'body-length',
        `body must be 1 to ${TEMPLATE_BODY_MAX_LENGTH} characters long`,
        lengthBetween(1, TEMPLATE_BODY_MAX_LENGTH)
      )
      .test('body-characters', 'body must not contain control characters', (value) =>
        value === undefined ? true : !CONTROL_CHARACTERS_EXCEPT_LINES.test(value)
      ),
  })
  .noUnknown(true, 'Unknown field: ${unknown}')
  .required()
  .typeError('The body must be a JSON object');

/** 400 naming the part and what is wrong with it (an unknown variable, a missing link). */
const templateProblemError = (part: 'subject' | 'body', problem: string) =>
  new errors.ValidationError(problem, { errors: [{ path: [part], message: problem, name: 'ValidationError' }] });

/** `{ subject, body }` of `PUT /email-templates/:kind/:language`, checked against what that kind may use. */
export const validateTemplateText = async (kind: EmailKind, body: unknown): Promise<EmailTemplateText> => {
  const text = (await validateYupSchema(templateSchema)(body)) as EmailTemplateText;
  for (const part of ['subject', 'body'] as const) {
    const problem = templatePartProblem(kind, part, text[part]);
    if (problem) throw templateProblemError(part, problem);
  }
  return { subject: text.subject.trim(), body: text.body };
};
