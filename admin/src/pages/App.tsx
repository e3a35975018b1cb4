import { Page, useRBAC } from '@strapi/strapi/admin';
import { Navigate, Routes, Route } from 'react-router-dom';
import { PERMISSIONS } from '../../../shared';
import { AccessRequestsPage } from './AccessRequestsPage';
import { InvitationDetailPage } from './InvitationDetailPage';
import { InvitationsPage } from './InvitationsPage';

/** The menu link opens either page: the list of links, or the requests for an admin who may only review them. */
const ENTRY_PERMISSIONS = [...PERMISSIONS.read, ...PERMISSIONS.reviewAccessRequests];

/** The plugin's first page: the invitations list; for a reviewer without `read`, the access requests. */
export const InvitationsHome = () => {
  const { allowedActions, isLoading } = useRBAC(ENTRY_PERMISSIONS);
  if (isLoading) return <Page.Loading />;
  if (allowedActions.canRead) return <InvitationsPage />;
  if (allowedActions.canReviewAccessRequests) return <Navigate to="requests" replace />;
  return <Page.NoPermissions />;
};

/** The pages behind the first one, each shown only to admins with its permissions. */
const PROTECTED_PAGES = [
  { path: 'requests', permissions: PERMISSIONS.reviewAccessRequests, page: <AccessRequestsPage /> },
  { path: ':id', permissions: PERMISSIONS.read, page: <InvitationDetailPage /> },
];

const App = () => (
  <Page.Protect permissions={ENTRY_PERMISSIONS}>
    <Routes>
      <Route index element={<InvitationsHome />} />
      {PROTECTED_PAGES.map(({ path, permissions, page }) => (
        <Route key={path} path={path} element={<Page.Protect permissions={permissions}>{page}</Page.Protect>} />
      ))}
      <Route path="*" element={<Page.Error />} />
    </Routes>
  </Page.Protect>
);

export { App };
export default App;
