import { SingleSelect, SingleSelectOption } from '@strapi/design-system';
import { useQueryParams } from '@strapi/strapi/admin';
import { usePluginTranslation } from '../utils/translations';
import type { InvitationStatus } from '../../../shared';
import { useStatusLabels } from './StatusBadge';

const STATUSES: InvitationStatus[] = ['active', 'expired', 'exhausted'];
const ALL = 'all';

export const isInvitationStatus = (value: unknown): value is InvitationStatus => STATUSES.includes(value as InvitationStatus);

/** Which links the list shows, kept in the URL (`?status=`) like the search; a new choice starts at page 1. */
export const StatusFilter = () => {
  const t = usePluginTranslation();
  const labels = useStatusLabels();
  const [{ query }, setQuery] = useQueryParams<{ status?: string; page?: number }>();
  const value = isInvitationStatus(query.status) ? query.status : ALL;
  const label = t('list.filter.status', 'Status');
  return (
    <SingleSelect
      aria-label={label}
      placeholder={label}
      size="S"
      value={value}
      onChange={(next) => setQuery({ status: next === ALL ? undefined : String(next), page: 1 })}
    >
      <SingleSelectOption value={ALL}>{t('list.filter.all', 'All statuses')}</SingleSelectOption>
      {STATUSES.map((status) => (
        <SingleSelectOption key={status} value={status}>
          {labels[status]}
        </SingleSelectOption>
      ))}
    </SingleSelect>
  );
};
