import { useState } from 'react';
import { Button, Checkbox } from '@strapi/design-system';
import { Trash } from '@strapi/icons';
import { Table, useTable } from '@strapi/strapi/admin';
import { usePluginTranslation } from '../utils/translations';
import type { Invitation } from '../../../shared';
import { ConfirmActionDialog } from './ConfirmActionDialog';

/**
 * A row's checkbox, named after what the row is (Strapi's own `Table.CheckboxCell` names a row by
 * its id only, which says nothing to a screen reader).
 */
export const SelectRowCell = ({ row, label }: { row: { id: number }; label: string }) => {
  const isSelected = useTable('SelectRowCell', (table) => table.selectedRows.some((selected) => selected.id === row.id));
  const selectRow = useTable('SelectRowCell', (table) => table.selectRow);
  return (
    <Table.Cell onClick={(event) => event.stopPropagation()}>
      <Checkbox aria-label={label} checked={isSelected} onCheckedChange={() => selectRow(row)} />
    </Table.Cell>
  );
};

export const SelectInvitationCell = ({ invitation }: { invitation: Invitation }) => {
  const t = usePluginTranslation();
  return <SelectRowCell row={invitation} label={t('list.bulk.select', 'Select {name}', { name: invitation.name })} />;
};

interface BulkDeleteActionProps {
  onConfirm: (ids: number[]) => Promise<void>;
}

/** Shown while rows are selected: a Delete button saying how many, and its confirmation. */
export const BulkDeleteAction = ({ onConfirm }: BulkDeleteActionProps) => {
  const t = usePluginTranslation();
  const selectedRows = useTable('BulkDeleteAction', (table) => table.selectedRows);
  const [isConfirming, setIsConfirming] = useState(false);
  const count = selectedRows.length;
  return (
    <Table.ActionBar>
      <ConfirmActionDialog
        open={isConfirming}
        onOpenChange={setIsConfirming}
        trigger={
          <Button variant="danger-light" size="S" startIcon={<Trash />}>
            {t('list.bulk.delete', 'Delete {count}', { count })}
          </Button>
        }
        title={t('list.bulk.title', '{count, plural, one {Delete # invitation link?} other {Delete # invitation links?}}', {
          count,
        })}
        text={t(
          'list.bulk.body',
          '{count, plural, one {This link stops working at once: nobody can create an account with it any more.} other {These # links stop working at once: nobody can create an account with them any more.}} The accounts already created from them are kept.',
          { count }
        )}
        onConfirm={() => onConfirm(selectedRows.map((row) => Number(row.id)))}
      />
    </Table.ActionBar>
  );
};
