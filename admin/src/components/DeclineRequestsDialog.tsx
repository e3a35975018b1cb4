import { useState } from 'react';
import { useIntl } from 'react-intl';
import { Checkbox, Field, Textarea, Typography } from '@strapi/design-system';
import { DECLINE_MESSAGE_MAX_LENGTH } from '../../../shared';
import { useInvitationsApi, type DeclineRequestBody } from '../api';
import { usePluginTranslation } from '../utils/translations';
import { DecisionDialog, sendForEach, type DecisionDialogProps } from './DecisionDialog';
import { defaultEmailLanguage, EmailLanguageField } from './EmailLanguageField';
import { FormField } from './FormField';

/** Decline one request or the selected ones, with or without an email (the template's words and the admin's). */
export const DeclineRequestsDialog = ({ requests, onClose, onDecided }: DecisionDialogProps) => {
  const { locale } = useIntl();
  const t = usePluginTranslation();
  const api = useInvitationsApi();
  const [sendEmail, setSendEmail] = useState(false);
  const [message, setMessage] = useState('');
  const [language, setLanguage] = useState(() => defaultEmailLanguage(locale));
  const count = requests.length;
  const tooLong = message.trim().length > DECLINE_MESSAGE_MAX_LENGTH;

  const send = () => {
    if (sendEmail && tooLong) return undefined;
    const body: DeclineRequestBody = sendEmail
      ? { sendEmail, language, ...(message.trim() && { message: message.trim() }) }
      : { sendEmail };
    return sendForEach(requests, body, api.declineRequest, api.bulkDecline);
  };

  return (
    <DecisionDialog
      decision="decline"
      title={
        count === 1
          ? t('requests.decline.title', 'Decline the request of {email}', { email: requests[0].email })
          : t('requests.decline.titleMany', 'Decline {count} requests', { count })
      }
      confirmLabel={
        count === 1 ? t('requests.decline.confirm', 'Decline') : t('requests.decline.confirmMany', 'Decline {count}', { count })
      }
      send={send}
      canConfirm={!(sendEmail && tooLong)}
      onClose={onClose}
      onDecided={onDecided}
    >
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
        <Checkbox checked={sendEmail} onCheckedChange={(checked: boolean | 'indeterminate') => setSendEmail(checked === true)}>
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
    </DecisionDialog>
  );
};
