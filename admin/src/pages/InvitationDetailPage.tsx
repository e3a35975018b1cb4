import { useState } from 'react';
import { Box, Button, Flex, Grid, Typography } from '@strapi/design-system';
import { ArrowClockwise, Pencil, Trash } from '@strapi/icons';
import { BackButton, Layouts, Page, useNotification, useRBAC } from '@strapi/strapi/admin';
import { useIntl } from 'react-intl';
import { useNavigate, useParams } from 'react-router-dom';
import { PERMISSIONS } from '../../../shared';
import { useInvitationsApi, useRequest } from '../api';
import { DeleteInvitationDialog } from '../components/DeleteInvitationDialog';
import { InvitationFormModal } from '../components/InvitationFormModal';
import { DeliveryLog } from '../components/DeliveryLog';
import { InvitationLink } from '../components/InvitationLink';
import { InvitationCode } from '../components/InvitationCode';
import { InvitationQrCode } from '../components/InvitationQrCode';
import { RecipientsTable } from '../components/RecipientsTable';
import { RedemptionsTable } from '../components/RedemptionsTable';
import { RenewInvitationDialog } from '../components/RenewInvitationDialog';
import { SendInvitationButton, SendInvitationModal } from '../components/SendInvitationModal';
import { LazySignUpChart } from '../components/LazySignUpChart';
import { StatusBadge } from '../components/StatusBadge';
import { adminName, formatInstant, formatUses } from '../utils/format';
import { useNotifyFailure } from '../utils/failure';
import { usePluginTranslation } from '../utils/translations';
import type { Invitation, InvitationDetail } from '../../../shared';

const Fact = ({ label, children }: { label: string; children: React.ReactNode }) => (
  <Grid.Item col={4} s={6} xs={12} direction="column" alignItems="flex-start" gap={1}>
    <Typography variant="sigma" textColor="neutral600">
      {label}
    </Typography>
    <Box>{typeof children === 'string' ? <Typography>{children}</Typography> : children}</Box>
  </Grid.Item>
);

const Section = ({ title, children }: { title: string; children: React.ReactNode }) => (
  <Box background="neutral0" hasRadius shadow="tableShadow" padding={6}>
    <Flex direction="column" alignItems="stretch" gap={4}>
      <Typography variant="delta" tag="h2">
        {title}
      </Typography>
      {children}
    </Flex>
  </Box>
);

const presetsText = (userDefaults: Record<string, unknown>) =>
  Object.entries(userDefaults)
    .map(([name, value]) => `${name}: ${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join(', ');

/** What the link gives the people who use it, besides the role. */
const FirstAccess = ({ invitation }: { invitation: InvitationDetail }) => {
  const t = usePluginTranslation();
  const none = t('detail.none', 'None');
  return (
    <Grid.Root gap={5}>
      <Fact label={t('detail.welcomeMessage', 'Welcome message')}>
        <Typography style={{ whiteSpace: 'pre-line' }}>{invitation.welcomeMessage ?? none}</Typography>
      </Fact>
      <Fact label={t('detail.redirectUrl', 'Page after sign-up')}>{invitation.redirectUrl ?? none}</Fact>
      <Fact label={t('detail.userDefaults', 'Preset account fields')}>{presetsText(invitation.userDefaults) || none}</Fact>
    </Grid.Root>
  );
};

const DETAIL_ACTIONS = [...PERMISSIONS.update, ...PERMISSIONS.delete, ...PERMISSIONS.send];

/** One invitation: its link to copy, its numbers, and the accounts created from it. */
export const InvitationDetailPage = () => {
  const intl = useIntl();
  const t = usePluginTranslation();
  const { id } = useParams<{ id: string }>();
  const navigate = useNavigate();
  const api = useInvitationsApi();
  const { toggleNotification } = useNotification();
  const notifyFailure = useNotifyFailure();
  const { allowedActions } = useRBAC(DETAIL_ACTIONS);
  const { data: invitation, error, isLoading, reload } = useRequest(() => api.get(id as string), [api, id]);
  const [isEditing, setIsEditing] = useState(false);
  const [isSending, setIsSending] = useState(false);
  const [isRenewing, setIsRenewing] = useState(false);
  const [toDelete, setToDelete] = useState<Invitation | null>(null);

  if (isLoading && !invitation) return <Page.Loading />;
  if (error || !invitation) return <Page.Error />;

  const deleteInvitation = async () => {
    setToDelete(null);
    try {
      await api.remove(invitation.id);
      toggleNotification({ type: 'success', message: t('notification.deleted', 'Invitation link deleted') });
      navigate('..', { relative: 'path' });
    } catch (deleteError) {
      notifyFailure(deleteError);
      reload();
    }
  };

  return (
    <Page.Main>
      <Page.Title>{invitation.name}</Page.Title>
      <Layouts.Header
        navigationAction={<BackButton fallback=".." />}
        title={invitation.name}
        secondaryAction={<StatusBadge status={invitation.status} />}
        primaryAction={
          <Flex gap={2}>
            {allowedActions.canSend && <SendInvitationButton invitation={invitation} onClick={() => setIsSending(true)} />}
            {allowedActions.canUpdate && allowedActions.canSend && (
              <Button variant="secondary" startIcon={<ArrowClockwise />} onClick={() => setIsRenewing(true)}>
                {t('actions.renew', 'Renew')}
              </Button>
            )}
            {allowedActions.canUpdate && (
              <Button variant="secondary" startIcon={<Pencil />} onClick={() => setIsEditing(true)}>
                {t('actions.edit', 'Edit')}
              </Button>
            )}
            {allowedActions.canDelete && (
              <Button variant="danger-light" startIcon={<Trash />} onClick={() => setToDelete(invitation)}>
                {t('actions.delete', 'Delete')}
              </Button>
            )}
          </Flex>
        }
      />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={6}>
          <Box background="neutral0" hasRadius shadow="tableShadow" padding={6}>
            <Flex direction="column" alignItems="stretch" gap={6}>
              <InvitationLink url={invitation.url} />
              <Flex gap={8} wrap="wrap" alignItems="flex-start">
                {invitation.url && <InvitationQrCode url={invitation.url} fileName={`invitation-${invitation.id}-qr`} />}
                {invitation.codeUrl && (
                  <InvitationQrCode url={invitation.codeUrl} fileName={`invitation-${invitation.id}-code-qr`} of="code" />
                )}
              </Flex>
              <Grid.Root gap={5}>
                <Fact label={t('detail.uses', 'Uses')}>{formatUses(invitation)}</Fact>
                <Fact label={t('detail.remaining', 'Remaining')}>{String(invitation.remaining)}</Fact>
                <Fact label={t('detail.expiresAt', 'Expires')}>{formatInstant(intl, invitation.expiresAt)}</Fact>
                <Fact label={t('detail.role', 'Role')}>{invitation.role?.name ?? t('role.default', 'Default role')}</Fact>
                <Fact label={t('detail.code', 'Code')}>
                  <InvitationCode invitation={invitation} />
                </Fact>
                <Fact label={t('detail.allowExistingAccounts', 'Existing accounts')}>
                  {invitation.allowExistingAccounts
                    ? t('detail.allowExistingAccounts.yes', 'Can accept this link')
                    : t('detail.allowExistingAccounts.no', 'New accounts only')}
                </Fact>
                <Fact label={t('detail.remindBeforeDays', 'Reminder')}>
                  {invitation.remindBeforeDays === null
                    ? t('detail.remindBeforeDays.none', 'No reminder')
                    : t(
                        'detail.remindBeforeDays.value',
                        '{days, plural, one {# day} other {# days}} before expiration, to people who have not signed up',
                        { days: invitation.remindBeforeDays }
                      )}
                </Fact>
                <Fact label={t('detail.allowedEmailDomains', 'Allowed email domains')}>
                  {invitation.allowedEmailDomains.join(', ') || t('detail.anyEmailDomain', 'Any')}
                </Fact>
                <Fact label={t('detail.autoApproveDomains', 'Requests approved at once from')}>
                  {invitation.autoApproveDomains.join(', ') || t('detail.none', 'None')}
                </Fact>
                <Fact label={t('detail.createdBy', 'Created by')}>{adminName(invitation.createdBy)}</Fact>
                <Fact label={t('detail.createdAt', 'Created')}>{formatInstant(intl, invitation.createdAt)}</Fact>
              </Grid.Root>
            </Flex>
          </Box>
          <Section title={t('detail.firstAccess', 'First access')}>
            <FirstAccess invitation={invitation} />
          </Section>
          <Section title={t('chart.title', 'Sign-ups over time')}>
            <LazySignUpChart invitation={invitation} />
          </Section>
          <Section title={t('detail.accounts', 'Accounts created from this link')}>
            <RedemptionsTable invitation={invitation} />
          </Section>
          <Section title={t('recipients.title', 'Recipients of personal links')}>
            <RecipientsTable invitation={invitation} onChange={reload} />
          </Section>
          <Section title={t('detail.emails', 'Emails sent with this link')}>
            <DeliveryLog log={invitation.deliveries} invitationId={invitation.id} />
          </Section>
        </Flex>
      </Layouts.Content>
      {isSending && <SendInvitationModal invitation={invitation} onClose={() => setIsSending(false)} onSent={reload} />}
      {isRenewing && <RenewInvitationDialog invitation={invitation} onClose={() => setIsRenewing(false)} onRenewed={reload} />}
      {isEditing && <InvitationFormModal invitation={invitation} onClose={() => setIsEditing(false)} onSaved={reload} />}
      <DeleteInvitationDialog invitation={toDelete} onCancel={() => setToDelete(null)} onConfirm={deleteInvitation} />
    </Page.Main>
  );
};
