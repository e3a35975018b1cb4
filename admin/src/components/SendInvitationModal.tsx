import { useMemo, useState } from 'react';
import { Box, Button, Flex, IconButton, Modal, ProgressBar, Textarea, TextInput, Typography } from '@strapi/design-system';
import { PaperPlane } from '@strapi/icons';
import { useIntl } from 'react-intl';
import { isEmailInDomains, MASKED_TOKEN, sortRecipients } from '../../../shared';
import { useInvitationsApi, useRequest } from '../api';
import { adminTimeZone } from '../utils/dates';
import { useDebouncedValue } from '../utils/debounce';
import { useFailureText } from '../utils/failure';
import { otherLanguageCount, withLanguages } from '../utils/recipient-languages';
import { addImported, type InvalidRow, type RecipientsCsv } from '../utils/recipients-csv';
import { sendInBatches, type SendOutcome } from '../utils/send-batches';
import { usePluginTranslation } from '../utils/translations';
import { CsvImportField } from './CsvImportField';
import { defaultEmailLanguage, EmailLanguageField, OtherLanguagesNote } from './EmailLanguageField';
import { EmailPreview } from './EmailPreview';
import { DialogFooter } from './DialogForm';
import { FormField } from './FormField';
import { Notice } from './Notice';
import { OutsideDomainsNotice } from './OutsideDomainsNotice';
import { RecipientsField } from './RecipientsField';
import { SendModeField, type SendMode } from './SendModeField';
import { SendResultList } from './SendResultList';
import type { ComposedEmail as EmailPreviewData, Invitation } from '../../../shared';

interface Props {
  invitation: Invitation;
  onClose: () => void;
  /** Called once the emails have gone, so that the page shows the new record of sends. */
  onSent: () => void;
}

type Step = { kind: 'compose' } | { kind: 'sending'; done: number; total: number } | { kind: 'done'; outcome: SendOutcome };

const SUBJECT_MAX_LENGTH = 255;
const MESSAGE_MAX_LENGTH = 5000;

interface ButtonProps {
  invitation: Invitation;
  onClick: () => void;
  /** An icon for a table row instead of a labelled button. */
  compact?: boolean;
}

/** Opens the dialog; an expired or used-up link cannot be sent, and the button says so. */
export const SendInvitationButton = ({ invitation, onClick, compact = false }: ButtonProps) => {
  const t = usePluginTranslation();
  const usable = invitation.status === 'active';
  const label = usable
    ? t('actions.send', 'Send invitation')
    : t('actions.send.unavailable', 'Send invitation: only an active link can be sent');
  if (compact) {
    return (
      <IconButton label={label} variant="ghost" disabled={!usable} onClick={onClick}>
        <PaperPlane />
      </IconButton>
    );
  }
  return (
    <Button startIcon={<PaperPlane />} disabled={!usable} onClick={onClick} title={usable ? undefined : label}>
      {t('actions.send', 'Send invitation')}
    </Button>
  );
};

/**
 * The preview with the link's own token replaced by a placeholder: a personal sending mails each
 * person a token of their own, which does not exist yet, and the link's must not pass for one.
 * For an admin who may not see links, the server has already masked the token: the mask is replaced.
 */
const withExampleLink = (preview: EmailPreviewData | undefined, { token }: Invitation, example: string) => {
  const shownToken = token ?? MASKED_TOKEN;
  return preview
    ? { ...preview, html: preview.html.split(shownToken).join(example), text: preview.text.split(shownToken).join(example) }
    : preview;
};

/** "Send invitation": recipients, subject and message, a preview, then the sending and its result. */
export const SendInvitationModal = ({ invitation, onClose, onSent }: Props) => {
  const { locale } = useIntl();
  const t = usePluginTranslation();
  const failureText = useFailureText();
  const api = useInvitationsApi();
  const [mode, setMode] = useState<SendMode>('shared');
  const [entries, setEntries] = useState<string[]>([]);
  // The rows of the last CSV file that are not addresses: nothing is sent while there are some.
  const [invalidCsvRows, setInvalidCsvRows] = useState<InvalidRow[]>([]);
  // Each address's own language, from a CSV file's `language` column (the last file's wins).
  const [recipientLanguages, setRecipientLanguages] = useState<Map<string, string>>(new Map());
  // Undefined until the admin writes or the template's words arrive from the server to prefill both.
  const [subject, setSubject] = useState<string>();
  const [message, setMessage] = useState<string>();
  // 'waiting' for the first preview, which brings the template's words; 'unavailable' when it
  // failed first: the fields open empty, and a blank one stands for the template's own.
  const [defaults, setDefaults] = useState<'waiting' | 'prefilled' | 'unavailable'>('waiting');
  // The template's words, as the first preview to arrive brought them.
  const [template, setTemplate] = useState<EmailPreviewData['defaults']>();
  // Problems are shown once the admin has tried to send, then follow each change.
  const [triedToSend, setTriedToSend] = useState(false);
  const [step, setStep] = useState<Step>({ kind: 'compose' });
  const [language, setLanguage] = useState(() => defaultEmailLanguage(locale));
  const personal = mode === 'personal';

  const usesTemplate = defaults !== 'prefilled';
  // A blank subject is left out: after the prefill it is pointed out at the field (and the preview
  // keeps the template's); without the prefill, the server uses the template's.
  const subjectOption = subject?.trim() ? subject : undefined;
  const messageOption = usesTemplate && !message?.trim() ? undefined : message;
  // The send request carries the words as written, the template's included.
  const options = { locale: language, timeZone: adminTimeZone(), subject: subjectOption, message: messageOption };
  // The preview leaves out words still equal to the template's (the server writes the same ones):
  // prefilling the fields then does not change what is asked, and fetches no second preview.
  const previewSubject = subjectOption === template?.subject ? undefined : subjectOption;
  const previewMessage = messageOption === template?.message ? undefined : messageOption;
  // Personal links go out in an email of their own (Settings > Invitations > Email templates).
  const previewRequest = useMemo(
    () => ({
      locale: language,
      personal: personal || undefined,
      timeZone: adminTimeZone(),
      subject: previewSubject,
      message: previewMessage,
    }),
    [language, personal, previewSubject, previewMessage]
  );
  const previewOptions = useDebouncedValue(previewRequest, 400);
  // Each preview with what it was asked for: the one of a language before stays on screen while the
  // next loads, and must not prefill the fields.
  const preview = useRequest(
    () => api.previewEmail(invitation.id, previewOptions).then((email) => ({ email, asked: previewOptions })),
    [api, invitation.id, previewOptions]
  );
  const previewEmail = preview.data?.email;

  // Done while rendering, as soon as the first preview in the email's language (or its failure) is there.
  if (defaults !== 'prefilled' && previewOptions.locale === language && Boolean(previewOptions.personal) === personal) {
    if (previewEmail && preview.data?.asked === previewOptions) {
      // What the admin wrote meanwhile stays; only blank fields take the template's words.
      const words = previewEmail.defaults;
      setSubject((current) => (current?.trim() ? current : words.subject));
      setMessage((current) => (current?.trim() ? current : words.message));
      setTemplate(words);
      setDefaults('prefilled');
    } else if (preview.error && !preview.isLoading && defaults === 'waiting') {
      setDefaults('unavailable');
    }
  }
  // Personal links have a template of their own (personal-invitation): once the preview of the other
  // kind is there, words still the old template's become the new one's; the fields stay filled meanwhile.
  const arrived = preview.data?.asked === previewOptions ? previewEmail?.defaults : undefined;
  const sameKindAndLanguage = previewOptions.locale === language && Boolean(previewOptions.personal) === personal;
  if (defaults === 'prefilled' && template && arrived && sameKindAndLanguage) {
    if (arrived.subject !== template.subject || arrived.message !== template.message) {
      setSubject((current) => (current === template.subject ? arrived.subject : current));
      setMessage((current) => (current === template.message ? arrived.message : current));
      setTemplate(arrived);
    }
  }

  /**
   * Another language: words still the template's are the old language's, and give way to the new
   * template's once its preview is there; words the admin wrote stay.
   */
  const changeLanguage = (next: string) => {
    if (next === language) return;
    if (template && subject === template.subject) setSubject('');
    if (template && message === template.message) setMessage('');
    setLanguage(next);
    setDefaults('waiting');
  };

  const { valid, invalid } = sortRecipients(entries);
  const outsideDomains = valid.filter((address) => !isEmailInDomains(address, invitation.allowedEmailDomains));
  const importCsv = (csv: RecipientsCsv) => {
    const imported = addImported(entries, csv.addresses);
    setEntries(imported.entries);
    setRecipientLanguages((current) => new Map([...current, ...csv.languages]));
    setInvalidCsvRows(csv.invalid);
    return imported;
  };
  const seatsWarning =
    valid.length > invitation.remaining
      ? t(
          'send.seatsWarning',
          'You are sending this link to {count} people, but {remaining, plural, one {only # can still sign up with it: the first to do so gets an account.} other {only # can still sign up with it: the first # to do so get an account.}}',
          { count: valid.length, remaining: invitation.remaining }
        )
      : null;

  /** What must be fixed before anything is sent; empty when all is well. */
  const problems: { recipients?: string; subject?: string } = {
    ...(entries.length === 0 && { recipients: t('send.error.empty', 'Add at least one email address.') }),
    ...(invalid.length > 0 && {
      recipients: t(
        'send.error.invalid',
        '{count, plural, one {This is not a valid email address: {addresses}. Correct or remove it.} other {These are not valid email addresses: {addresses}. Correct or remove them.}} Nothing has been sent.',
        { addresses: invalid.map((address) => `“${address}”`).join(', '), count: invalid.length }
      ),
    }),
    ...(invalidCsvRows.length > 0 && {
      recipients: t('send.csv.error', 'Some rows of the CSV file cannot be used (listed below). Nothing has been sent.'),
    }),
    ...(defaults !== 'unavailable' && !subject?.trim() && { subject: t('form.error.required', 'This field is required') }),
  };
  const errors = triedToSend ? problems : {};

  const send = async (event: React.FormEvent) => {
    event.preventDefault();
    setTriedToSend(true);
    if (Object.keys(problems).length > 0) return;

    setStep({ kind: 'sending', done: 0, total: valid.length });
    const outcome = await sendInBatches(
      valid,
      (emails) => api.send(invitation.id, { ...options, emails: withLanguages(emails, recipientLanguages), personal }),
      (done) => setStep({ kind: 'sending', done, total: valid.length }),
      failureText
    );
    setStep({ kind: 'done', outcome });
    onSent();
  };

  const close = (open: boolean) => {
    // Closing while sending would leave the admin without the result.
    if (!open && step.kind !== 'sending') onClose();
  };

  return (
    <Modal.Root open onOpenChange={close}>
      <Modal.Content>
        <Modal.Header closeLabel={t('send.close', 'Close')}>
          <Modal.Title>{t('send.title', 'Send invitation')}</Modal.Title>
        </Modal.Header>
        {step.kind === 'compose' && (
          <form onSubmit={send} noValidate>
            <Modal.Body>
              <Flex direction="column" alignItems="stretch" gap={5}>
                <Typography textColor="neutral600">
                  {t('send.intro', 'Each recipient gets an email with the link “{name}”.', { name: invitation.name })}
                </Typography>
                <SendModeField mode={mode} onChange={setMode} />
                <RecipientsField entries={entries} onChange={setEntries} error={errors.recipients} />
                <CsvImportField invalidRows={invalidCsvRows} onImport={importCsv} onLeaveOut={() => setInvalidCsvRows([])} />
                <OutsideDomainsNotice
                  addresses={outsideDomains}
                  domains={invitation.allowedEmailDomains}
                  onRemove={() => setEntries(entries.filter((entry) => !outsideDomains.includes(entry)))}
                />
                {seatsWarning && <Notice variant="warning">{seatsWarning}</Notice>}
                <EmailLanguageField adminLocale={locale} value={language} onChange={changeLanguage} />
                <OtherLanguagesNote count={otherLanguageCount(valid, recipientLanguages, language)} />
                <FormField
                  name="subject"
                  label={t('send.subject', 'Subject')}
                  error={errors.subject}
                  required={defaults !== 'unavailable'}
                  hint={
                    defaults === 'unavailable'
                      ? t('send.subject.templateHint', "Leave it empty to send the template's subject.")
                      : undefined
                  }
                >
                  <TextInput
                    value={subject ?? ''}
                    maxLength={SUBJECT_MAX_LENGTH}
                    disabled={defaults === 'waiting'}
                    placeholder={
                      defaults === 'unavailable' ? t('send.subject.templatePlaceholder', "The template's subject") : undefined
                    }
                    onChange={(e: React.ChangeEvent<HTMLInputElement>) => setSubject(e.target.value)}
                  />
                </FormField>
                <FormField
                  name="message"
                  label={t('send.message', 'Message')}
                  hint={
                    defaults === 'unavailable'
                      ? t('send.message.templateHint', "Shown above the link. Leave it empty to send the template's message.")
                      : t('send.message.hint', 'Shown above the link. Leave it empty to send the link alone.')
                  }
                >
                  <Textarea
                    value={message ?? ''}
                    maxLength={MESSAGE_MAX_LENGTH}
                    disabled={defaults === 'waiting'}
                    onChange={(e: React.ChangeEvent<HTMLTextAreaElement>) => setMessage(e.target.value)}
                  />
                </FormField>
                <EmailPreview
                  note={
                    personal
                      ? t(
                          'send.mode.personal.preview',
                          'Each person gets a link of their own: the preview shows an example in its place.'
                        )
                      : t('send.mode.shared.preview', 'Everyone gets the link shown in the preview.')
                  }
                  preview={
                    personal
                      ? withExampleLink(previewEmail, invitation, t('send.mode.personal.example', 'personal-link-example'))
                      : previewEmail
                  }
                  error={preview.error}
                  isLoading={preview.isLoading}
                  onRetry={preview.reload}
                />
              </Flex>
            </Modal.Body>
            <DialogFooter
              startIcon={<PaperPlane />}
              submitLabel={t('send.submit', '{count, plural, =0 {Send} one {Send to # person} other {Send to # people}}', {
                count: valid.length,
              })}
            />
          </form>
        )}
        {step.kind === 'sending' && (
          <Modal.Body>
            <Flex direction="column" alignItems="stretch" gap={3} paddingTop={4} paddingBottom={4}>
              <Typography aria-live="polite">
                {t('send.progress', 'Sending… {done} of {total}', { done: step.done, total: step.total })}
              </Typography>
              <ProgressBar value={Math.round((step.done / step.total) * 100)} />
            </Flex>
          </Modal.Body>
        )}
        {step.kind === 'done' && (
          <>
            <Modal.Body>
              <Flex direction="column" alignItems="stretch" gap={4}>
                <Notice variant={step.outcome.failed.length === 0 ? 'success' : 'danger'}>
                  {t('send.result.summary', 'Sent to {sent} of {total} {total, plural, one {address} other {addresses}}.', {
                    sent: step.outcome.sent.length,
                    total: step.outcome.sent.length + step.outcome.failed.length,
                  })}
                </Notice>
                {seatsWarning && <Notice variant="warning">{seatsWarning}</Notice>}
                <Box>
                  <SendResultList outcome={step.outcome} />
                </Box>
              </Flex>
            </Modal.Body>
            <Modal.Footer justifyContent="flex-end">
              <Button onClick={onClose}>{t('created.done', 'Done')}</Button>
            </Modal.Footer>
          </>
        )}
      </Modal.Content>
    </Modal.Root>
  );
};
