import { Button, Field, Flex, TextInput, Typography } from '@strapi/design-system';
import { Duplicate } from '@strapi/icons';
import { useClipboard, useNotification } from '@strapi/strapi/admin';
import { usePluginTranslation } from '../utils/translations';

/** The link to give people, read-only, with a button that copies it. */
export const InvitationLink = ({ url }: { url: string | null }) => {
  const t = usePluginTranslation();
  const { copy } = useClipboard();
  const { toggleNotification } = useNotification();
  const label = t('link.label', 'Invitation link');

  if (!url) {
    return (
      <Typography textColor="danger600">
        {t(
          'link.unavailable',
          "This link can no longer be shown (the site's secret key changed). Create a new link to invite people."
        )}
      </Typography>
    );
  }

  const copyLink = async () => {
    if (await copy(url)) {
      toggleNotification({
        type: 'success',
        message: t('link.copied', 'Link copied to the clipboard'),
      });
    }
  };

  return (
    <Flex gap={2} alignItems="flex-end" width="100%">
      <Field.Root name="invitation-link" flex={1}>
        <Field.Label>{label}</Field.Label>
        <TextInput value={url} readOnly aria-label={label} onFocus={(event) => event.currentTarget.select()} />
      </Field.Root>
      <Button variant="secondary" startIcon={<Duplicate />} onClick={copyLink} size="L">
        {t('link.copy', 'Copy link')}
      </Button>
    </Flex>
  );
};
