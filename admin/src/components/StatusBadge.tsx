import { Status, Typography } from '@strapi/design-system';
import { usePluginTranslation } from '../utils/translations';
import type { InvitationStatus } from '../../../shared';

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
  return (
    <Status variant={VARIANTS[status]} size="S" data-status={status}>
      <Typography tag="span" variant="omega" fontWeight="bold">
        {labels[status]}
      </Typography>
    </Status>
  );
};
