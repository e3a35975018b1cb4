import { useEffect, useState } from 'react';
import { Box, Flex, IconButton, Searchbar, Typography } from '@strapi/design-system';
import { ChevronLeft, ChevronRight } from '@strapi/icons';
import { useDebouncedValue } from '../utils/debounce';
import { usePluginTranslation } from '../utils/translations';
import type { Pagination } from '../../../shared';

/*
 * The parts of a list held in the page's state: its search box and its pager (the admin's own
 * SearchInput and Pagination read and write the address, which belongs to the page's main list).
 */

interface SearchProps {
  label: string;
  /** The text once the admin stopped typing for a moment, trimmed; kept from one call to the next. */
  onSearch: (text: string) => void;
  /** The text the box starts with: the search in force, when the box is shown again. */
  defaultValue?: string;
}

/** A search field for a list kept in the page. */
export const ListSearch = ({ label, onSearch, defaultValue = '' }: SearchProps) => {
  const t = usePluginTranslation();
  const [text, setText] = useState(defaultValue);
  const settled = useDebouncedValue(text.trim(), 300);
  useEffect(() => onSearch(settled), [settled, onSearch]);
  // The input's own width is about 20 characters, which cut "Search by username or email": the
  // box is as wide as its placeholder in the admin's language, plus the icon and the clear button.
  // Characters of the input's own font size: where the box sits (a page's action bar) may inherit a smaller one.
  return (
    <Box style={{ fontSize: '1.4rem', width: `${label.length + 8}ch`, maxWidth: '100%' }}>
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
    </Box>
  );
};

interface PagerProps {
  pagination: Pagination;
  onPage: (page: number) => void;
  /** The accessible name of the pages' navigation, saying what is paged. */
  label: string;
  /** Also say how many rows there are in all; the pager then shows with a single page too. */
  withTotal?: boolean;
}

/** Previous / next for a list kept in the page, with where the admin is in it; nothing for a single page without its total. */
export const Pager = ({ pagination: { page, pageCount, total }, onPage, label, withTotal = false }: PagerProps) => {
  const t = usePluginTranslation();
  if (pageCount <= 1 && !withTotal) return null;
  const pages = Math.max(pageCount, 1);
  return (
    <Flex tag="nav" aria-label={label} gap={2} justifyContent="flex-end" alignItems="center">
      <IconButton label={t('pager.previous', 'Previous page')} disabled={page <= 1} onClick={() => onPage(page - 1)}>
        <ChevronLeft />
      </IconButton>
      <Typography textColor="neutral600" aria-live="polite">
        {withTotal
          ? t('pager.positionWithTotal', 'Page {page} of {pageCount} ({total, plural, one {# row} other {# rows}})', {
              page,
              pageCount: pages,
              total,
            })
          : t('pager.position', 'Page {page} of {pageCount}', { page, pageCount: pages })}
      </Typography>
      <IconButton label={t('pager.next', 'Next page')} disabled={page >= pageCount} onClick={() => onPage(page + 1)}>
        <ChevronRight />
      </IconButton>
    </Flex>
  );
};
