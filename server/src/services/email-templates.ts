import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { PLUGIN_ID } from '../constants';
import type { EmailConfig } from '../config/email';
import { BUILT_IN_DECLINE_TEMPLATES } from '../email/decline-templates';
import { BUILT_IN_LOCALES, BUILT_IN_TEMPLATES, DEFAULT_LOCALE, type EmailTemplate } from '../email/templates';
import { isPlainObject } from '../validation/text';
import { EMAIL_KINDS, TEMPLATE_VARIABLES, type EmailKind, type EmailTemplateRow, type EmailTemplateText } from '../../../shared';

/** The one key of the plugin's store holding every edit: `{ [kind]: { [language]: { subject, body } } }`. */
export const TEMPLATES_STORE_KEY = 'email-templates';

type StoredEdits = Partial<Record<EmailKind, Record<string, EmailTemplateText>>>;

/** What an email of one kind and language is written from, and whether an admin's edit is in it. */
export interface EffectiveTemplate {
  template: EmailTemplate;
  /** True: `text` is the admin's body, and the HTML part is made from it (not the config's `html`). */
  edited: boolean;
}

const isTemplateText = (value: unknown): value is EmailTemplateText =>
  isPlainObject(value) && typeof value.subject === 'string' && typeof value.body === 'string';

/**
 * The emails' templates as Settings > Invitations > Email templates edits them. The template of a
 * kind and language is the admin's edit stored in the plugin's store, else the config file's
 * `email.templates` for that language, else the built-in text. Both invitation kinds start from
 * the same config and built-in text; the answer to a declined access request has its own built-in
 * text (the config's templates are invitations: they must contain the link).
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const store = () => strapi.store({ type: 'plugin', name: PLUGIN_ID });
  const emailConfig = () => strapi.config.get(`plugin::${PLUGIN_ID}.email`) as EmailConfig;
  // Edits are read, changed and written whole (one key): one change at a time in this process.
  let writing: Promise<unknown> = Promise.resolve();

  const readEdits = async (): Promise<StoredEdits> => {
    const stored = await store().get({ key: TEMPLATES_STORE_KEY });
    return isPlainObject(stored) ? (stored as StoredEdits) : {};
  };

  const editOf = (edits: StoredEdits, kind: EmailKind, language: string) => {
    const edit = edits[kind]?.[language];
    return isTemplateText(edit) ? edit : null;
  };

  /** The shipped languages, then those the config file adds. */
  const languages = () => [...new Set<string>([...BUILT_IN_LOCALES, ...Object.keys(emailConfig().templates)])];

  /** The config file's template over the built-in one. */
  const configured = (kind: EmailKind, language: string): EmailTemplate =>
    kind === 'access-request-declined'
      ? (BUILT_IN_DECLINE_TEMPLATES[language] ?? BUILT_IN_DECLINE_TEMPLATES[DEFAULT_LOCALE])
      : ({ ...BUILT_IN_TEMPLATES[language], ...emailConfig().templates[language] } as EmailTemplate);

  const defaultOf = (kind: EmailKind, language: string): EmailTemplateText => {
    const { subject, text } = configured(kind, language);
    return { subject, body: text };
  };

  /** 404 unless the kind and the language are ones the plugin writes emails in. */
  const checkKnown = (kind: string, language: string): EmailKind => {
    if (!(EMAIL_KINDS as readonly string[]).includes(kind)) {
      throw new errors.NotFoundError(`No email kind "${kind}"; the kinds are ${EMAIL_KINDS.join(', ')}`, { kind });
    }
    if (!languages().includes(language)) {
      throw new errors.NotFoundError(`No email language "${language}"; the languages are ${languages().join(', ')}`, {
        language,
      });
    }
    return kind as EmailKind;
  };

  const rowOf = (edits: StoredEdits, kind: EmailKind, language: string): EmailTemplateRow => {
    const fallback = defaultOf(kind, language);
    const edit = editOf(edits, kind, language);
    return {
      kind,
      language,
      ...(edit ?? fallback),
      variables: { subject: [...TEMPLATE_VARIABLES[kind].subject], body: [...TEMPLATE_VARIABLES[kind].body] },
      isDefault: edit === null,
      default: fallback,
    };
  };

  /** Applies `change` to the stored edits, one change at a time; the row of (kind, language) after it. */
  const changeEdits = (kind: EmailKind, language: string, change: (edits: StoredEdits) => void) => {
    const done = writing.then(async () => {
      const edits = await readEdits();
      change(edits);
      await store().set({ key: TEMPLATES_STORE_KEY, value: edits });
      return rowOf(edits, kind, language);
    });
    writing = done.catch(() => undefined);
    return done;
  };

  return {
    languages,
    checkKnown,

    /** Every kind in every language, with its default. */
    async list(): Promise<EmailTemplateRow[]> {
      const edits = await readEdits();
      return EMAIL_KINDS.flatMap((kind) => languages().map((language) => rowOf(edits, kind, language)));
    },

    async find(kind: EmailKind, language: string): Promise<EmailTemplateRow> {
      return rowOf(await readEdits(), kind, language);
    },

    /** Stores the admin's subject and body (validated) for the next emails of that kind and language. */
    save(kind: EmailKind, language: string, text: EmailTemplateText): Promise<EmailTemplateRow> {
      return changeEdits(kind, language, (edits) => {
        edits[kind] = { ...edits[kind], [language]: { subject: text.subject, body: text.body } };
      });
    },

    /** Forgets the edit: the config file's template, else the built-in one, again. */
    reset(kind: EmailKind, language: string): Promise<EmailTemplateRow> {
      return changeEdits(kind, language, (edits) => {
        const { [language]: _removed, ...others } = edits[kind] ?? {};
        edits[kind] = others;
      });
    },

    /** What the next email of this kind and language is written from. */
    async effective(kind: EmailKind, language: string): Promise<EffectiveTemplate> {
      const template = configured(kind, language);
      const edit = editOf(await readEdits(), kind, language);
      return edit
        ? { template: { ...template, subject: edit.subject, text: edit.body }, edited: true }
        : { template, edited: false };
    },
  };
};
