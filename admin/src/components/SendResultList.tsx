import { Table, Tbody, Td, Tr, Typography } from '@strapi/design-system';
import { usePluginTranslation } from '../utils/translations';
import { DeliveryStatus } from './DeliveryLog';
import { TableHeader } from './TableHeader';
import type { SendOutcome } from '../utils/send-batches';

/** What happened to each address: the failed ones first, with the mail provider's reason. */
export const SendResultList = ({ outcome }: { outcome: SendOutcome }) => {
  const t = usePluginTranslation();
  const rows = [
    ...outcome.failed.map(({ email, error }) => ({ email, error })),
    ...outcome.sent.map((email) => ({ email, error: null })),
  ];
  return (
    <Table colCount={3} rowCount={rows.length + 1}>
      <TableHeader
        labels={[t('send.result.address', 'Address'), t('send.result.status', 'Result'), t('send.result.error', 'Reason')]}
      />
      <Tbody>
        {rows.map(({ email, error }) => (
          <Tr key={email} data-result={error === null ? 'sent' : 'failed'}>
            <Td>
              <Typography>{email}</Typography>
            </Td>
            <Td>
              <DeliveryStatus failed={error !== null} />
            </Td>
            <Td>
              <Typography textColor="neutral600">{error ?? '—'}</Typography>
            </Td>
          </Tr>
        ))}
      </Tbody>
    </Table>
  );
};
