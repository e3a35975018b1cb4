import { useTestApp, type TestApp } from '../helpers/strapi';
import { definedRoutes, graphqlMentions, routedPaths, type ExposedRoute } from './exposed';
import { GRAPHQL_FIELDS, ROUTES } from './inventory';

/**
 * What the site exposes once the plugin loads (GraphQL enabled), against the reviewed list in
 * inventory.ts. A failure prints what differs: review it, then update the list.
 */
let app: TestApp;
useTestApp(
  (started) => {
    app = started;
  },
  { ENABLE_GRAPHQL: 'true' }
);

const key = (route: Pick<ExposedRoute, 'method' | 'path'>) => `${route.method} ${route.path}`;
const describeRoute = (route: ExposedRoute) => `${key(route)}  [${route.access}]`;

/** The entries of `actual` not in `reviewed`, and those of `reviewed` no longer there, in words. */
const differences = (actual: string[], reviewed: string[]) => {
  const unexpected = actual.filter((entry) => !reviewed.includes(entry));
  const gone = reviewed.filter((entry) => !actual.includes(entry));
  return [
    ...unexpected.map((entry) => `NOT IN THE REVIEWED LIST: ${entry}`),
    ...gone.map((entry) => `IN THE LIST BUT NOT EXPOSED: ${entry}`),
  ];
};

test('every content-API route of the site and every route of the plugin is in the reviewed list, with its access', () => {
  const actual = definedRoutes(app.strapi).map(describeRoute).sort();
  expect(differences(actual, ROUTES.map(describeRoute))).toEqual([]);
});

test('the HTTP router answers no content-API or plugin path that the definitions do not explain', () => {
  const defined = new Set(definedRoutes(app.strapi).map(key));
  const unexplained = routedPaths(app.strapi, ['/api/', '/invitations/']).filter((route) => !defined.has(route));
  expect(unexplained).toEqual([]);
});

test('the GraphQL schema mentions invitations only where the reviewed list says', async () => {
  const actual = [...new Set(await graphqlMentions(app))].sort();
  expect(differences(actual, GRAPHQL_FIELDS)).toEqual([]);
});
