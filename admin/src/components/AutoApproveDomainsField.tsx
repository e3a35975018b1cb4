import { usePluginTranslation } from '../utils/translations';
import { ChipsField } from './ChipsField';
import { DOMAINS } from './EmailDomainsField';

interface Props {
  /** The domains entered so far, each once; valid ones normalised. */
  entries: string[];
  onChange: (entries: string[]) => void;
  error?: string;
}

/**
 * "Auto-approve requests from": requests for access from addresses at these domains get a personal
 * link of this link at once, without waiting for a reviewer. Same syntax as the allowed domains.
 */
export const AutoApproveDomainsField = ({ entries, onChange, error }: Props) => {
  const t = usePluginTranslation();
  return (
    <ChipsField
      name="autoApproveDomains"
      entries={entries}
      onChange={onChange}
      rule={DOMAINS}
      error={error}
      words={{
        label: t('form.autoApproveDomains', 'Auto-approve requests from'),
        hint: t(
          'form.autoApproveDomains.hint',
          'Requests for access from addresses at these domains are approved at once: the person gets a personal link of this link by email, without waiting for a reviewer. Leave it empty to review every request. Same syntax as the allowed email domains.'
        ),
        placeholder: t('form.autoApproveDomains.placeholder', 'example.edu, *.example.edu'),
        list: t('form.autoApproveDomains.list', 'Domains approved at once'),
        remove: (domain, invalid) =>
          invalid
            ? t('form.allowedEmailDomains.removeInvalid', 'Remove {domain} (not a valid domain)', { domain })
            : t('form.allowedEmailDomains.remove', 'Remove {domain}', { domain }),
        invalidChip: (domain) => t('form.allowedEmailDomains.invalidChip', '{domain} (invalid)', { domain }),
      }}
    />
  );
};
