import { NumberInput } from '@strapi/design-system';
import { useIntl } from 'react-intl';
import { FormField } from './FormField';
import { usePluginTranslation } from '../utils/translations';

interface Props {
  /** Days before the expiration date; undefined: no reminder. */
  value: number | undefined;
  onChange: (days: number | undefined) => void;
  error?: string;
}

/** "Remind pending people": how many days before the link expires each pending personal recipient gets one reminder. */
export const ReminderField = ({ value, onChange, error }: Props) => {
  const { locale } = useIntl();
  const t = usePluginTranslation();
  return (
    <FormField
      name="remindBeforeDays"
      error={error}
      label={t('form.remindBeforeDays', 'Reminder (days before expiration)')}
      hint={t(
        'form.remindBeforeDays.hint',
        'Each person sent a personal link who has not signed up yet gets one reminder email this many days before the link expires (1 to 365). Leave it empty for no reminder.'
      )}
    >
      <NumberInput value={value} onValueChange={onChange} step={1} locale={locale} placeholder="7" />
    </FormField>
  );
};
