import { useId, useRef, useState } from 'react';
import { Box, Button, Field, Flex, Typography, VisuallyHidden } from '@strapi/design-system';
import { FileCsv } from '@strapi/icons';
import { MAX_RECIPIENTS } from '../../../shared';
import { parseRecipientsCsv, type InvalidRow, type RecipientsCsv } from '../utils/recipients-csv';
import { usePluginTranslation } from '../utils/translations';
import { Notice } from './Notice';

interface Props {
  /** The rows of the last file that are not addresses, until the admin leaves them out. */
  invalidRows: InvalidRow[];
  /** Takes the file's addresses; answers how many went in and how many did not fit. */
  onImport: (csv: RecipientsCsv) => { added: number; leftOut: number };
  onLeaveOut: () => void;
}

/** The invalid rows shown by number; the rest are counted. */
const ROWS_SHOWN = 10;

const readText = (file: File) =>
  new Promise<string>((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error);
    reader.readAsText(file);
  });

type Summary = { kind: 'read'; added: number; duplicates: number; leftOut: number } | { kind: 'unreadable' };

/** "Import from a CSV file": its addresses go into the recipients; rows that are not addresses are listed. */
export const CsvImportField = ({ invalidRows, onImport, onLeaveOut }: Props) => {
  const t = usePluginTranslation();
  const id = useId();
  const [summary, setSummary] = useState<Summary>();
  const [fileName, setFileName] = useState<string>();
  const fileInput = useRef<HTMLInputElement>(null);

  const importFile = async (event: React.ChangeEvent<HTMLInputElement>) => {
    const input = event.currentTarget;
    const file = input.files?.[0];
    if (!file) return;
    setFileName(file.name);
    try {
      const csv = parseRecipientsCsv(await readText(file));
      const { added, leftOut } = onImport(csv);
      setSummary({ kind: 'read', added, duplicates: csv.addresses.length - added - leftOut + csv.duplicates, leftOut });
    } catch {
      setSummary({ kind: 'unreadable' });
    }
    // The same file, corrected, can then be chosen again.
    input.value = '';
  };

  const rowText = ({ row, value, problem }: InvalidRow) => {
    if (problem === 'language')
      return t('send.csv.row.language', 'Row {row}: “{value}” is not a language code such as “en” or “de”', { row, value });
    return value
      ? t('send.csv.row', 'Row {row}: “{value}”', { row, value })
      : t('send.csv.row.empty', 'Row {row}: no address', { row });
  };

  return (
    <Flex direction="column" alignItems="stretch" gap={2}>
      <Field.Root
        id={id}
        name="recipientsFile"
        hint={t(
          'send.csv.hint',
          'The column named “email”, or else the first column, as a spreadsheet or a mail client exports it. A header row is optional; a column named “language” (en, fr, de…) writes each person’s email in their language.'
        )}
      >
        <Field.Label>{t('send.csv', 'Import addresses from a CSV file')}</Field.Label>
        {/* The browser's own file input ("Choose File / No file chosen") stays out of sight and out
            of the tab order: the design system's button opens it, and says which file was read. */}
        <Flex gap={3} alignItems="center" wrap="wrap">
          <Button
            type="button"
            variant="secondary"
            startIcon={<FileCsv />}
            aria-describedby={`${id}-hint`}
            onClick={() => fileInput.current?.click()}
          >
            {t('send.csv.choose', 'Choose a CSV file')}
          </Button>
          {fileName && (
            <Typography textColor="neutral600" ellipsis>
              {fileName}
            </Typography>
          )}
        </Flex>
        <VisuallyHidden>
          <input ref={fileInput} id={id} type="file" accept=".csv,text/csv" tabIndex={-1} onChange={importFile} />
        </VisuallyHidden>
        <Field.Hint />
      </Field.Root>
      {summary?.kind === 'unreadable' && (
        <Notice variant="danger">{t('send.csv.unreadable', 'This file could not be read as text.')}</Notice>
      )}
      {summary?.kind === 'read' && (
        <Typography variant="pi" textColor="neutral600" aria-live="polite">
          {t(
            'send.csv.summary',
            '{added, plural, =0 {No address added} one {# address added} other {# addresses added}} from the file{duplicates, plural, =0 {} other {; # repeated or already in the list}}.',
            { added: summary.added, duplicates: summary.duplicates }
          )}
          {summary.leftOut > 0 &&
            ` ${t('send.csv.leftOut', '{count, plural, one {# address was} other {# addresses were}} left out: at most {max} at a time.', { count: summary.leftOut, max: MAX_RECIPIENTS })}`}
        </Typography>
      )}
      {invalidRows.length > 0 && (
        <>
          <Notice
            variant="danger"
            action={
              <Button variant="secondary" size="S" onClick={onLeaveOut}>
                {t('send.csv.leaveOut', 'Leave these rows out')}
              </Button>
            }
          >
            {t(
              'send.csv.invalid',
              '{count, plural, one {This row of the file cannot be used.} other {These # rows of the file cannot be used.}} Correct the file and import it again, or leave them out: nothing is sent until then.',
              { count: invalidRows.length }
            )}
          </Notice>
          <Box tag="ul" paddingLeft={3} aria-label={t('send.csv.invalid.list', 'Invalid rows')}>
            {invalidRows.slice(0, ROWS_SHOWN).map((row) => (
              <Typography key={row.row} tag="li" textColor="danger700">
                {rowText(row)}
              </Typography>
            ))}
            {invalidRows.length > ROWS_SHOWN && (
              <Typography tag="li" textColor="danger700">
                {t('send.csv.invalid.more', 'and {count} more', { count: invalidRows.length - ROWS_SHOWN })}
              </Typography>
            )}
          </Box>
        </>
      )}
    </Flex>
  );
};
