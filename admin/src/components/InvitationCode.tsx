import { Flex, IconButton, Typography } from '@strapi/design-system';
import { Duplicate } from '@strapi/icons';
import { useClipboard, useNotification } from '@strapi/strapi/admin';
import type { Invitation } from '../../../shared';
import { usePluginTranslation } from '../utils/translations';

/** A link's code to type by hand, with a button that copies it; what an admin who may not see it is told instead. */
export const InvitationCode = ({ invitation }: { invitation: Pick<Invitation, 'hasCode' | 'code'> }) => {
  const t = usePluginTranslation();
  const { copy } = useClipboard();
  const { toggleNotification } = useNotification();
  if (!invitation.hasCode) return <Typography>{t('detail.code.none', 'None')}</Typography>;
  const { code } = invitation;
  if (!code) {
    return (
      <Typography textColor="neutral600">
        {code === null
          ? t('detail.code.unavailable', 'Set, but no longer readable')
          : t('detail.code.hidden', 'Set (your role does not show it)')}
      </Typography>
    );
  }
  const copyCode = async () => {
    if (await copy(code))
      toggleNotification({ type: 'success', message: t('detail.code.copied', 'Code copied to the clipboard') });
  };
  return (
    <Flex gap={2} alignItems="center">
      <Typography fontWeight="semiBold" style={{ fontFamily: 'monospace', letterSpacing: '0.05em' }}>
        {code}
      </Typography>
      <IconButton label={t('detail.code.copy', 'Copy code')} onClick={copyCode} variant="ghost">
        <Duplicate />
      </IconButton>
    </Flex>
  );
};
