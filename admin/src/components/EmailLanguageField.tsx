import { SingleSelect, SingleSelectOption, Typography } from '@strapi/design-system';
import { LANGUAGE_NAMES, matchLanguage, SHIPPED_LANGUAGES } from '../../../shared';
import { usePluginTranslation } from '../utils/translations';
import { FormField } from './FormField';

/** A language's name in that language, for a language the plugin does not ship. */
const nameOf = (tag: string) => {
  try {
    return new Intl.DisplayNames([tag], { type: 'language' }).of(tag) ?? tag;
  } catch {
    return tag;
  }
};

/**
 * The languages an email can be written in: the shipped ones, and the admin panel's own when it is
 * not one of them (a site's config may give it templates; the server falls back to English).
 */
export const emailLanguages = (adminLocale: string) => {
  const shipped = SHIPPED_LANGUAGES.map((code) => ({ code: code as string, name: LANGUAGE_NAMES[code] }));
  return matchLanguage(SHIPPED_LANGUAGES, adminLocale) ? shipped : [...shipped, { code: adminLocale, name: nameOf(adminLocale) }];
};

/** The language an email starts in: the admin panel's, or the shipped one of the same primary language. */
export const defaultEmailLanguage = (adminLocale: string): string => matchLanguage(SHIPPED_LANGUAGES, adminLocale) ?? adminLocale;

interface Props {
  adminLocale: string;
  value: string;
  onChange: (language: string) => void;
}

/** "Language of the email": which template's words and which date format the recipients get. */
export const EmailLanguageField = ({ adminLocale, value, onChange }: Props) => {
  const t = usePluginTranslation();
  return (
    <FormField
      name="language"
      label={t('send.language', 'Language of the email')}
      hint={t('send.language.hint', "The template's subject and message, and the expiration date, in this language.")}
    >
      <SingleSelect value={value} onChange={(next) => onChange(String(next))}>
        {emailLanguages(adminLocale).map(({ code, name }) => (
          <SingleSelectOption key={code} value={code}>
            {name}
          </SingleSelectOption>
        ))}
      </SingleSelect>
    </FormField>
  );
};

/**
 * Under the field, when a CSV file gave some recipients another language: they get the email in
 * theirs, written with that language's own subject and message (the server does the same).
 */
export const OtherLanguagesNote = ({ count }: { count: number }) => {
  const t = usePluginTranslation();
  if (count === 0) return null;
  return (
    <Typography variant="pi" textColor="neutral600" aria-live="polite">
      {t(
        'send.language.others',
        '{count, plural, one {# recipient gets} other {# recipients get}} the email in their own language, from the CSV file, with the subject and message of that language’s template.',
        { count }
      )}
    </Typography>
  );
};
