import { useState } from 'react';
import { useIntl } from 'react-intl';
import { Button, Checkbox, Field, Flex, Modal, Textarea, Typography } from '@strapi/design-system';
import { DECLINE_MESSAGE_MAX_LENGTH } from '../../../shared';
import { useInvitationsApi, type DeclineRequestBody } from '../api';
import { usePluginTranslation } from '../utils/translations';
import { useDecisionOutcome, type DecisionTarget } from './AccessRequestDecision';
import { defaultEmailLanguage, EmailLanguageField } from './EmailLanguageField';
import { FormField } from './FormField';

interface Props extends DecisionTarget {
  onClose: () => void;
  /** After the decision (or a 409): the list is read again. */
  onDecided: () => void;
}

/** Decline one request or the selected ones, with or without an email (the template's words and the admin's). */
export const DeclineRequestsDialog = ({ requests, onClose, onDecided }: Props) => {
  const { locale } = useIntl();
  const t = usePluginTranslation();
  const api = useInvitationsApi();
  const outcome = useDecisionOutcome();
  const [sendEmail, setSendEmail] = useState(false);
  const [message, setMessage] = useState('');
  const [language, setLanguage] = useState(() => defaultEmailLanguage(locale));
  const [isSubmitting, setIsSubmitting] = useState(false);
  const count = requests.length;
  const tooLong = message.trim().length > DECLINE_MESSAGE_MAX_LENGTH;

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    if (sendEmail && tooLong) return;
    const body: DeclineRequestBody = sendEmail
      ? { sendEmail, language, ...(message.trim() && { message: message.trim() }) }
      : { sendEmail };
    setIsSubmitting(true);
    try {
      const results =
        count === 1
          ? [await api.declineRequest(requests[0].id, body)]
          : await api.bulkDecline(
              requests.map((request) => request.id),
              body
            );
      outcome.declined(results);
      onDecided();
      onClose();
    } catch (error) {
      if (outcome.failed(error)) {
        onDecided();
        onClose();
      }
    } finally {
      setIsSubmitting(false);
    }
  };

  return (
    <Modal.Root open onOpenChange={(open: boolean) => !open && onClose()}>
      <Modal.Content>
        <form onSubmit={submit} noValidate>
          <Modal.Header>
            <Modal.Title>
              {count === 1
                ? t('requests.decline.title', 'Decline the request of {email}', { email: requests[0].email })
                : t('requests.decline.titleMany', 'Decline {count} requests', { count })}
            </Modal.Title>
          </Modal.Header>
          <Modal.Body>
            <Flex direction="column" alignItems="stretch" gap={5}>
              <Typography>
                {t(
                  'requests.decline.body',
                  '{count, plural, one {The request is marked declined} other {The # requests are marked declined}}; no account is made or removed. Declined requests are deleted after the retention period.',
                  { count }
                )}
              </Typography>
              <Field.Root
                name="sendEmail"
                hint={t(
                  'requests.decline.sendEmail.hint',
                  'Its words come from the email template for declined requests (Settings > Invitations > Email templates).'
                )}
              >
                <Checkbox
                  checked={sendEmail}
                  onCheckedChange={(checked: boolean | 'indeterminate') => setSendEmail(checked === true)}
                >
                  {t('requests.decline.sendEmail', 'Send an email to say so')}
                </Checkbox>
                <Field.Hint />
              </Field.Root>
              {sendEmail && (
                <FormField
                  name="message"
                  label={t('requests.decline.message', 'Your message (optional)')}
                  hint={t('requests.decline.message.hint', 'Added to the template’s text, as typed (at most {max} characters).', {
                    max: DECLINE_MESSAGE_MAX_LENGTH,
                  })}
                  error={
                    tooLong
                      ? t('requests.decline.message.tooLong', 'Shorten the message to {max} characters', {
                          max: DECLINE_MESSAGE_MAX_LENGTH,
                        })
                      : undefined
                  }
                >
                  <Textarea value={message} onChange={(event) => setMessage(event.target.value)} />
                </FormField>
              )}
              {sendEmail && <EmailLanguageField adminLocale={locale} value={language} onChange={setLanguage} />}
            </Flex>
          </Modal.Body>
          <Modal.Footer>
            <Modal.Close>
              <Button variant="tertiary">{t('form.cancel', 'Cancel')}</Button>
            </Modal.Close>
            <Button type="submit" variant="danger" loading={isSubmitting} disabled={sendEmail && tooLong}>
              {count === 1
                ? t('requests.decline.confirm', 'Decline')
                : t('requests.decline.confirmMany', 'Decline {count}', { count })}
            </Button>
          </Modal.Footer>
        </form>
      </Modal.Content>
    </Modal.Root>
  );
};
