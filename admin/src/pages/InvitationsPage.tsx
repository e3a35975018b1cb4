import { useState } from 'react';
import { Button, EmptyStateLayout, Flex, IconButton, Link, Typography } from '@strapi/design-system';
import { Pencil, Plus, Trash } from '@strapi/icons';
import { EmptyDocuments } from '@strapi/icons/symbols';
import { Layouts, Page, SearchInput, Table, useNotification, useQueryParams, useRBAC } from '@strapi/strapi/admin';
import { useIntl } from 'react-intl';
import { Link as RouterLink } from 'react-router-dom';
import { PERMISSIONS } from '../../../shared';
import { useInvitationsApi, useRequest } from '../api';
import { AccessRequestsLink } from '../components/AccessRequestsLink';
import { BulkDeleteAction, SelectInvitationCell } from '../components/BulkDelete';
import { DeleteInvitationDialog } from '../components/DeleteInvitationDialog';
import { InvitationFormModal } from '../components/InvitationFormModal';
import { ListTable, pageParams, useRowSelection, type ListUrlQuery } from '../components/ListTable';
import { SendInvitationModal, SendInvitationButton } from '../components/SendInvitationModal';
import { StatusBadge } from '../components/StatusBadge';
import { isInvitationStatus, StatusFilter } from '../components/StatusFilter';
import { adminName, formatInstant, formatUses } from '../utils/format';
import { useNotifyFailure } from '../utils/failure';
import { usePluginTranslation } from '../utils/translations';
import type { Invitation } from '../../../shared';

interface ListQuery extends ListUrlQuery {
  sort?: string;
}

/** The admin table's `sort=expiresAt:DESC` as the API takes it: `expiresAt:desc`. */
const toApiSort = (sort = 'createdAt:DESC') => {
  const [field, direction = 'ASC'] = sort.split(':');
  return `${field}:${direction.toLowerCase()}`;
};

/** What the page offers besides reading, each shown only to admins who may do it. */
const ROW_ACTIONS = [
  ...PERMISSIONS.create,
  ...PERMISSIONS.update,
  ...PERMISSIONS.delete,
  ...PERMISSIONS.send,
  ...PERMISSIONS.reviewAccessRequests,
];

type Modal = { kind: 'create' } | { kind: 'edit'; invitation: Invitation } | { kind: 'send'; invitation: Invitation } | null;

export const InvitationsPage = () => {
  const intl = useIntl();
  const t = usePluginTranslation();
  const api = useInvitationsApi();
  const { toggleNotification } = useNotification();
  const notifyFailure = useNotifyFailure();
  const { allowedActions } = useRBAC(ROW_ACTIONS);
  const [{ query }] = useQueryParams<ListQuery>();
  const params = {
    ...pageParams(query),
    sort: toApiSort(query.sort),
    ...(query._q ? { q: query._q } : {}),
    ...(isInvitationStatus(query.status) ? { status: query.status } : {}),
  };
  const paramsKey = JSON.stringify(params);
  const { data, error, isLoading, reload } = useRequest(() => api.list(params), [api, paramsKey]);
  const [modal, setModal] = useState<Modal>(null);
  const [toDelete, setToDelete] = useState<Invitation | null>(null);
  const selection = useRowSelection<Invitation>(paramsKey);

  const deleteInvitation = async (invitation: Invitation) => {
    setToDelete(null);
    try {
      await api.remove(invitation.id);
      toggleNotification({ type: 'success', message: t('notification.deleted', 'Invitation link deleted') });
    } catch (error) {
      notifyFailure(error);
    }
    reload();
  };

  const deleteSelected = async (ids: number[]) => {
    try {
      const { deleted } = await api.bulkDelete(ids);
      toggleNotification({
        type: 'success',
        message: t('list.bulk.deleted', '{count, plural, one {# invitation link deleted} other {# invitation links deleted}}', {
          count: deleted.length,
        }),
      });
      selection.clear();
    } catch (error) {
      notifyFailure(error);
    }
    reload();
  };

  const headers = [
    { name: 'name', label: t('table.name', 'Name'), sortable: true },
    { name: 'usedCount', label: t('table.uses', 'Uses'), sortable: false },
    { name: 'expiresAt', label: t('table.expiresAt', 'Expiration date'), sortable: true },
    { name: 'status', label: t('table.status', 'Status'), sortable: false },
    { name: 'role', label: t('table.role', 'Role'), sortable: false },
    { name: 'createdBy', label: t('table.createdBy', 'Created by'), sortable: false },
    { name: 'createdAt', label: t('table.createdAt', 'Created'), sortable: true },
  ];
  const title = t('list.title', 'Invitations');
  const createButton = allowedActions.canCreate ? (
    <Button startIcon={<Plus />} onClick={() => setModal({ kind: 'create' })}>
      {t('list.create', 'Create invitation link')}
    </Button>
  ) : undefined;
  const results = data?.results ?? [];
  if (error) return <Page.Error />;

  return (
    <Page.Main>
      <Page.Title>{title}</Page.Title>
      <Layouts.Header
        title={title}
        subtitle={t(
          'list.subtitle',
          'Links that let people create an account on this site. Deleting a link is the only way to cancel it.'
        )}
        primaryAction={createButton}
        secondaryAction={allowedActions.canReviewAccessRequests ? <AccessRequestsLink /> : undefined}
      />
      <Layouts.Action
        startActions={
          <>
            <SearchInput label={t('list.search', 'Search by name')} />
            <StatusFilter />
          </>
        }
      />
      <Layouts.Content>
        {!isLoading && data?.pagination.total === 0 && !query._q && !params.status ? (
          <EmptyStateLayout
            icon={<EmptyDocuments width="16rem" />}
            content={t('list.empty', 'No invitation link yet. Create one to let people sign up.')}
            action={createButton}
          />
        ) : (
          <ListTable
            rows={results}
            headers={headers}
            isLoading={isLoading}
            selection={selection}
            selectable={Boolean(allowedActions.canDelete)}
            bulkActions={<BulkDeleteAction onConfirm={deleteSelected} />}
            emptyContent={
              params.status
                ? t('list.filter.empty', 'No invitation link matches this filter.')
                : t('list.empty.search', 'No invitation link matches this search.')
            }
            pagination={data?.pagination}
          >
            {results.map((invitation) => (
              <Table.Row key={invitation.id}>
                {allowedActions.canDelete && <SelectInvitationCell invitation={invitation} />}
                <Table.Cell>
                  <Link
                    tag={RouterLink}
                    to={String(invitation.id)}
                    aria-label={t('actions.open', 'Open {name}', { name: invitation.name })}
                  >
                    {invitation.name}
                  </Link>
                </Table.Cell>
                <Table.Cell>
                  <Typography>{formatUses(invitation)}</Typography>
                </Table.Cell>
                <Table.Cell>
                  <Typography>{formatInstant(intl, invitation.expiresAt)}</Typography>
                </Table.Cell>
                <Table.Cell>
                  <StatusBadge status={invitation.status} />
                </Table.Cell>
                <Table.Cell>
                  <Typography>{invitation.role?.name ?? t('role.default', 'Default role')}</Typography>
                </Table.Cell>
                <Table.Cell>
                  <Typography>{adminName(invitation.createdBy)}</Typography>
                </Table.Cell>
                <Table.Cell>
                  <Typography>{formatInstant(intl, invitation.createdAt)}</Typography>
                </Table.Cell>
                <Table.Cell>
                  <Flex gap={1} justifyContent="flex-end">
                    {allowedActions.canSend && (
                      <SendInvitationButton
                        invitation={invitation}
                        compact
                        onClick={() => setModal({ kind: 'send', invitation })}
                      />
                    )}
                    {allowedActions.canUpdate && (
                      <IconButton
                        label={t('actions.edit', 'Edit')}
                        variant="ghost"
                        onClick={() => setModal({ kind: 'edit', invitation })}
                      >
                        <Pencil />
                      </IconButton>
                    )}
                    {allowedActions.canDelete && (
                      <IconButton label={t('actions.delete', 'Delete')} variant="ghost" onClick={() => setToDelete(invitation)}>
                        <Trash />
                      </IconButton>
                    )}
                  </Flex>
                </Table.Cell>
              </Table.Row>
            ))}
          </ListTable>
        )}
      </Layouts.Content>
      {modal?.kind === 'send' && (
        <SendInvitationModal invitation={modal.invitation} onClose={() => setModal(null)} onSent={reload} />
      )}
      {modal && modal.kind !== 'send' && (
        <InvitationFormModal
          invitation={modal.kind === 'edit' ? modal.invitation : undefined}
          onClose={() => setModal(null)}
          onSaved={reload}
        />
      )}
      <DeleteInvitationDialog invitation={toDelete} onCancel={() => setToDelete(null)} onConfirm={deleteInvitation} />
    </Page.Main>
  );
};
