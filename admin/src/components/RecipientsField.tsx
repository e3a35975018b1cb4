import { isEmailAddress, splitRecipients, uniqueRecipients } from '../../../shared';
import { usePluginTranslation } from '../utils/translations';
import { ChipsField, type ChipsRule } from './ChipsField';

interface Props {
  /** The addresses entered so far, each once. */
  entries: string[];
  onChange: (entries: string[]) => void;
  error?: string;
}

const RECIPIENTS: ChipsRule = {
  split: splitRecipients,
  unique: (entries) => uniqueRecipients(entries).unique,
  isValid: isEmailAddress,
};

/** Email addresses as chips, typed or pasted; those that are not addresses are marked. */
export const RecipientsField = ({ entries, onChange, error }: Props) => {
  const t = usePluginTranslation();
  return (
    <ChipsField
      name="recipients"
      entries={entries}
      onChange={onChange}
      rule={RECIPIENTS}
      error={error}
      required
      words={{
        label: t('send.recipients', 'Recipients'),
        hint: t('send.recipients.hint', 'Type or paste addresses separated by commas, spaces or new lines.'),
        placeholder: t('send.recipients.placeholder', 'ada@example.com, grace@example.org'),
        list: t('send.recipients.list', 'Addresses added'),
        remove: (address, invalid) =>
          invalid
            ? t('send.recipients.removeInvalid', 'Remove {address} (not a valid address)', { address })
            : t('send.recipients.remove', 'Remove {address}', { address }),
        invalidChip: (address) => t('send.recipients.invalidChip', '{address} (invalid)', { address: address || '""' }),
      }}
    />
  );
};
