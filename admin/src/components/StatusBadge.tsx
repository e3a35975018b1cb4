import { Status, Typography } from '@strapi/design-system';
import { usePluginTranslation } from '../utils/translations';
import type { InvitationStatus, RecipientDisplayStatus } from '../../../shared';

type Variant = 'success' | 'neutral' | 'warning' | 'danger';

/** A status as a small colored label; `status` is kept in `data-status` for tests and styles. */
export const Badge = ({ status, variant, label }: { status: string; variant: Variant; label: string }) => (
  <Status variant={variant} size="S" data-status={status}>
    <Typography tag="span" variant="omega" fontWeight="bold">
      {label}
    </Typography>
  </Status>
);

const VARIANTS = { active: 'success', expired: 'neutral', exhausted: 'warning' } as const;

/** The words of each status, shared by the badge and the list's status filter. */
export const useStatusLabels = (): Record<InvitationStatus, string> => {
  const t = usePluginTranslation();
  // Spelled out, so that tests/admin/translations.test.ts can check each message.
  return {
    active: t('status.active', 'Active'),
    expired: t('status.expired', 'Expired'),
    exhausted: t('status.exhausted', 'Used up'),
  };
};

export const StatusBadge = ({ status }: { status: InvitationStatus }) => {
  const labels = useStatusLabels();
  return <Badge status={status} variant={VARIANTS[status]} label={labels[status]} />;
};

const RECIPIENT_VARIANTS = { pending: 'warning', accepted: 'success', revoked: 'neutral', expired: 'danger' } as const;

/** The words of a personal link's states, for its badge and for the filter. */
export const useRecipientStatusLabels = (): Record<RecipientDisplayStatus, string> => {
  const t = usePluginTranslation();
  return {
    pending: t('recipients.status.pending', 'Pending'),
    accepted: t('recipients.status.accepted', 'Accepted'),
    revoked: t('recipients.status.revoked', 'Revoked'),
    // Pending while the link expired: shown apart, so that a renewal's reach is seen.
    expired: t('recipients.status.expired', 'Expired'),
  };
};

export const RecipientStatusBadge = ({ status }: { status: RecipientDisplayStatus }) => {
  const labels = useRecipientStatusLabels();
  return <Badge status={status} variant={RECIPIENT_VARIANTS[status]} label={labels[status]} />;
};
