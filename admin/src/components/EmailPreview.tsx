import { Box, Flex, Loader, Typography } from '@strapi/design-system';
import { usePluginTranslation } from '../utils/translations';
import { LoadFailure } from './Notice';
import type { ComposedEmail as Preview } from '../../../shared';

interface Props {
  /** What the preview stands for, said above it. */
  note?: string;
  preview: Pick<Preview, 'subject' | 'html'> | undefined;
  /** For a preview the server writes: its failure, its loading, and how to ask again. */
  error?: unknown;
  isLoading?: boolean;
  onRetry?: () => void;
}

/**
 * The email as the server writes it, subject and HTML part. The HTML is shown in a sandboxed
 * frame: it runs no script and cannot reach the admin panel.
 */
export const EmailPreview = ({ note, preview, error, isLoading = false, onRetry = () => undefined }: Props) => {
  const t = usePluginTranslation();
  const title = t('send.preview', 'Preview');
  return (
    <Flex direction="column" alignItems="stretch" gap={2}>
      <Flex gap={2}>
        <Typography variant="pi" fontWeight="bold" tag="h3">
          {title}
        </Typography>
        {isLoading && <Loader small>{t('send.preview.loading', 'Updating the preview')}</Loader>}
      </Flex>
      {note && (
        <Typography variant="pi" textColor="neutral600">
          {note}
        </Typography>
      )}
      {error ? (
        <LoadFailure request={{ error, isLoading, reload: onRetry }} />
      ) : (
        preview && (
          <Box borderColor="neutral200" borderStyle="solid" borderWidth="1px" hasRadius overflow="hidden">
            <Box padding={3} background="neutral100">
              <Typography variant="omega" data-testid="preview-subject">
                {t('send.preview.subject', 'Subject: {subject}', { subject: preview.subject })}
              </Typography>
            </Box>
            <iframe
              title={title}
              sandbox=""
              srcDoc={preview.html}
              style={{ display: 'block', width: '100%', height: '32rem', border: 0, background: '#fff' }}
            />
          </Box>
        )
      )}
    </Flex>
  );
};
