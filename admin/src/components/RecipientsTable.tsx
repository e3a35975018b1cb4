import { useCallback, useState } from 'react';
import { Flex, IconButton, Table, Tbody, Td, Tr, Typography } from '@strapi/design-system';
import { ArrowClockwise, Cross } from '@strapi/icons';
import { useNotification, useRBAC } from '@strapi/strapi/admin';
import { useIntl } from 'react-intl';
import { languageName, PERMISSIONS, RECIPIENT_STATUSES, recipientDisplayStatus } from '../../../shared';
import { useInvitationsApi, useRequest } from '../api';
import { adminTimeZone } from '../utils/dates';
import { formatInstant } from '../utils/format';
import { useNotifyFailure } from '../utils/failure';
import { usePluginTranslation } from '../utils/translations';
import { ConfirmActionDialog } from './ConfirmActionDialog';
import { ExportCsvButton } from './ExportCsvButton';
import { LoadFailure } from './Notice';
import { ListSearch, Pager } from './PagedList';
import { RecipientStatusBadge, useRecipientStatusLabels } from './StatusBadge';
import { StatusSelect } from './StatusSelect';
import { TableHeader } from './TableHeader';
import type { Invitation, Recipient, RecipientStatus, RecipientsQuery } from '../../../shared';

interface Props {
  /** A new object (the page loaded it again) loads the recipients again. */
  invitation: Invitation;
  /** After a resend or a revocation: the page's own figures (emails sent) changed. */
  onChange: () => void;
}

const PAGE_SIZE = 10;

const Account = ({ recipient }: { recipient: Recipient }) => {
  const t = usePluginTranslation();
  if (recipient.user) {
    return (
      <Flex direction="column" alignItems="flex-start">
        <Typography>{recipient.user.username}</Typography>
        <Typography variant="pi" textColor="neutral600">
          {recipient.user.email}
        </Typography>
      </Flex>
    );
  }
  const deleted = recipient.status === 'accepted';
  return <Typography textColor="neutral600">{deleted ? t('detail.accounts.deleted', 'Deleted user') : '—'}</Typography>;
};

interface RowProps {
  recipient: Recipient;
  /** When the link expires: a pending recipient of an expired link shows as expired. */
  linkExpiresAt: string;
  /** What the admin may do with a pending link; left out: not allowed. */
  actions: { resend?: () => void; revoke?: () => void };
  /** A resend or a revocation of this row is on its way. */
  busy: boolean;
}

const RecipientRow = ({ recipient, linkExpiresAt, actions, busy }: RowProps) => {
  const intl = useIntl();
  const t = usePluginTranslation();
  const pending = recipient.status === 'pending';
  const buttons = [
    {
      label: t('recipients.resend', 'Send again to {email}', { email: recipient.email }),
      icon: <ArrowClockwise />,
      onClick: actions.resend,
    },
    {
      label: t('recipients.revoke', 'Revoke the link of {email}', { email: recipient.email }),
      icon: <Cross />,
      onClick: actions.revoke,
    },
  ];
  return (
    <Tr data-recipient={recipient.email}>
      <Td>
        <Typography>{recipient.email}</Typography>
      </Td>
      <Td>
        <RecipientStatusBadge status={recipientDisplayStatus(recipient.status, linkExpiresAt)} />
      </Td>
      <Td>
        <Typography>{formatInstant(intl, recipient.sentAt)}</Typography>
      </Td>
      <Td>
        <Typography>{formatInstant(intl, recipient.lastSentAt)}</Typography>
      </Td>
      <Td>
        <Typography>{recipient.sendCount}</Typography>
      </Td>
      <Td>
        <Typography>{recipient.language ? languageName(recipient.language) : '-'}</Typography>
      </Td>
      <Td>
        <Typography>{recipient.remindedAt ? formatInstant(intl, recipient.remindedAt) : '—'}</Typography>
      </Td>
      <Td>
        <Account recipient={recipient} />
      </Td>
      <Td>
        {pending && (
          <Flex gap={1} justifyContent="flex-end">
            {buttons.map(
              ({ label, icon, onClick }) =>
                onClick && (
                  <IconButton key={label} label={label} variant="ghost" disabled={busy} onClick={onClick}>
                    {icon}
                  </IconButton>
                )
            )}
          </Flex>
        )}
      </Td>
    </Tr>
  );
};

interface Query {
  page: number;
  /** Undefined: all statuses. */
  status?: RecipientStatus;
  /** The search, trimmed; '' for none. */
  q: string;
}

interface FiltersProps {
  query: Query;
  onSearch: (q: string) => void;
  onStatus: (status: RecipientStatus | undefined) => void;
}

const RecipientsFilters = ({ query, onSearch, onStatus }: FiltersProps) => {
  const t = usePluginTranslation();
  const statusLabels = useRecipientStatusLabels();
  return (
    <Flex gap={3} wrap="wrap">
      <ListSearch label={t('recipients.search', 'Search by email')} defaultValue={query.q} onSearch={onSearch} />
      <StatusSelect
        statuses={RECIPIENT_STATUSES}
        labels={statusLabels}
        allLabel={t('recipients.filter.all', 'All statuses')}
        label={t('recipients.filter', 'Status')}
        value={query.status}
        onChange={onStatus}
      />
    </Flex>
  );
};

const RECIPIENT_ACTIONS = [...PERMISSIONS.send, ...PERMISSIONS.delete];

/** The people personal links were sent to: their state, when, the account made; resend and revoke. */
export const RecipientsTable = ({ invitation, onChange }: Props) => {
  const t = usePluginTranslation();
  const api = useInvitationsApi();
  const { toggleNotification } = useNotification();
  const notifyFailure = useNotifyFailure();
  const { allowedActions } = useRBAC(RECIPIENT_ACTIONS);
  const [query, setQuery] = useState<Query>({ page: 1, q: '' });
  const [busy, setBusy] = useState<number>();
  const [toRevoke, setToRevoke] = useState<Recipient | null>(null);
  // Another search or status starts from the first page.
  const searchFor = useCallback(
    (q: string) => setQuery((previous) => (previous.q === q ? previous : { ...previous, page: 1, q })),
    []
  );
  const filterBy = (status: RecipientStatus | undefined) => setQuery((previous) => ({ ...previous, page: 1, status }));
  const { page, status, q } = query;

  const params: RecipientsQuery = { page, pageSize: PAGE_SIZE, ...(status && { status }), ...(q && { q }) };
  const request = useRequest(() => api.recipients(invitation.id, params), [api, invitation, JSON.stringify(params)]);
  const { data } = request;

  if (request.error) return <LoadFailure request={request} />;
  if (!data) return null;
  if (data.pagination.total === 0 && !status && !q) {
    return (
      <Typography textColor="neutral600">
        {t('recipients.empty', 'No personal link has been sent with this link yet.')}
      </Typography>
    );
  }

  const act = async (recipient: Recipient, action: 'resend' | 'revoke') => {
    setBusy(recipient.id);
    try {
      // Mailed again in the language of the last email they got (the server knows it).
      if (action === 'resend') await api.resendRecipient(invitation.id, recipient.id, { timeZone: adminTimeZone() });
      else await api.revokeRecipient(invitation.id, recipient.id);
      toggleNotification({
        type: 'success',
        message:
          action === 'resend'
            ? t('recipients.resent', 'Personal link sent again to {email}', { email: recipient.email })
            : t('recipients.revoked', 'Personal link of {email} revoked', { email: recipient.email }),
      });
    } catch (error) {
      notifyFailure(error);
    }
    setBusy(undefined);
    request.reload();
    onChange();
  };

  return (
    <Flex direction="column" alignItems="stretch" gap={3}>
      <Flex gap={3} justifyContent="space-between" wrap="wrap">
        <RecipientsFilters query={query} onSearch={searchFor} onStatus={filterBy} />
        <ExportCsvButton invitationId={invitation.id} list="recipients" />
      </Flex>
      {data.results.length === 0 ? (
        <Typography textColor="neutral600">{t('recipients.empty.search', 'No recipient matches.')}</Typography>
      ) : (
        <Table colCount={9} rowCount={data.results.length + 1}>
          <TableHeader
            labels={[
              t('recipients.email', 'Email'),
              t('recipients.status', 'Status'),
              t('recipients.sentAt', 'First sent'),
              t('recipients.lastSentAt', 'Last sent'),
              t('recipients.sendCount', 'Times sent'),
              t('recipients.language', 'Language'),
              t('recipients.remindedAt', 'Reminded'),
              t('recipients.account', 'Account'),
              t('table.actions', 'Actions'),
            ]}
          />
          <Tbody>
            {data.results.map((recipient) => (
              <RecipientRow
                key={recipient.id}
                recipient={recipient}
                linkExpiresAt={invitation.expiresAt}
                actions={{
                  resend: allowedActions.canSend ? () => act(recipient, 'resend') : undefined,
                  revoke: allowedActions.canDelete ? () => setToRevoke(recipient) : undefined,
                }}
                busy={busy === recipient.id}
              />
            ))}
          </Tbody>
        </Table>
      )}
      <Pager
        pagination={data.pagination}
        onPage={(next) => setQuery((previous) => ({ ...previous, page: next }))}
        label={t('recipients.pages', 'Pages of recipients')}
      />
      {toRevoke && (
        // The personal link stops working at once; its row stays, marked revoked.
        <ConfirmActionDialog
          open
          onOpenChange={(open) => !open && setToRevoke(null)}
          title={t('recipients.revoke.title', 'Revoke this personal link?')}
          text={t(
            'recipients.revoke.body',
            'The link sent to {email} stops working at once. The record of it stays, marked revoked.',
            { email: toRevoke.email }
          )}
          onConfirm={() => {
            setToRevoke(null);
            return act(toRevoke, 'revoke');
          }}
        />
      )}
    </Flex>
  );
};
