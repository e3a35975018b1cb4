import { useState } from 'react';
import { Checkbox, DatePicker, Field, Flex, TimePicker, Typography } from '@strapi/design-system';
import { useNotification } from '@strapi/strapi/admin';
import { useIntl } from 'react-intl';
import { useInvitationsApi } from '../api';
import { adminTimeZone, expiryInstant, startOfToday, toCalendarValue } from '../utils/dates';
import { fieldErrorsOf } from '../utils/errors';
import { formatInstant } from '../utils/format';
import { useNotifyFailure } from '../utils/failure';
import { usePluginTranslation } from '../utils/translations';
import { DialogForm } from './DialogForm';
import { FormField } from './FormField';
import type { Invitation, RenewResult } from '../../../shared';

interface Props {
  invitation: Invitation;
  onClose: () => void;
  onRenewed: () => void;
}

/**
 * "Renew": a new expiration date for the link (expired or not) and, checked by default, its
 * personal link mailed again to everyone still pending. Seats, the link and its code stay.
 */
export const RenewInvitationDialog = ({ invitation, onClose, onRenewed }: Props) => {
  const intl = useIntl();
  const t = usePluginTranslation();
  const api = useInvitationsApi();
  const { toggleNotification } = useNotification();
  const notifyFailure = useNotifyFailure();
  const [day, setDay] = useState<Date | undefined>();
  const [time, setTime] = useState<string | undefined>();
  const [resend, setResend] = useState(true);
  const [error, setError] = useState<string>();
  const [isSubmitting, setIsSubmitting] = useState(false);

  const doneMessage = (result: RenewResult) => {
    const date = formatInstant(intl, result.invitation.expiresAt);
    const renewed = resend
      ? t(
          'renew.done.resent',
          'Link renewed until {date}. Personal link sent again to {sent, plural, one {# person} other {# people}}.',
          {
            date,
            sent: result.sent,
          }
        )
      : t('renew.done', 'Link renewed until {date}.', { date });
    if (result.failed.length === 0) return renewed;
    const failed = t('renew.failed', 'Not sent to: {emails}', {
      emails: result.failed.map((failure) => failure.email).join(', '),
    });
    return `${renewed} ${failed}`;
  };

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    if (!day || day < startOfToday() || expiryInstant(day, time) <= new Date()) {
      setError(t('form.error.past', 'Choose a date in the future'));
      return;
    }
    setIsSubmitting(true);
    try {
      const result = await api.renew(invitation.id, { expiresAt: expiryInstant(day, time).toISOString(), resend });
      toggleNotification({ type: result.failed.length === 0 ? 'success' : 'warning', message: doneMessage(result) });
      onRenewed();
      onClose();
    } catch (renewError) {
      const fieldError = fieldErrorsOf(renewError).expiresAt;
      if (fieldError) setError(fieldError);
      else notifyFailure(renewError);
    } finally {
      setIsSubmitting(false);
    }
  };

  return (
    <DialogForm
      title={t('renew.title', 'Renew this link')}
      onClose={onClose}
      onSubmit={submit}
      submit={{ submitLabel: t('actions.renew', 'Renew'), loading: isSubmitting }}
    >
      <Flex direction="column" alignItems="stretch" gap={4}>
        <Typography textColor="neutral600">
          {t(
            'renew.body',
            'Choose a new expiration date. The seats, the link, its code and the personal links stay as they are; people not reminded since may be reminded again before the new date.'
          )}
        </Typography>
        <FormField
          name="renewExpiresAt"
          error={error}
          required
          label={t('renew.expiresAt', 'New expiration date')}
          hint={t('renew.expiresAt.hint', 'The link works until the end of the chosen day ({timeZone}) unless you set a time.', {
            timeZone: adminTimeZone(),
          })}
        >
          <DatePicker
            value={day && toCalendarValue(day)}
            onChange={(date) => {
              setDay(date);
              setError(undefined);
            }}
            onClear={() => setDay(undefined)}
            minDate={toCalendarValue(new Date())}
            locale={intl.locale}
            calendarLabel={t('form.expiresAt.calendar', 'Pick the expiration date')}
            clearLabel={t('form.expiresAt.clear', 'Clear the date')}
          />
        </FormField>
        <FormField name="renewExpiresTime" label={t('form.expiresTime', 'Time (optional)')}>
          <TimePicker
            value={time}
            onChange={(value?: string) => setTime(value || undefined)}
            onClear={() => setTime(undefined)}
            clearLabel={t('form.expiresTime.clear', 'Clear the time')}
            step={15}
          />
        </FormField>
        <Field.Root
          name="resend"
          hint={t('renew.resend.hint', 'Everyone whose personal link is still pending gets it again, in their language.')}
        >
          <Checkbox checked={resend} onCheckedChange={(checked: boolean | 'indeterminate') => setResend(checked === true)}>
            {t('renew.resend', 'Resend to everyone pending')}
          </Checkbox>
          <Field.Hint />
        </Field.Root>
      </Flex>
    </DialogForm>
  );
};
