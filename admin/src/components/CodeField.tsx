import { Button, Field, Flex, TextInput } from '@strapi/design-system';
import { codeStrengthLength, generateCode, SHORT_CODE_WARNING_LENGTH } from '../../../shared';
import { usePluginTranslation } from '../utils/translations';

interface Props {
  value: string;
  onChange: (code: string) => void;
  error?: string;
  /** The link has a code this admin may not see (no "Show and copy links"): typing one replaces it. */
  hiddenCode: boolean;
}

const randomValues = (count: number) => crypto.getRandomValues(new Uint32Array(count));

/** The code people may type instead of opening the link, with "Generate" and a warning for a short one. */
export const CodeField = ({ value, onChange, error, hiddenCode }: Props) => {
  const t = usePluginTranslation();
  const typed = value.trim();
  const isShort = typed.length > 0 && codeStrengthLength(typed) < SHORT_CODE_WARNING_LENGTH;
  const hint = isShort
    ? t(
        'form.code.short',
        'A code shorter than {length} letters and digits is easier to guess: prefer a generated one for a link that gives a role.',
        { length: SHORT_CODE_WARNING_LENGTH }
      )
    : t(
        'form.code.hint',
        'People can type this code on the invitation page instead of opening the link (letters, digits and dashes; case, spaces and dashes do not matter). Leave it empty for no code.'
      );
  return (
    <Flex gap={2} alignItems="flex-start" width="100%">
      <Field.Root name="code" flex={1} hint={hint} error={error}>
        <Field.Label>{t('form.code', 'Code to type by hand')}</Field.Label>
        <TextInput
          value={value}
          onChange={(event: React.ChangeEvent<HTMLInputElement>) => onChange(event.target.value)}
          placeholder={hiddenCode ? t('form.code.hidden', 'This link has a code your role does not show') : 'SPRING-2027'}
          autoComplete="off"
          maxLength={32}
        />
        <Field.Hint />
        <Field.Error />
      </Field.Root>
      <Flex paddingTop={6}>
        <Button variant="secondary" size="L" onClick={() => onChange(generateCode(randomValues))}>
          {t('form.code.generate', 'Generate')}
        </Button>
      </Flex>
    </Flex>
  );
};
