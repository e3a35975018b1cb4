import { useState } from 'react';
import { Button } from '@strapi/design-system';
import { Download } from '@strapi/icons';
import { useNotification } from '@strapi/strapi/admin';
import { useCsvDownload, type CsvExport } from '../api';
import { messageOf } from '../utils/errors';
import { saveFile } from '../utils/save-file';
import { usePluginTranslation } from '../utils/translations';

interface Props {
  invitationId: number;
  list: CsvExport;
}

/** Downloads one list of a link as CSV, with the admin's own session (a plain link to the route would be refused). */
export const ExportCsvButton = ({ invitationId, list }: Props) => {
  const t = usePluginTranslation();
  const download = useCsvDownload();
  const { toggleNotification } = useNotification();
  const [isExporting, setIsExporting] = useState(false);

  const exportCsv = async () => {
    setIsExporting(true);
    try {
      saveFile(await download(invitationId, list), `invitation-${invitationId}-${list}.csv`);
    } catch (error) {
      toggleNotification({
        type: 'danger',
        message: messageOf(error) ?? t('notification.error', 'Something went wrong. Please try again.'),
      });
    } finally {
      setIsExporting(false);
    }
  };

  return (
    <Button variant="tertiary" size="S" startIcon={<Download />} loading={isExporting} onClick={exportCsv}>
      {t('export.csv', 'Export CSV')}
    </Button>
  );
};
