import { Flex, Table, Tbody, Td, Tr, Typography } from '@strapi/design-system';
import { useIntl } from 'react-intl';
import { adminName, formatInstant } from '../utils/format';
import { usePluginTranslation } from '../utils/translations';
import type { DeliveryLog as Log } from '../../../shared';
import { ExportCsvButton } from './ExportCsvButton';
import { TableHeader } from './TableHeader';

/** The emails sent with a link: to whom, when, by whom, and whether the mail provider took them. */
export const DeliveryLog = ({ log, invitationId }: { log: Log; invitationId: number }) => {
  const intl = useIntl();
  const t = usePluginTranslation();
  if (log.total === 0) {
    return (
      <Typography textColor="neutral600">{t('detail.emails.empty', 'No email has been sent with this link yet.')}</Typography>
    );
  }
  return (
    <Flex direction="column" alignItems="stretch" gap={3}>
      <Flex gap={3} justifyContent="space-between" wrap="wrap">
        <Typography textColor="neutral600">
          {t('detail.emails.summary', '{sent} sent, {failed} failed.', { sent: log.sent, failed: log.failed })}
          {log.total > log.latest.length &&
            ` ${t('detail.emails.latest', 'The latest {shown} are shown.', { shown: log.latest.length })}`}
        </Typography>
        <ExportCsvButton invitationId={invitationId} list="deliveries" />
      </Flex>
      <Table colCount={6} rowCount={log.latest.length + 1}>
        <TableHeader
          labels={[
            t('detail.emails.recipient', 'Recipient'),
            t('detail.emails.date', 'Date'),
            t('detail.emails.kind', 'Email'),
            t('detail.emails.sentBy', 'Sent by'),
            t('send.result.status', 'Result'),
            t('send.result.error', 'Reason'),
          ]}
        />
        <Tbody>
          {log.latest.map((delivery) => (
            <Tr key={delivery.id} data-result={delivery.status}>
              <Td>
                <Typography>{delivery.recipient}</Typography>
              </Td>
              <Td>
                <Typography>{formatInstant(intl, delivery.sentAt)}</Typography>
              </Td>
              <Td>
                <Typography>
                  {delivery.kind === 'reminder'
                    ? t('detail.emails.kind.reminder', 'Reminder')
                    : t('detail.emails.kind.invitation', 'Invitation')}
                </Typography>
              </Td>
              <Td>
                <Typography>
                  {delivery.kind === 'reminder'
                    ? t('detail.emails.sentBy.site', 'The site, automatically')
                    : adminName(delivery.sentBy)}
                </Typography>
              </Td>
              <Td>
                <DeliveryStatus failed={delivery.status === 'failed'} />
              </Td>
              <Td>
                <Typography textColor="neutral600">{delivery.error ?? '—'}</Typography>
              </Td>
            </Tr>
          ))}
        </Tbody>
      </Table>
    </Flex>
  );
};

export const DeliveryStatus = ({ failed }: { failed: boolean }) => {
  const t = usePluginTranslation();
  return (
    <Typography fontWeight="bold" textColor={failed ? 'danger600' : 'success600'}>
      {failed ? t('delivery.failed', 'Failed') : t('delivery.sent', 'Sent')}
    </Typography>
  );
};
