import { Button, Field, Flex, TextInput, Typography } from '@strapi/design-system';
import { Duplicate } from '@strapi/icons';
import { useClipboard, useNotification, useRBAC } from '@strapi/strapi/admin';
import { PERMISSIONS } from '../../../shared';
import { usePluginTranslation } from '../utils/translations';

/**
 * The link to give people, read-only, with a button that copies it; for an admin whose role lacks
 * "Show and copy links", a line that says so (the server leaves the link out of their answers).
 */
export const InvitationLink = ({ url }: { url?: string | null }) => {
  const t = usePluginTranslation();
  const { copy } = useClipboard();
  const { toggleNotification } = useNotification();
  const { allowedActions, isLoading } = useRBAC(PERMISSIONS.showLinks);
  const label = t('link.label', 'Invitation link');

  if (isLoading) return null;
  if (!allowedActions.canShowLinks || url === undefined) {
    return (
      <Typography textColor="neutral600">
        {t(
          'link.hidden',
          'Your role does not let you see or copy invitation links (permission "Show and copy links"): send the invitation by email, or ask an administrator.'
        )}
      </Typography>
    );
  }

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
