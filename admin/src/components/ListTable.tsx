import { useState } from 'react';
import { Flex } from '@strapi/design-system';
import { Pagination, Table } from '@strapi/strapi/admin';
import { usePluginTranslation } from '../utils/translations';
import type { Pagination as ListPagination } from '../../../shared';

/** What a page's main list keeps in the URL: the pager's page and size, the search, the status filter. */
export interface ListUrlQuery {
  page?: string;
  pageSize?: string;
  _q?: string;
  status?: string;
}

/** The rows a page shows until the admin picks another size in the pager. */
const DEFAULT_PAGE_SIZE = 10;

/** The page and page size the URL asks for: the first page, of the default size, when it says nothing. */
export const pageParams = (query: ListUrlQuery) => ({
  page: Number(query.page ?? 1),
  pageSize: Number(query.pageSize ?? DEFAULT_PAGE_SIZE),
});

export interface RowSelection<Row> {
  rows: Row[];
  select: (rows: Row[]) => void;
  clear: () => void;
}

/**
 * The rows selected in a page's list. They belong to the page they were picked on (`pageKey`, the
 * list's query): another page, search or filter starts with none.
 */
export const useRowSelection = <Row,>(pageKey: string): RowSelection<Row> => {
  const [selection, setSelection] = useState<{ key: string; rows: Row[] }>({ key: pageKey, rows: [] });
  const select = (rows: Row[]) => setSelection({ key: pageKey, rows });
  return { rows: selection.key === pageKey ? selection.rows : [], select, clear: () => select([]) };
};

interface Props<Row extends { id: number }> {
  rows: Row[];
  headers: Array<{ name: string; label: string; sortable: boolean }>;
  isLoading: boolean;
  selection: RowSelection<Row>;
  /** Rows have checkboxes, and the bulk actions show while some are selected. */
  selectable: boolean;
  bulkActions: React.ReactNode;
  /** What the table says when the search or filter leaves no row. */
  emptyContent: string;
  /** Shown once the list is read; the page and its size are kept in the URL. */
  pagination: ListPagination | undefined;
  /** The rows' `Table.Row`s, each with its checkbox cell when selectable, then a cell of actions. */
  children: React.ReactNode;
}

/** A page's main list: Strapi's table (its columns, then Actions), its loading and empty states, and its pager. */
export const ListTable = <Row extends { id: number }>({
  rows,
  headers,
  isLoading,
  selection,
  selectable,
  bulkActions,
  emptyContent,
  pagination,
  children,
}: Props<Row>) => {
  const t = usePluginTranslation();
  return (
    <Flex direction="column" alignItems="stretch" gap={4}>
      <Table.Root
        rows={rows}
        headers={headers}
        isLoading={isLoading}
        selectedRows={selection.rows}
        onSelectedRowsChange={selection.select}
      >
        {selectable && bulkActions}
        <Table.Content>
          <Table.Head>
            {selectable && <Table.HeaderCheckboxCell />}
            {headers.map((header) => (
              <Table.HeaderCell key={header.name} {...header} />
            ))}
            <Table.HeaderCell name="actions" label={t('table.actions', 'Actions')} />
          </Table.Head>
          <Table.Empty content={emptyContent} />
          <Table.Loading />
          <Table.Body>{children}</Table.Body>
        </Table.Content>
      </Table.Root>
      {pagination && (
        <Pagination.Root {...pagination} defaultPageSize={DEFAULT_PAGE_SIZE}>
          <Pagination.PageSize />
          <Pagination.Links />
        </Pagination.Root>
      )}
    </Flex>
  );
};
