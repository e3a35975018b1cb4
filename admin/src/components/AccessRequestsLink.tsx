import { Badge, LinkButton } from '@strapi/design-system';
import { Link as RouterLink } from 'react-router-dom';
import { PLUGIN_ID } from '../../../shared';
import { useInvitationsApi, useRequest } from '../api';
import { usePluginTranslation } from '../utils/translations';

/**
 * The Invitations page's way to the access requests, with how many wait. Strapi's menu link takes
 * a count only once, when the plugin registers (before anyone signs in), so the count lives here.
 * Nothing is shown when request access is off (the list answers 404) or cannot be read.
 */
export const AccessRequestsLink = () => {
  const t = usePluginTranslation();
  const api = useInvitationsApi();
  const { data } = useRequest(() => api.accessRequests({ status: 'pending', page: 1, pageSize: 1 }), [api]);
  if (!data) return null;
  const pending = data.counts.pending;
  return (
    <LinkButton
      tag={RouterLink}
      to={`/plugins/${PLUGIN_ID}/requests`}
      variant="secondary"
      aria-label={t(
        'requests.link.label',
        '{count, plural, =0 {Access requests, none pending} other {Access requests, # pending}}',
        {
          count: pending,
        }
      )}
      endIcon={
        pending > 0 ? (
          <Badge variant="primary" size="S" aria-hidden>
            {pending}
          </Badge>
        ) : undefined
      }
    >
      {t('requests.title', 'Access requests')}
    </LinkButton>
  );
};
