import { Button } from '@strapi/design-system';
import { usePluginTranslation } from '../utils/translations';
import { Notice } from './Notice';

interface Props {
  /** The recipients whose address the link's email domains do not allow. */
  addresses: string[];
  domains: string[];
  onRemove: () => void;
}

/** Addresses the link would refuse at sign-up: they may still be sent to, but could not use it. */
export const OutsideDomainsNotice = ({ addresses, domains, onRemove }: Props) => {
  const t = usePluginTranslation();
  if (addresses.length === 0) return null;
  return (
    <Notice
      variant="warning"
      action={
        <Button variant="secondary" size="S" onClick={onRemove}>
          {t('send.domains.remove', '{count, plural, one {Remove it} other {Remove them}}', { count: addresses.length })}
        </Button>
      }
    >
      {t(
        'send.domains.warning',
        '{count, plural, one {This address is} other {These addresses are}} outside the email domains of this link ({domains}): {addresses}. {count, plural, one {It} other {They}} could not sign up with it.',
        {
          count: addresses.length,
          domains: domains.join(', '),
          addresses: addresses.map((address) => `“${address}”`).join(', '),
        }
      )}
    </Notice>
  );
};
