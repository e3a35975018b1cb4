import { render } from '@testing-library/react';
import { DesignSystemProvider } from '@strapi/design-system';
import { IntlProvider } from 'react-intl';
import { prefixTranslations } from '../../admin/src/utils/translations';
import en from '../../admin/src/translations/en.json';
import fr from '../../admin/src/translations/fr.json';

const MESSAGES = { en: prefixTranslations(en), fr: prefixTranslations(fr) };

/** Renders admin components as the Strapi admin panel does: design-system theme and translations. */
export const renderInAdmin = (ui: React.ReactElement, locale: 'en' | 'fr' = 'en') =>
  render(
    <IntlProvider locale={locale} messages={MESSAGES[locale]} defaultLocale="en">
      <DesignSystemProvider locale={locale}>{ui}</DesignSystemProvider>
    </IntlProvider>
  );
