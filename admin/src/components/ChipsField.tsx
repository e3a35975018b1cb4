import { useState } from 'react';
import { Flex, Tag, TextInput } from '@strapi/design-system';
import { Cross } from '@strapi/icons';
import { FormField } from './FormField';

/** What a list of chips holds, and how it reads typed text. */
export interface ChipsRule {
  /** The entries in typed or pasted text. */
  split: (text: string) => string[];
  /** The entries each once, as the field keeps them. */
  unique: (entries: string[]) => string[];
  isValid: (entry: string) => boolean;
}

/** The field's words, already translated. */
export interface ChipsWords {
  label: string;
  hint: string;
  placeholder: string;
  /** The accessible name of the list of chips. */
  list: string;
  /** The label of a chip's remove button. */
  remove: (entry: string, invalid: boolean) => string;
  /** What an invalid chip shows. */
  invalidChip: (entry: string) => string;
}

interface Props {
  name: string;
  entries: string[];
  onChange: (entries: string[]) => void;
  rule: ChipsRule;
  words: ChipsWords;
  error?: string;
  required?: boolean;
}

/** Typed text cut after its last separator: the part before is complete, the rest is being typed. */
const TYPED = /^([\s\S]*[\s,;])([^\s,;]*)$/;

/**
 * Entries as chips: typed one by one (a comma, a space or Enter ends one) or pasted as a list.
 * Chips that are not valid entries are marked; Backspace in the empty box removes the last.
 */
export const ChipsField = ({ name, entries, onChange, rule, words, error, required }: Props) => {
  const [draft, setDraft] = useState('');

  const add = (text: string) => {
    const added = rule.split(text);
    if (added.length > 0) onChange(rule.unique([...entries, ...added]));
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

  return (
    <FormField name={name} label={words.label} error={error} hint={words.hint} required={required}>
      {entries.length > 0 && (
        <Flex wrap="wrap" gap={1} paddingBottom={2} tag="ul" aria-label={words.list}>
          {entries.map((entry) => {
            const invalid = !rule.isValid(entry);
            return (
              <li key={entry} data-invalid={invalid || undefined}>
                <Tag
                  icon={<Cross />}
                  label={words.remove(entry, invalid)}
                  onClick={() => onChange(entries.filter((other) => other !== entry))}
                  {...(invalid && { background: 'danger100', borderColor: 'danger200', color: 'danger700' })}
                >
                  {invalid ? words.invalidChip(entry) : entry}
                </Tag>
              </li>
            );
          })}
        </Flex>
      )}
      <TextInput
        value={draft}
        placeholder={words.placeholder}
        onChange={(event: React.ChangeEvent<HTMLInputElement>) => onInput(event.target.value)}
        onKeyDown={onKeyDown}
        onPaste={onPaste}
        onBlur={commitDraft}
        autoComplete="off"
      />
    </FormField>
  );
};
