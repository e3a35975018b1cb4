import { Page } from '@strapi/strapi/admin';
import { Routes, Route } from 'react-router-dom';
import { PERMISSIONS } from '../../../shared';
import { InvitationDetailPage } from './InvitationDetailPage';
import { InvitationsPage } from './InvitationsPage';

const App = () => (
  <Page.Protect permissions={PERMISSIONS.read}>
    <Routes>
      <Route index element={<InvitationsPage />} />
      <Route path=":id" element={<InvitationDetailPage />} />
      <Route path="*" element={<Page.Error />} />
    </Routes>
  </Page.Protect>
);

export { App };
export default App;
