import { useState } from 'react';
import { Button } from '@strapi/design-system';
import { Download } from '@strapi/icons';
import { useCsvDownload, type CsvExport } from '../api';
import { useNotifyFailure } from '../utils/failure';
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
  const notifyFailure = useNotifyFailure();
  const [isExporting, setIsExporting] = useState(false);

  const exportCsv = async () => {
    setIsExporting(true);
    try {
      saveFile(await download(invitationId, list), `invitation-${invitationId}-${list}.csv`);
    } catch (error) {
      notifyFailure(error);
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
