import type { Core } from '@strapi/strapi';
import { async, errors } from '@strapi/utils';
import { INVITATION_UID, PLUGIN_ID } from '../constants';
import type { EmailConfig } from '../config/email';
import { renewTokenCopies } from '../database/renew-token-copies';
import { escapeForHtml, renderTemplate } from '../email/render';
import { DEFAULT_LOCALE } from '../email/templates';
import { getService } from '../utils/get-service';
import { matchLanguage } from '../utils/language';
import type { LinkVisibility } from '../utils/link-visibility';
import { emailNotSentError, linkUnavailableError, unusableInvitationError } from '../utils/errors';
import {
  invitationStatus,
  normalizeRecipientEmail,
  remainingSeats,
  renderBodyAsHtml,
  type ComposedEmail,
  type EmailKind,
  type EmailOptions,
  type EmailTemplateTestResult,
  type SeatsWarning,
  type SendResult,
} from '../../../shared';
import type { SendInput } from '../validation/send';
import type { EffectiveTemplate } from './email-templates';
import type { PersonalLink } from './recipients';
import type { DeliveryOutcome } from './deliveries';

/** The admin sending, as Strapi puts it in ctx.state.user; no id: the site itself (siteSender: reminders, auto-approvals, decline answers). */
export interface Sender {
  id?: number;
  firstname?: string | null;
  lastname?: string | null;
  username?: string | null;
  email: string;
  preferedLanguage?: string | null;
}

interface SendableInvitation {
  id: number;
  url: string;
  expiresAt: Date;
  remaining: number;
}

/** The template an email is written from, in the language chosen. */
export interface Written extends EffectiveTemplate {
  locale: string;
}

/** How long the sample link of a test email would work: a week, as links often do. */
const TEST_EXPIRY_MS = 7 * 24 * 60 * 60 * 1000;

const INVITATION_DELETED = 'Not sent: the invitation was deleted while its emails were being sent';
const ERROR_MAX_LENGTH = 500;

const errorText = (error: unknown) =>
  (error instanceof Error ? error.message : String(error)).replace(/\s+/g, ' ').trim().slice(0, ERROR_MAX_LENGTH) ||
  'The email provider refused the message';

const senderName = (sender: Sender) =>
  [sender.firstname, sender.lastname].filter(Boolean).join(' ') || sender.username || sender.email;

/** "January 31, 2030 at 11:59 PM UTC", in the email's language and the admin's time zone. */
const formatExpiry = (instant: Date, locale: string, timeZone = 'UTC') => {
  const options: Intl.DateTimeFormatOptions = {
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZone,
    timeZoneName: 'short',
  };
  try {
    return new Intl.DateTimeFormat(locale, options).format(instant);
  } catch {
    return new Intl.DateTimeFormat(DEFAULT_LOCALE, options).format(instant);
  }
};

const seatsWarnings = (recipients: number, remaining: number): SeatsWarning[] =>
  recipients > remaining
    ? [
        {
          code: 'more-recipients-than-seats',
          message: `The link was sent to ${recipients} people but only ${remaining} can still sign up with it: the first ${remaining} to do so get an account.`,
          recipients,
          remaining,
        },
      ]
    : [];

/** "Send invitation": writes the email from the templates, sends it to each address, records each send. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const emailConfig = () => strapi.config.get(`plugin::${PLUGIN_ID}.email`) as EmailConfig;

  const templates = () => getService(strapi, 'email-templates');

  /**
   * The template of this kind in the language asked for, else in one of the same primary language
   * (`pt` → `pt-BR`), else in English: an admin's edit, else the config file's, else the built-in
   * one. The site's config templates count as languages too.
   */
  const templateFor = async (kind: EmailKind, requested: string): Promise<Written> => {
    const locale = matchLanguage(templates().languages(), requested) ?? DEFAULT_LOCALE;
    return { locale, ...(await templates().effective(kind, locale)) };
  };

  const writtenFor = (kind: EmailKind, options: EmailOptions, sender: Sender) =>
    templateFor(kind, options.locale ?? sender.preferedLanguage ?? DEFAULT_LOCALE);

  /** An invitation that can be sent: it exists, has seats left, has not expired, and its link can be shown. */
  const findSendable = async (id: number): Promise<SendableInvitation> => {
    const row = await strapi.db.query(INVITATION_UID).findOne({
      select: ['id', 'maxUses', 'usedCount', 'expiresAt', 'tokenHash', 'tokenCiphertext'],
      where: { id },
    });
    if (!row) throw new errors.NotFoundError('Invitation not found');
    if (invitationStatus(row) !== 'active') throw unusableInvitationError(row);
    await renewTokenCopies(strapi, INVITATION_UID, [row]);
    const token = getService(strapi, 'tokens').decrypt(row.tokenCiphertext, row.tokenHash);
    if (!token) throw linkUnavailableError();
    return {
      id: row.id,
      url: getService(strapi, 'links').invitationUrl(token),
      expiresAt: new Date(row.expiresAt),
      remaining: remainingSeats(row),
    };
  };

  const compose = (
    invitation: Pick<SendableInvitation, 'url' | 'expiresAt'>,
    options: EmailOptions,
    sender: Sender,
    { locale, template, edited }: Written
  ): ComposedEmail => {
    const known = {
      siteName: emailConfig().siteName ?? new URL(invitation.url).hostname,
      senderName: senderName(sender),
    };
    const defaults = { subject: renderTemplate(template.subject, known), message: renderTemplate(template.message, known) };
    const values = {
      ...known,
      link: invitation.url,
      expiresAt: formatExpiry(invitation.expiresAt, locale, options.timeZone),
      subject: options.subject?.trim() ?? defaults.subject,
      message: (options.message ?? defaults.message).trim(),
    };
    return {
      locale,
      subject: values.subject,
      text: renderTemplate(template.text, values),
      // An edited body is plain text: its HTML part is made from it, every value escaped.
      html: edited ? renderBodyAsHtml(template.text, values, locale) : renderTemplate(template.html, values, escapeForHtml),
      defaults,
    };
  };

  /** Hands one email to the email provider and records the outcome; never throws. */
  const deliver = async (
    invitationId: number,
    email: ComposedEmail,
    recipient: string,
    sender: Sender,
    { kind = 'invitation', onSent }: Pick<DeliveryOutcome, 'kind' | 'onSent'> = {}
  ) => {
    let error: string | null = null;
    try {
      await strapi
        .plugin('email')
        .service('email')
        .send({ to: recipient, subject: email.subject, text: email.text, html: email.html });
    } catch (sendError) {
      error = errorText(sendError);
    }
    let recorded = true;
    try {
      recorded = await getService(strapi, 'deliveries').record(invitationId, { recipient, error, kind, onSent }, sender.id);
    } catch (recordError) {
      strapi.log.error(`[invitations] Could not record the email of invitation ${invitationId}: ${errorText(recordError)}`);
    }
    return { recipient, error, invitationDeleted: !recorded };
  };

  /** One email per recipient: the link itself for all, or each recipient's personal link. */
  interface Letter {
    recipient: string;
    email: ComposedEmail;
    /** The personal link mailed, whose send count (and language) changes once the email is sent. */
    personalLinkId?: number;
  }

  /** What became of one letter: the provider's error, or null once sent. */
  interface Outcome {
    recipient: string;
    error: string | null;
    personalLinkId?: number;
    language?: string;
  }

  const personalLetter = (
    invitation: SendableInvitation,
    link: PersonalLink,
    recipient: string,
    options: EmailOptions,
    sender: Sender,
    written: Written
  ): Letter => ({
    recipient,
    email: compose({ ...invitation, url: getService(strapi, 'links').invitationUrl(link.token) }, options, sender, written),
    personalLinkId: link.id,
  });

  /** A recipient's template, and the options it is written with. */
  interface Wording {
    written: Written;
    options: EmailOptions;
  }

  /**
   * Each recipient's wording: in their own language when the send gives one (a CSV file's
   * `language` column), else in the send's. The subject and message the admin wrote are in the
   * send's language: a recipient whose email is in another gets that language's own.
   */
  const wordingForEach = async (kind: EmailKind, input: SendInput, sender: Sender): Promise<Wording[]> => {
    const byLanguage = new Map<string | undefined, Promise<Written>>();
    const writtenIn = (language: string | undefined) => {
      if (!byLanguage.has(language))
        byLanguage.set(language, writtenFor(kind, { ...input, locale: language ?? input.locale }, sender));
      return byLanguage.get(language) as Promise<Written>;
    };
    const sendLanguage = (await writtenIn(undefined)).locale;
    const templateWords: EmailOptions = { timeZone: input.timeZone };
    return Promise.all(
      input.recipients.map(async (recipient) => {
        const written = await writtenIn(input.languages.get(normalizeRecipientEmail(recipient)));
        return { written, options: written.locale === sendLanguage ? input : templateWords };
      })
    );
  };

  const lettersFor = async (invitation: SendableInvitation, input: SendInput, sender: Sender): Promise<Letter[]> => {
    const { recipients } = input;
    if (!input.personal) {
      const wordings = await wordingForEach('invitation', input, sender);
      // One email per language, the same for everyone who reads it.
      const emails = new Map<Written, ComposedEmail>();
      return recipients.map((recipient, index) => {
        const { written, options } = wordings[index];
        if (!emails.has(written)) emails.set(written, compose(invitation, options, sender, written));
        return { recipient, email: emails.get(written) as ComposedEmail };
      });
    }
    const wordings = await wordingForEach('personal-invitation', input, sender);
    const links = await getService(strapi, 'recipients').linksFor(invitation.id, recipients);
    return links.map((link, index) =>
      personalLetter(invitation, link, recipients[index], wordings[index].options, sender, wordings[index].written)
    );
  };

  /** Counts the personal links whose email went, and keeps the language each was written in. */
  const countSentLinks = async (outcomes: Outcome[]) => {
    const sentLinks = outcomes.flatMap(({ error, personalLinkId, language }) =>
      error === null && personalLinkId !== undefined ? [{ id: personalLinkId, language }] : []
    );
    if (sentLinks.length > 0) await getService(strapi, 'recipients').markSent(sentLinks);
  };

  /** The site as the sender of the emails no admin sends: its name stands for theirs. */
  const siteSender = (): Sender => ({
    firstname: emailConfig().siteName ?? new URL(getService(strapi, 'links').maskedInvitationUrl()).hostname,
    email: '',
  });

  return {
    /** The email as it will be sent; for an admin who may not see links, with the link's token masked. */
    async preview(
      id: number,
      { personal, ...options }: EmailOptions & { personal?: boolean },
      sender: Sender,
      { showLinks }: LinkVisibility
    ): Promise<ComposedEmail> {
      const invitation = await findSendable(id);
      const shown = showLinks ? invitation : { ...invitation, url: getService(strapi, 'links').maskedInvitationUrl() };
      return compose(shown, options, sender, await writtenFor(personal ? 'personal-invitation' : 'invitation', options, sender));
    },

    /**
     * "Send me a test": the template of this kind and language, filled with sample values and a
     * link whose token is masked (no invitation behind it), sent to the calling admin only and
     * recorded nowhere. The provider's refusal is a 502.
     */
    async sendTemplateTest(kind: EmailKind, language: string, sender: Sender): Promise<EmailTemplateTestResult> {
      const sample = { url: getService(strapi, 'links').maskedInvitationUrl(), expiresAt: new Date(Date.now() + TEST_EXPIRY_MS) };
      const email = compose(sample, { locale: language }, sender, {
        locale: language,
        ...(await templates().effective(kind, language)),
      });
      const subject = `[Test] ${email.subject}`;
      try {
        await strapi.plugin('email').service('email').send({ to: sender.email, subject, text: email.text, html: email.html });
      } catch (error) {
        throw emailNotSentError(errorText(error));
      }
      strapi.log.info(`[invitations] Admin ${sender.id} sent themselves a test of the ${kind} email in ${language}`);
      return { sentTo: sender.email, subject };
    },

    /**
     * Sends the invitation's link, or each recipient's personal link, to each recipient, one email
     * each, a few at a time. One address that fails does not stop the others; each attempt is
     * recorded. A personal link is written before its email: one that fails stays pending, and a
     * later send mails the same link.
     */
    async send(id: number, input: SendInput, sender: Sender): Promise<SendResult> {
      const invitation = await findSendable(id);
      const letters = await lettersFor(invitation, input, sender);
      let invitationDeleted = false;
      // Strapi's p-map: results in the recipients' order, at most `concurrency` at once.
      const outcomes: Outcome[] = await async.map(
        letters,
        async ({ recipient, email, personalLinkId }: Letter) => {
          if (invitationDeleted) return { recipient, error: INVITATION_DELETED };
          const outcome = await deliver(id, email, recipient, sender);
          invitationDeleted ||= outcome.invitationDeleted;
          return { ...outcome, personalLinkId, language: email.locale };
        },
        { concurrency: emailConfig().concurrency }
      );
      await countSentLinks(outcomes);
      const result: SendResult = {
        sent: outcomes.filter((outcome) => outcome.error === null).map((outcome) => outcome.recipient),
        failed: outcomes.flatMap(({ recipient, error }) => (error === null ? [] : [{ email: recipient, error }])),
        remaining: invitation.remaining,
        warnings: seatsWarnings(input.recipients.length, invitation.remaining),
      };
      strapi.log.info(
        `[invitations] ${sender.id === undefined ? 'The site' : `Admin ${sender.id}`} sent invitation ${id} by email${input.personal ? ' (personal links)' : ''}: ${result.sent.length} sent, ${result.failed.length} failed`
      );
      return result;
    },

    siteSender,

    /**
     * The answer to a declined access request (`access-request-declined`, with the reviewer's
     * `message` if any), in `options.locale` else English; recorded in no link's log (it belongs to
     * none). The provider's error, or null once sent; never throws.
     */
    async sendDeclineAnswer(recipient: string, options: Pick<EmailOptions, 'locale' | 'message'>): Promise<string | null> {
      const written = await templateFor('access-request-declined', options.locale ?? DEFAULT_LOCALE);
      // The template has no link: the masked one only gives the site's host name when no siteName is set.
      const noLink = { url: getService(strapi, 'links').maskedInvitationUrl(), expiresAt: new Date() };
      const email = compose(noLink, options, siteSender(), written);
      try {
        await strapi
          .plugin('email')
          .service('email')
          .send({ to: recipient, subject: email.subject, text: email.text, html: email.html });
        return null;
      } catch (error) {
        return errorText(error);
      }
    },

    /** The reminder's template in `language` (the site's default when null): fetched once per language by a run. */
    reminderTemplate(language: string | null): Promise<Written> {
      return templateFor('reminder', language ?? DEFAULT_LOCALE);
    },

    /**
     * Reminds a pending recipient that their personal link expires soon: the same link, written
     * from `written` (see reminderTemplate), sent by the site (siteSender) and recorded as a reminder, with
     * `onSent` in the record's transaction once it went. Never throws; `invitationDeleted` when
     * the link was deleted meanwhile (then nothing was recorded).
     */
    async sendReminder(
      invitation: { id: number; expiresAt: Date },
      link: PersonalLink,
      written: Written,
      onSent: DeliveryOutcome['onSent']
    ) {
      const url = getService(strapi, 'links').invitationUrl(link.token);
      const sender = siteSender();
      const email = compose({ url, expiresAt: invitation.expiresAt }, {}, sender, written);
      const { error, invitationDeleted } = await deliver(invitation.id, email, link.email, sender, { kind: 'reminder', onSent });
      return { error, invitationDeleted };
    },

    /** Mails one personal link again, recorded like any send; the provider's error, or null once sent. */
    async sendPersonalLink(id: number, link: PersonalLink, options: EmailOptions, sender: Sender): Promise<string | null> {
      const written = await writtenFor('personal-invitation', options, sender);
      const letter = personalLetter(await findSendable(id), link, link.email, options, sender, written);
      const outcome = await deliver(id, letter.email, letter.recipient, sender);
      if (outcome.invitationDeleted) throw new errors.NotFoundError('Invitation not found');
      await countSentLinks([{ ...outcome, personalLinkId: link.id, language: letter.email.locale }]);
      return outcome.error;
    },
  };
};
