/**
 * The languages the plugin ships: the hosted sign-up page and the built-in email templates speak
 * each of them, and so does the admin panel. English is the fallback.
 */
export const SHIPPED_LANGUAGES = ['en', 'fr', 'de', 'es', 'it', 'pt-BR', 'nl'] as const;
export type ShippedLanguage = (typeof SHIPPED_LANGUAGES)[number];

/** Each language's name in that language, as a list of languages to pick from shows it. */
export const LANGUAGE_NAMES: Record<ShippedLanguage, string> = {
  en: 'English',
  fr: 'Français',
  de: 'Deutsch',
  es: 'Español',
  it: 'Italiano',
  'pt-BR': 'Português (Brasil)',
  nl: 'Nederlands',
};

/** A language tag as the plugin takes one: `en`, `fr`, `pt-BR`, `de-AT` (lowercase primary language). */
export const LANGUAGE_TAG_PATTERN = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;

/** The longest tag kept with a recipient: far above any real one, within the column's length. */
export const LANGUAGE_TAG_MAX_LENGTH = 35;

export const isLanguageTag = (value: string): boolean =>
  value.length <= LANGUAGE_TAG_MAX_LENGTH && LANGUAGE_TAG_PATTERN.test(value);

/** A language's own name when the plugin ships it (`de` → Deutsch), else its tag as written. */
export const languageName = (tag: string): string => LANGUAGE_NAMES[tag as ShippedLanguage] ?? tag;

const primaryOf = (tag: string) => tag.split('-')[0].toLowerCase();

/**
 * The language of `supported` that `tag` names, compared without case, exactly or else through its
 * primary language (`de-AT` → `de`, `pt` or `pt-PT` → `pt-BR`); undefined if none.
 */
export const matchLanguage = <T extends string>(supported: readonly T[], tag: string): T | undefined => {
  const wanted = tag.trim().toLowerCase();
  if (!wanted) return undefined;
  return (
    supported.find((candidate) => candidate.toLowerCase() === wanted) ??
    supported.find((candidate) => primaryOf(candidate) === primaryOf(wanted))
  );
};
