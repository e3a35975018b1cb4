import { yup, validateYupSchema, errors } from '@strapi/utils';
import { CONTROL_CHARACTERS, CONTROL_CHARACTERS_EXCEPT_LINES } from './text';
import {
  TEMPLATE_BODY_MAX_LENGTH,
  TEMPLATE_SUBJECT_MAX_LENGTH,
  describeTemplateProblem,
  templatePartProblem,
  type EmailKind,
  type EmailTemplateText,
} from '../../../shared';

// An empty string is `required`'s to refuse: one error, not two.
const lengthBetween = (min: number, max: number) => (value: string | undefined) =>
  value === undefined || value === '' || (value.trim().length >= min && value.length <= max);

/** One part of a template: a string of `min`-`max` characters without the control characters `forbidden` finds. */
const partField = (part: 'subject' | 'body', max: number, forbidden: RegExp, characters: string) =>
  yup
    .string()
    .typeError(`${part} must be a string`)
    .required(`${part} is required`)
    .test(`${part}-length`, `${part} must be 1 to ${max} characters long`, lengthBetween(1, max))
    .test(`${part}-characters`, `${part} must ${characters}`, (value) => (value === undefined ? true : !forbidden.test(value)));

const templateSchema = yup
  .object({
    // One line: a line break in a subject would start a new mail header.
    subject: partField('subject', TEMPLATE_SUBJECT_MAX_LENGTH, CONTROL_CHARACTERS, 'be one line without control characters'),
    body: partField('body', TEMPLATE_BODY_MAX_LENGTH, CONTROL_CHARACTERS_EXCEPT_LINES, 'not contain control characters'),
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
    if (problem) throw templateProblemError(part, describeTemplateProblem(problem));
  }
  return { subject: text.subject.trim(), body: text.body };
};
