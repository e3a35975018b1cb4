import { Status, Typography } from '@strapi/design-system';
import { usePluginTranslation } from '../utils/translations';
import type { InvitationStatus } from '../types';

const VARIANTS = { active: 'success', expired: 'neutral', exhausted: 'warning' } as const;
const LABELS = { active: 'Active', expired: 'Expired', exhausted: 'Used up' } as const;

export const StatusBadge = ({ status }: { status: InvitationStatus }) => {
  const t = usePluginTranslation();
  return (
    <Status variant={VARIANTS[status]} size="S" data-status={status}>
      <Typography tag="span" variant="omega" fontWeight="bold">
        {t(`status.${status}`, LABELS[status])}
      </Typography>
    </Status>
  );
};
