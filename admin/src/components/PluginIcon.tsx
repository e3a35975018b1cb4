import { useEffect, type SVGProps } from 'react';
import { Mail } from '@strapi/icons';
import { useRBAC } from '@strapi/strapi/admin';
import { PERMISSIONS } from '../../../shared';
import { useInvitationsApi, useRequest } from '../api';
import { usePluginTranslation } from '../utils/translations';

/** How often the menu reads the count again while the admin panel stays open. */
const REFRESH_MS = 60_000;
const MOST_SHOWN = 99;

/**
 * The requests waiting for a decision, for a reviewer (null otherwise, or when the site takes no
 * requests: the list answers 404). Read again every minute.
 */
const usePendingRequests = (): number | null => {
  const api = useInvitationsApi();
  const { allowedActions, isLoading: checkingPermissions } = useRBAC(PERMISSIONS.reviewAccessRequests);
  const mayReview = !checkingPermissions && allowedActions.canReviewAccessRequests === true;
  const { data, reload } = useRequest(
    async () => (mayReview ? (await api.accessRequests({ status: 'pending', page: 1, pageSize: 1 })).counts.pending : null),
    [mayReview]
  );
  useEffect(() => {
    if (!mayReview) return undefined;
    const timer = setInterval(reload, REFRESH_MS);
    return () => clearInterval(timer);
  }, [mayReview, reload]);
  return data ?? null;
};

/**
 * The plugin's menu icon, with the number of access requests waiting. Strapi 5.54's menu reads a
 * plugin link's `notificationsCount` once, before anyone signs in, so the icon draws the count itself.
 */
export const PluginIcon = (props: SVGProps<SVGSVGElement>) => {
  const pending = usePendingRequests();
  const t = usePluginTranslation();
  if (!pending) return <Mail {...props} />;
  return (
    <span style={{ position: 'relative', display: 'inline-flex' }}>
      <Mail {...props} />
      <span
        role="status"
        aria-label={t(
          'menu.pendingRequests',
          '{count, plural, one {# access request waiting} other {# access requests waiting}}',
          {
            count: pending,
          }
        )}
        style={{
          position: 'absolute',
          top: -6,
          right: -8,
          minWidth: 14,
          padding: '0 3px',
          borderRadius: 7,
          background: '#4945ff',
          color: '#fff',
          fontSize: 9,
          fontWeight: 700,
          lineHeight: '14px',
          textAlign: 'center',
        }}
      >
        {pending > MOST_SHOWN ? `${MOST_SHOWN}+` : pending}
      </span>
    </span>
  );
};
