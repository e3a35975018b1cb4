import { Flex, IconButton, Typography } from '@strapi/design-system';
import { ChevronLeft, ChevronRight } from '@strapi/icons';
import { usePluginTranslation } from '../utils/translations';
import type { Pagination } from '../../../shared';

interface Props {
  pagination: Pagination;
  onPage: (page: number) => void;
  /** The accessible name of the navigation, saying what is paged. */
  label: string;
}

/**
 * Previous and next page of a list held in the page's state (the admin's own Pagination reads and
 * writes the address, which belongs to the page's main list).
 */
export const Pager = ({ pagination: { page, pageCount }, onPage, label }: Props) => {
  const t = usePluginTranslation();
  if (pageCount <= 1) return null;
  return (
    <Flex tag="nav" aria-label={label} gap={2} justifyContent="flex-end">
      <IconButton label={t('pager.previous', 'Previous page')} disabled={page <= 1} onClick={() => onPage(page - 1)}>
        <ChevronLeft />
      </IconButton>
      <Typography textColor="neutral600" aria-live="polite">
        {t('pager.position', 'Page {page} of {pageCount}', { page, pageCount })}
      </Typography>
      <IconButton label={t('pager.next', 'Next page')} disabled={page >= pageCount} onClick={() => onPage(page + 1)}>
        <ChevronRight />
      </IconButton>
    </Flex>
  );
};
