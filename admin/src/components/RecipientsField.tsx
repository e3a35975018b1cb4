import { useState } from 'react';
import { Flex, Tag, TextInput } from '@strapi/design-system';
import { Cross } from '@strapi/icons';
import { isEmailAddress, splitRecipients, uniqueRecipients } from '../../../shared';
import { usePluginTranslation } from '../utils/translations';
import { FormField } from './FormField';

interface Props {
  /** The addresses entered so far, each once. */
  entries: string[];
  onChange: (entries: string[]) => void;
  error?: string;
}

/** Typed text cut after its last separator: the part before is complete, the rest is being typed. */
const TYPED = /^([\s\S]*[\s,;])([^\s,;]*)$/;

/**
 * Email addresses as chips: typed one by one (a comma, a space or Enter ends one) or pasted as a
 * list. Chips that are not valid addresses are marked; Backspace in the empty box removes the last.
 */
export const RecipientsField = ({ entries, onChange, error }: Props) => {
  const t = usePluginTranslation();
  const [draft, setDraft] = useState('');

  const add = (text: string) => {
    const added = splitRecipients(text);
    if (added.length > 0) onChange(uniqueRecipients([...entries, ...added]).unique);
  };

  const commitDraft = () => {
    add(draft);
    setDraft('');
  };

  const onInput = (value: string) => {
    const typed = TYPED.exec(value);
    if (typed) add(typed[1]);
    setDraft(typed ? typed[2] : value);
  };

  const onKeyDown = (event: React.KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      commitDraft();
    } else if (event.key === 'Backspace' && draft === '' && entries.length > 0) {
      onChange(entries.slice(0, -1));
    }
  };

  const onPaste = (event: React.ClipboardEvent<HTMLInputElement>) => {
    // Read the clipboard as is: an input would turn its line breaks into nothing.
    event.preventDefault();
    add(`${draft} ${event.clipboardData.getData('text')}`);
    setDraft('');
  };

  const hint = t('send.recipients.hint', 'Type or paste addresses separated by commas, spaces or new lines.');

  return (
    <FormField name="recipients" label={t('send.recipients', 'Recipients')} error={error} hint={hint} required>
      {entries.length > 0 && (
        <Flex wrap="wrap" gap={1} paddingBottom={2} tag="ul" aria-label={t('send.recipients.list', 'Addresses added')}>
          {entries.map((entry) => {
            const invalid = !isEmailAddress(entry);
            return (
              <li key={entry.toLowerCase()} data-invalid={invalid || undefined}>
                <Tag
                  icon={<Cross />}
                  label={
                    invalid
                      ? t('send.recipients.removeInvalid', 'Remove {address} (not a valid address)', { address: entry })
                      : t('send.recipients.remove', 'Remove {address}', { address: entry })
                  }
                  onClick={() => onChange(entries.filter((other) => other !== entry))}
                  {...(invalid && { background: 'danger100', borderColor: 'danger200', color: 'danger700' })}
                >
                  {invalid ? t('send.recipients.invalidChip', '{address} (invalid)', { address: entry || '""' }) : entry}
                </Tag>
              </li>
            );
          })}
        </Flex>
      )}
      <TextInput
        value={draft}
        placeholder={t('send.recipients.placeholder', 'ada@example.com, grace@example.org')}
        onChange={(event: React.ChangeEvent<HTMLInputElement>) => onInput(event.target.value)}
        onKeyDown={onKeyDown}
        onPaste={onPaste}
        onBlur={commitDraft}
        autoComplete="off"
      />
    </FormField>
  );
};
