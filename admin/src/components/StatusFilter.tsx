import { useQueryParams } from '@strapi/strapi/admin';
import { usePluginTranslation } from '../utils/translations';
import type { InvitationStatus } from '../../../shared';
import { useStatusLabels } from './StatusBadge';
import { StatusSelect } from './StatusSelect';

const STATUSES: InvitationStatus[] = ['active', 'expired', 'exhausted'];

export const isInvitationStatus = (value: unknown): value is InvitationStatus => STATUSES.includes(value as InvitationStatus);

/** Which links the list shows, kept in the URL (`?status=`) like the search; a new choice starts at page 1. */
export const StatusFilter = () => {
  const t = usePluginTranslation();
  const labels = useStatusLabels();
  const [{ query }, setQuery] = useQueryParams<{ status?: string; page?: number }>();
  return (
    <StatusSelect
      statuses={STATUSES}
      labels={labels}
      allLabel={t('list.filter.all', 'All statuses')}
      label={t('list.filter.status', 'Status')}
      size="S"
      value={isInvitationStatus(query.status) ? query.status : undefined}
      onChange={(status) => setQuery({ status, page: 1 })}
    />
  );
};
