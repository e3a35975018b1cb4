import { isDomainEntry, splitDomainEntries, uniqueDomainEntries } from '../../../shared';
import { usePluginTranslation } from '../utils/translations';
import { ChipsField, type ChipsRule } from './ChipsField';

interface Props {
  /** The domains entered so far, each once; valid ones normalised. */
  entries: string[];
  onChange: (entries: string[]) => void;
  error?: string;
}

/** How domain chips are read: the shared rules of a link's email domains. */
export const DOMAINS: ChipsRule = { split: splitDomainEntries, unique: uniqueDomainEntries, isValid: isDomainEntry };

/** The email domains a link is limited to, as chips; entries that are not domains are marked. */
export const EmailDomainsField = ({ entries, onChange, error }: Props) => {
  const t = usePluginTranslation();
  return (
    <ChipsField
      name="allowedEmailDomains"
      entries={entries}
      onChange={onChange}
      rule={DOMAINS}
      error={error}
      words={{
        label: t('form.allowedEmailDomains', 'Allowed email domains'),
        hint: t(
          'form.allowedEmailDomains.hint',
          'Only addresses at these domains can sign up with this link; leave it empty to allow any address. example.com allows exactly that domain; *.example.com allows its subdomains (a.example.com), not example.com itself.'
        ),
        placeholder: t('form.allowedEmailDomains.placeholder', 'example.com, *.example.org'),
        list: t('form.allowedEmailDomains.list', 'Domains added'),
        remove: (domain, invalid) =>
          invalid
            ? t('form.allowedEmailDomains.removeInvalid', 'Remove {domain} (not a valid domain)', { domain })
            : t('form.allowedEmailDomains.remove', 'Remove {domain}', { domain }),
        invalidChip: (domain) => t('form.allowedEmailDomains.invalidChip', '{domain} (invalid)', { domain }),
      }}
    />
  );
};
