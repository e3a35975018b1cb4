import { Layouts, Page } from '@strapi/strapi/admin';
import { useIntl } from 'react-intl';
import { getTranslation } from '../utils/translations';

export const InvitationsPage = () => {
  const { formatMessage } = useIntl();
  const title = formatMessage({ id: getTranslation('plugin.name'), defaultMessage: 'Invitations' });
  return (
    <Page.Main>
      <Page.Title>{title}</Page.Title>
      <Layouts.Header title={title} />
    </Page.Main>
  );
};
