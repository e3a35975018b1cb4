import { useEffect, useState } from 'react';
import { Flex, IconButton, Searchbar, Typography } from '@strapi/design-system';
import { ChevronLeft, ChevronRight } from '@strapi/icons';
import { useDebouncedValue } from '../utils/debounce';
import { usePluginTranslation } from '../utils/translations';
import type { Pagination } from '../../../shared';

interface SearchProps {
  label: string;
  /** The text once the admin stopped typing for a moment. */
  onSearch: (text: string) => void;
}

/** A search field for a list kept in the page (not in the URL, which belongs to the page's own list). */
export const ListSearch = ({ label, onSearch }: SearchProps) => {
  const t = usePluginTranslation();
  const [text, setText] = useState('');
  const settled = useDebouncedValue(text.trim(), 300);
  useEffect(() => onSearch(settled), [settled, onSearch]);
  return (
    <Searchbar
      name="search"
      size="S"
      value={text}
      placeholder={label}
      onChange={(event) => setText(event.target.value)}
      onClear={() => setText('')}
      clearLabel={t('pager.clear', 'Clear the search')}
    >
      {label}
    </Searchbar>
  );
};

interface PagerProps {
  pagination: Pagination;
  onPage: (page: number) => void;
}

/** Previous / next for a list kept in the page, with where the admin is in it. */
export const Pager = ({ pagination, onPage }: PagerProps) => {
  const t = usePluginTranslation();
  const { page, pageCount, total } = pagination;
  return (
    <Flex gap={2} justifyContent="flex-end" alignItems="center">
      <Typography textColor="neutral600" aria-live="polite">
        {t('pager.positionWithTotal', 'Page {page} of {pageCount} ({total, plural, one {# row} other {# rows}})', {
          page,
          pageCount: Math.max(pageCount, 1),
          total,
        })}
      </Typography>
      <IconButton label={t('pager.previous', 'Previous page')} disabled={page <= 1} onClick={() => onPage(page - 1)}>
        <ChevronLeft />
      </IconButton>
      <IconButton label={t('pager.next', 'Next page')} disabled={page >= pageCount} onClick={() => onPage(page + 1)}>
        <ChevronRight />
      </IconButton>
    </Flex>
  );
};
