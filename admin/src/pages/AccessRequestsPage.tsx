import { useCallback, useState } from 'react';
import { EmptyStateLayout, Flex, Link, Typography } from '@strapi/design-system';
import { ArrowLeft } from '@strapi/icons';
import { EmptyDocuments } from '@strapi/icons/symbols';
import { Layouts, Page, Table, useNotification, useQueryParams, useRBAC, useTable } from '@strapi/strapi/admin';
import { Link as RouterLink } from 'react-router-dom';
import { ACCESS_REQUEST_BULK_MAX, ACCESS_REQUEST_STATUSES, PERMISSIONS, PLUGIN_ID } from '../../../shared';
import { useInvitationsApi, useRequest } from '../api';
import { DecisionButtons, type Decision } from '../components/AccessRequestDecision';
import { AccessRequestRow, useAccessRequestStatusLabels } from '../components/AccessRequestRow';
import { ApproveRequestsDialog } from '../components/ApproveRequestsDialog';
import { DeclineRequestsDialog } from '../components/DeclineRequestsDialog';
import { ListTable, pageParams, useRowSelection, type ListUrlQuery } from '../components/ListTable';
import { LoadFailure } from '../components/Notice';
import { ListSearch } from '../components/PagedList';
import { StatusSelect } from '../components/StatusSelect';
import { statusOf } from '../utils/errors';
import { useNotifyFailure } from '../utils/failure';
import { usePluginTranslation } from '../utils/translations';
import type {
  AccessRequest,
  AccessRequestsPage as RequestsPage,
  AccessRequestsQuery,
  AccessRequestStatus,
} from '../../../shared';

/** Where request access and its `requestAccess` setting are explained. */
export const REQUEST_ACCESS_DOCS =
  'https://github.com/strapi-plugin-invitations/strapi-plugin-invitations/blob/main/docs/request-access.md';

/** `?status=all` lists every request; no status (or an unknown one): the pending ones, which wait for a reviewer. */
const STATUS_ALL = 'all';
const statusFrom = (value: unknown): AccessRequestStatus | undefined =>
  value === STATUS_ALL ? undefined : (ACCESS_REQUEST_STATUSES.find((status) => status === value) ?? 'pending');

type Dialog = { kind: Decision; requests: AccessRequest[] } | null;

const StatusFilter = ({ value, counts }: { value: AccessRequestStatus | undefined; counts?: RequestsPage['counts'] }) => {
  const t = usePluginTranslation();
  const names = useAccessRequestStatusLabels();
  const [, setQuery] = useQueryParams<ListUrlQuery>();
  const withCount = (status: AccessRequestStatus) =>
    counts ? t('requests.filter.count', '{status} ({count})', { status: names[status], count: counts[status] }) : names[status];
  const labels = { pending: withCount('pending'), approved: withCount('approved'), declined: withCount('declined') };
  return (
    <StatusSelect
      statuses={ACCESS_REQUEST_STATUSES}
      labels={labels}
      allLabel={t('requests.filter.all', 'All requests')}
      label={t('requests.filter', 'Status')}
      size="S"
      value={value}
      onChange={(status) => setQuery({ status: status ?? STATUS_ALL, page: '1' })}
    />
  );
};

/** Shown while pending rows are selected: approve or decline them together. */
const BulkActions = ({ onAction }: { onAction: (kind: Decision, requests: AccessRequest[]) => void }) => {
  const t = usePluginTranslation();
  const selectedRows = useTable('AccessRequestsBulkActions', (table) => table.selectedRows) as AccessRequest[];
  const count = selectedRows.length;
  const tooMany = count > ACCESS_REQUEST_BULK_MAX;
  return (
    <Table.ActionBar>
      <Flex gap={2}>
        {tooMany && (
          <Typography variant="pi" textColor="danger600">
            {t('requests.bulk.tooMany', 'Select at most {max} requests at a time', { max: ACCESS_REQUEST_BULK_MAX })}
          </Typography>
        )}
        <DecisionButtons
          words={{
            approve: { text: t('requests.bulk.approve', 'Approve {count}', { count }) },
            decline: { text: t('requests.bulk.decline', 'Decline {count}', { count }) },
          }}
          onDecide={(decision) => onAction(decision, selectedRows)}
          disabled={tooMany}
          withIcons
        />
      </Flex>
    </Table.ActionBar>
  );
};

/** What the page says when the server has no requests API: the site has not turned request access on. */
const FeatureOff = () => {
  const t = usePluginTranslation();
  return (
    <EmptyStateLayout
      icon={<EmptyDocuments width="16rem" />}
      content={t('requests.off', 'Request access is off; see the `requestAccess` setting.')}
      action={
        <Link href={REQUEST_ACCESS_DOCS} isExternal>
          {t('requests.off.docs', 'How to turn it on')}
        </Link>
      }
    />
  );
};

/** *Access requests*: people without a link who asked for one, to approve into a link or decline. */
export const AccessRequestsPage = () => {
  const t = usePluginTranslation();
  const api = useInvitationsApi();
  const { toggleNotification } = useNotification();
  const notifyFailure = useNotifyFailure();
  const { allowedActions } = useRBAC(PERMISSIONS.read);
  const [{ query }, setQuery] = useQueryParams<ListUrlQuery>();
  const status = statusFrom(query.status);
  const search = query._q ?? '';
  const params: AccessRequestsQuery = {
    ...pageParams(query),
    ...(status && { status }),
    ...(search && { q: search }),
  };
  const paramsKey = JSON.stringify(params);
  const request = useRequest(() => api.accessRequests(params), [api, paramsKey]);
  const { data, error, isLoading, reload } = request;
  const [dialog, setDialog] = useState<Dialog>(null);
  const [retrying, setRetrying] = useState<number>();
  const selection = useRowSelection<AccessRequest>(paramsKey);
  // Only pending requests can be decided, so only the pending list has checkboxes.
  const selectable = status === 'pending';

  // The search goes in the URL encoded, as Strapi's own search box writes it (its pager expects that).
  const searchFor = useCallback(
    (text: string) => {
      if (text !== search) setQuery({ _q: text ? encodeURIComponent(text) : undefined, page: '1' });
    },
    [search, setQuery]
  );

  const retry = async (accessRequest: AccessRequest) => {
    setRetrying(accessRequest.id);
    try {
      await api.resendApproval(accessRequest.id);
      toggleNotification({
        type: 'success',
        message: t('requests.retry.sent', 'Personal link sent to {email}', { email: accessRequest.email }),
      });
    } catch (caught) {
      // A mail server refusing again is a 502 whose message holds the new reason; the row shows it once read again.
      notifyFailure(caught);
    }
    setRetrying(undefined);
    reload();
  };

  const decided = () => {
    selection.clear();
    reload();
  };

  const headers = [
    { name: 'email', label: t('requests.table.person', 'Email and name'), sortable: false },
    { name: 'message', label: t('requests.table.message', 'Message'), sortable: false },
    { name: 'lastRequestedAt', label: t('requests.table.requested', 'Requested'), sortable: false },
    { name: 'status', label: t('requests.table.status', 'Status'), sortable: false },
    { name: 'decision', label: t('requests.table.decision', 'Decision'), sortable: false },
  ];
  const title = t('requests.title', 'Access requests');
  const featureOff = statusOf(error) === 404;
  const results = data?.results ?? [];
  const nothingYet = data && !search && Object.values(data.counts).every((count) => count === 0);

  return (
    <Page.Main>
      <Page.Title>{title}</Page.Title>
      <Layouts.Header
        title={title}
        subtitle={t(
          'requests.subtitle',
          'People without a link who asked for one. Approving sends them a personal link of the link you choose.'
        )}
        navigationAction={
          allowedActions.canRead ? (
            <Link tag={RouterLink} to={`/plugins/${PLUGIN_ID}`} startIcon={<ArrowLeft />}>
              {t('requests.back', 'Invitations')}
            </Link>
          ) : undefined
        }
      />
      {!featureOff && (
        <Layouts.Action
          startActions={
            <>
              <ListSearch label={t('requests.search', 'Search by email')} defaultValue={search} onSearch={searchFor} />
              <StatusFilter value={status} counts={data?.counts} />
            </>
          }
        />
      )}
      <Layouts.Content>
        {featureOff ? (
          <FeatureOff />
        ) : error ? (
          <LoadFailure request={request} />
        ) : nothingYet ? (
          <EmptyStateLayout
            icon={<EmptyDocuments width="16rem" />}
            content={t(
              'requests.empty',
              'No request for access yet. People without a link ask for one on the site’s request page.'
            )}
          />
        ) : (
          <ListTable
            rows={results}
            headers={headers}
            isLoading={isLoading}
            selection={selection}
            selectable={selectable}
            bulkActions={<BulkActions onAction={(kind, requests) => setDialog({ kind, requests })} />}
            emptyContent={t('requests.empty.filter', 'No request matches this search or filter.')}
            pagination={data?.pagination}
          >
            {results.map((accessRequest) => (
              <AccessRequestRow
                key={accessRequest.id}
                request={accessRequest}
                selectable={selectable}
                canOpenLinks={Boolean(allowedActions.canRead)}
                onDecide={(kind) => setDialog({ kind, requests: [accessRequest] })}
                onRetry={() => retry(accessRequest)}
                retrying={retrying === accessRequest.id}
              />
            ))}
          </ListTable>
        )}
      </Layouts.Content>
      {dialog?.kind === 'approve' && (
        <ApproveRequestsDialog requests={dialog.requests} onClose={() => setDialog(null)} onDecided={decided} />
      )}
      {dialog?.kind === 'decline' && (
        <DeclineRequestsDialog requests={dialog.requests} onClose={() => setDialog(null)} onDecided={decided} />
      )}
    </Page.Main>
  );
};

export default AccessRequestsPage;
