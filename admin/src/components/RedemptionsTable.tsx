import { useCallback, useState } from 'react';
import { Flex, Loader, Table, Tbody, Td, Tr, Typography } from '@strapi/design-system';
import { useIntl } from 'react-intl';
import { useInvitationsApi, useRequest } from '../api';
import { formatInstant } from '../utils/format';
import { usePluginTranslation } from '../utils/translations';
import type { InvitationDetail, Redemption } from '../../../shared';
import { ExportCsvButton } from './ExportCsvButton';
import { LoadFailure } from './Notice';
import { ListSearch, Pager } from './PagedList';
import { TableHeader } from './TableHeader';

export const REDEMPTIONS_PAGE_SIZE = 10;

/** How the account came: made by the link, or an existing one that accepted it (and the role it had). */
const RedemptionKindCell = ({ redemption }: { redemption: Redemption }) => {
  const t = usePluginTranslation();
  if (redemption.kind === 'registered') return <Typography>{t('detail.accounts.kind.registered', 'Signed up')}</Typography>;
  return (
    <Typography>
      {redemption.previousRole
        ? t('detail.accounts.kind.acceptedFrom', 'Accepted (was {role})', { role: redemption.previousRole.name })
        : t('detail.accounts.kind.accepted', 'Accepted')}
    </Typography>
  );
};

const RedemptionRows = ({ redemptions }: { redemptions: Redemption[] }) => {
  const intl = useIntl();
  const t = usePluginTranslation();
  return (
    <Table colCount={4} rowCount={redemptions.length + 1}>
      <TableHeader
        labels={[
          t('detail.accounts.user', 'User'),
          t('detail.accounts.email', 'Email'),
          t('detail.accounts.kind', 'How'),
          t('detail.accounts.date', 'Date'),
        ]}
      />
      <Tbody>
        {redemptions.map((redemption, index) => (
          <Tr key={`${redemption.user?.id ?? 'deleted'}-${redemption.redeemedAt}-${index}`}>
            <Td>
              <Typography>{redemption.user?.username ?? t('detail.accounts.deleted', 'Deleted user')}</Typography>
            </Td>
            <Td>
              <Typography>{redemption.user?.email ?? '—'}</Typography>
            </Td>
            <Td>
              <RedemptionKindCell redemption={redemption} />
            </Td>
            <Td>
              <Typography>{formatInstant(intl, redemption.redeemedAt)}</Typography>
            </Td>
          </Tr>
        ))}
      </Tbody>
    </Table>
  );
};

/**
 * The accounts made from a link, a page at a time, newest first, searchable by username or email.
 * Until its first answer it shows the detail's own first page.
 */
export const RedemptionsTable = ({ invitation }: { invitation: InvitationDetail }) => {
  const t = usePluginTranslation();
  if (invitation.redemptionCount === 0) {
    return <Typography textColor="neutral600">{t('detail.accounts.empty', 'Nobody has used this link yet.')}</Typography>;
  }
  return <RedemptionPages invitation={invitation} />;
};

const RedemptionPages = ({ invitation }: { invitation: InvitationDetail }) => {
  const t = usePluginTranslation();
  const api = useInvitationsApi();
  const [query, setQuery] = useState({ page: 1, q: '' });
  const params = { page: query.page, pageSize: REDEMPTIONS_PAGE_SIZE, ...(query.q && { q: query.q }) };
  const request = useRequest(() => api.redemptions(invitation.id, params), [api, invitation.id, JSON.stringify(params)]);
  const onSearch = useCallback((q: string) => setQuery((previous) => (previous.q === q ? previous : { page: 1, q })), []);
  const page = request.data ?? {
    results: invitation.redemptions.slice(0, REDEMPTIONS_PAGE_SIZE),
    pagination: {
      page: 1,
      pageSize: REDEMPTIONS_PAGE_SIZE,
      pageCount: Math.ceil(invitation.redemptionCount / REDEMPTIONS_PAGE_SIZE),
      total: invitation.redemptionCount,
    },
  };
  return (
    <Flex direction="column" alignItems="stretch" gap={3}>
      <Flex gap={3} justifyContent="space-between" wrap="wrap">
        <Typography textColor="neutral600">
          {t(
            'redemptions.count',
            '{count, plural, one {# account created from this link.} other {# accounts created from this link.}}',
            { count: invitation.redemptionCount }
          )}
        </Typography>
        <Flex gap={2}>
          <ListSearch label={t('redemptions.search', 'Search by username or email')} onSearch={onSearch} />
          <ExportCsvButton invitationId={invitation.id} list="redemptions" />
        </Flex>
      </Flex>
      {request.error ? (
        <LoadFailure request={request} />
      ) : page.results.length === 0 ? (
        request.isLoading ? (
          <Loader small>{t('redemptions.loading', 'Loading the accounts')}</Loader>
        ) : (
          <Typography textColor="neutral600">{t('redemptions.noMatch', 'No account matches this search.')}</Typography>
        )
      ) : (
        <RedemptionRows redemptions={page.results} />
      )}
      <Pager
        pagination={page.pagination}
        onPage={(next) => setQuery((previous) => ({ ...previous, page: next }))}
        label={t('redemptions.pages', 'Pages of accounts')}
        withTotal
      />
    </Flex>
  );
};
