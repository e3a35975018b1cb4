/**
 * What the admin components get from `@strapi/strapi/admin` in the jsdom tests. Strapi's own list
 * pieces (Table, Pagination, SearchInput, ConfirmDialog, Layouts, Page, Widget helpers,
 * useQueryParams) are the real ones, loaded from @strapi/admin's build one module at a time (the
 * package's entry pulls in the whole admin app, which Jest cannot load); the fetch client, the
 * permissions and the notifications, which need a running admin app, are doubles the tests drive.
 *
 * Use: `jest.mock('@strapi/strapi/admin', () => jest.requireActual('./strapi-admin').strapiAdmin());`
 */
import path from 'node:path';

const ADMIN_SRC = path.join(path.dirname(require.resolve('@strapi/admin/package.json')), 'dist/admin/admin/src');
const real = (module: string) => jest.requireActual(path.join(ADMIN_SRC, module));

// What the admin app puts on window before rendering, as far as these components read it.
Object.assign(window, { strapi: { backendURL: 'http://localhost:1337', flags: { docLinks: false }, isEE: false } });

export const fetchClient = { get: jest.fn(), post: jest.fn(), put: jest.fn(), del: jest.fn() };
export const toggleNotification = jest.fn();
/** The running Strapi's version, as the admin app's provider gives it. */
export const appInfo: { strapiVersion: string | null } = { strapiVersion: '5.54.0' };
/** The actions the signed-in admin may take; a test sets `canDelete: false` to see what is hidden. */
export const allowedActions: Record<string, boolean> = {};

export const allowAll = () =>
  Object.assign(allowedActions, {
    canRead: true,
    canCreate: true,
    canUpdate: true,
    canDelete: true,
    canSend: true,
    canShowLinks: true,
  });

/**
 * Strapi's useRBAC, as far as its callers go: it takes an array of permissions (an object is
 * deprecated and checks its values only by luck); the answer is the test's `allowedActions`.
 */
export const rbacOf = (actions: Record<string, boolean>) => (permissions: unknown) => {
  if (!Array.isArray(permissions)) throw new Error('useRBAC takes an array of permissions');
  return { allowedActions: actions, isLoading: false };
};

export const strapiAdmin = () => ({
  ...real('components/Table.js'),
  ...real('components/Pagination.js'),
  ...real('components/SearchInput.js'),
  ...real('components/ConfirmDialog.js'),
  ...real('components/Layouts/Layout.js'),
  ...real('components/PageHelpers.js'),
  ...real('components/WidgetHelpers.js'),
  ...real('hooks/useQueryParams.js'),
  useFetchClient: () => fetchClient,
  useAppInfo: (_consumer: string, select: (info: { strapiVersion: string | null }) => unknown) => select(appInfo),
  useNotification: () => ({ toggleNotification }),
  useRBAC: rbacOf(allowedActions),
  useClipboard: () => ({ copy: jest.fn().mockResolvedValue(true) }),
});
