import { Button, Flex, Link, Typography } from '@strapi/design-system';
import { Table } from '@strapi/strapi/admin';
import { useIntl } from 'react-intl';
import { Link as RouterLink } from 'react-router-dom';
import { PLUGIN_ID } from '../../../shared';
import { adminName, formatInstant } from '../utils/format';
import { usePluginTranslation } from '../utils/translations';
import { DecisionButtons, type Decision } from './AccessRequestDecision';
import { SelectRowCell } from './BulkDelete';
import { Badge } from './StatusBadge';
import type { AccessRequest, AccessRequestStatus } from '../../../shared';

const VARIANTS = { pending: 'warning', approved: 'success', declined: 'neutral' } as const;

/** The words of a request's states, for its badge and the status filter. */
export const useAccessRequestStatusLabels = (): Record<AccessRequestStatus, string> => {
  const t = usePluginTranslation();
  return {
    pending: t('requests.status.pending', 'Pending'),
    approved: t('requests.status.approved', 'Approved'),
    declined: t('requests.status.declined', 'Declined'),
  };
};

const Person = ({ request }: { request: AccessRequest }) => (
  <Flex direction="column" alignItems="flex-start">
    <Typography fontWeight="semiBold">{request.email}</Typography>
    {request.name && (
      <Typography variant="pi" textColor="neutral600">
        {request.name}
      </Typography>
    )}
  </Flex>
);

const Requested = ({ request }: { request: AccessRequest }) => {
  const intl = useIntl();
  const t = usePluginTranslation();
  const askedAgain = request.lastRequestedAt !== request.createdAt;
  return (
    <Flex direction="column" alignItems="flex-start">
      <Typography>{formatInstant(intl, request.lastRequestedAt)}</Typography>
      {askedAgain && (
        <Typography variant="pi" textColor="neutral600">
          {t('requests.firstAsked', 'First asked {date}', { date: formatInstant(intl, request.createdAt) })}
        </Typography>
      )}
    </Flex>
  );
};

interface DecisionProps {
  request: AccessRequest;
  /** The admin may open the link's page (the `read` action). */
  canOpenLinks: boolean;
  onRetry: () => void;
  retrying: boolean;
}

/** Who decided and when, the link an approval sent, and an email that failed (an approval's with its Retry). */
const Decision = ({ request, canOpenLinks, onRetry, retrying }: DecisionProps) => {
  const intl = useIntl();
  const t = usePluginTranslation();
  if (!request.decidedAt) return <Typography textColor="neutral600">—</Typography>;
  const link = request.invitation;
  return (
    <Flex direction="column" alignItems="flex-start" gap={1}>
      <Typography>
        {request.autoApproved
          ? t('requests.decidedAuto', 'Auto-approved, {date}', { date: formatInstant(intl, request.decidedAt) })
          : t('requests.decidedBy', '{name}, {date}', {
              name: adminName(request.decidedBy),
              date: formatInstant(intl, request.decidedAt),
            })}
      </Typography>
      {link && (
        <Typography variant="pi" textColor="neutral600">
          {t('requests.approvedInto', 'Link:')}{' '}
          {canOpenLinks ? (
            <Link tag={RouterLink} to={`/plugins/${PLUGIN_ID}/${link.id}`}>
              {link.name}
            </Link>
          ) : (
            link.name
          )}
        </Typography>
      )}
      {request.sendError && (
        <Flex gap={2} alignItems="center" wrap="wrap">
          <Typography variant="pi" textColor="danger600" role="alert">
            {t('requests.sendError', 'Email not sent: {reason}', { reason: request.sendError })}
          </Typography>
          {/* Only an approval's email can be sent again (the server has no resend for a declined request's answer). */}
          {request.status === 'approved' && (
            <Button
              size="S"
              variant="secondary"
              loading={retrying}
              onClick={onRetry}
              aria-label={t('requests.retry.label', 'Retry sending the link to {email}', { email: request.email })}
            >
              {t('actions.retry', 'Retry')}
            </Button>
          )}
        </Flex>
      )}
    </Flex>
  );
};

interface RowProps {
  request: AccessRequest;
  /** The row has a checkbox for the bulk actions. */
  selectable: boolean;
  canOpenLinks: boolean;
  onDecide: (decision: Decision) => void;
  onRetry: () => void;
  retrying: boolean;
}

/** One request: who asked, what they wrote, when, its state and decision, and what can be done. */
export const AccessRequestRow = ({ request, selectable, canOpenLinks, onDecide, onRetry, retrying }: RowProps) => {
  const t = usePluginTranslation();
  const labels = useAccessRequestStatusLabels();
  return (
    <Table.Row data-request={request.email}>
      {selectable && (
        <SelectRowCell row={request} label={t('requests.select', 'Select the request of {email}', { email: request.email })} />
      )}
      <Table.Cell>
        <Person request={request} />
      </Table.Cell>
      <Table.Cell style={{ maxWidth: '32rem', whiteSpace: 'normal' }}>
        <Typography style={{ whiteSpace: 'pre-line', overflowWrap: 'anywhere' }}>{request.message ?? '—'}</Typography>
      </Table.Cell>
      <Table.Cell>
        <Requested request={request} />
      </Table.Cell>
      <Table.Cell>
        <Badge status={request.status} variant={VARIANTS[request.status]} label={labels[request.status]} />
      </Table.Cell>
      <Table.Cell style={{ whiteSpace: 'normal' }}>
        <Decision request={request} canOpenLinks={canOpenLinks} onRetry={onRetry} retrying={retrying} />
      </Table.Cell>
      <Table.Cell>
        {request.status === 'pending' && (
          <Flex gap={2} justifyContent="flex-end">
            <DecisionButtons
              words={{
                approve: {
                  text: t('requests.approve', 'Approve'),
                  label: t('requests.approve.label', 'Approve {email}', { email: request.email }),
                },
                decline: {
                  text: t('requests.decline', 'Decline'),
                  label: t('requests.decline.label', 'Decline {email}', { email: request.email }),
                },
              }}
              onDecide={onDecide}
            />
          </Flex>
        )}
      </Table.Cell>
    </Table.Row>
  );
};
