import type { Core } from '@strapi/strapi';
import type { TestApp } from '../helpers/strapi';

/** A route as the site defines it, with what lets a request through (see inventory.ts). */
export interface ExposedRoute {
  method: string;
  path: string;
  access: string;
}

interface RouteDefinition {
  method: string;
  path: string;
  config?: {
    auth?: false | { scope?: string[] };
    prefix?: string;
    policies?: Array<string | { name: string; config?: { actions?: string[] } }>;
  };
}

interface Router {
  type?: string;
  prefix?: string;
  routes?: RouteDefinition[];
}

const PLUGIN_ID = 'invitations';

const policyAccess = (policy: NonNullable<NonNullable<RouteDefinition['config']>['policies']>[number]) =>
  typeof policy === 'string'
    ? policy
    : policy.name === 'admin::hasPermissions'
      ? `admin with ${(policy.config?.actions ?? []).join(' + ')}`
      : policy.name;

/**
 * Who a route lets in, in words the inventory reviews: "public" (no authentication), "<action>" (a
 * users-permissions role or API token holding that content-API action), "admin with <action>" (an
 * admin whose role holds it); any further policy is appended.
 */
const accessOf = (route: RouteDefinition, type: string): string => {
  const policies = (route.config?.policies ?? []).map(policyAccess);
  const auth =
    route.config?.auth === false
      ? ['public']
      : type === 'content-api'
        ? (route.config?.auth?.scope ?? [])
        : policies.some((policy) => policy.startsWith('admin with'))
          ? []
          : ['any admin'];
  return [...auth, ...policies].join(', ');
};

/** `/api/upload/` and `/api/upload` are one route to the router. */
const withoutTrailingSlash = (path: string) => (path.length > 1 ? path.replace(/\/+$/, '') : path);

const routersOf = (routes: unknown): Router[] => (Array.isArray(routes) ? [{ routes }] : Object.values(routes ?? {}));

/**
 * Every content-API route of the site (apis and plugins), and every route of the plugin, as the
 * definitions Strapi registered them (after it added the routes' scopes and prefixes).
 */
export const definedRoutes = (strapi: Core.Strapi): ExposedRoute[] => {
  const restPrefix = strapi.config.get('api.rest.prefix', '/api') as string;
  const owners: Array<[string, unknown, string | undefined]> = [
    ...Object.entries(strapi.apis).map(([name, api]) => [name, api.routes, 'content-api'] as [string, unknown, string]),
    ...Object.entries(strapi.plugins).map(([name, plugin]) => [name, plugin.routes, undefined] as [string, unknown, undefined]),
  ];
  return owners.flatMap(([owner, routes, forcedType]) =>
    routersOf(routes).flatMap((router) => {
      const type = forcedType ?? router.type ?? 'admin';
      if (type !== 'content-api' && owner !== PLUGIN_ID) return [];
      const prefix = router.prefix ?? (forcedType ? '' : `/${owner}`);
      return (router.routes ?? []).map((route) => ({
        method: route.method,
        path: withoutTrailingSlash(`${type === 'content-api' ? restPrefix : ''}${route.config?.prefix ?? prefix}${route.path}`),
        access: accessOf(route, type),
      }));
    })
  );
};

/** What the HTTP router answers under these prefixes: "METHOD path", whatever defined it. */
export const routedPaths = (strapi: Core.Strapi, prefixes: string[]): string[] =>
  strapi.server
    .listRoutes()
    .filter((layer) => layer.methods.length > 0 && prefixes.some((prefix) => layer.path.startsWith(prefix)))
    .flatMap((layer) =>
      layer.methods.filter((method) => method !== 'HEAD').map((method) => `${method} ${withoutTrailingSlash(layer.path)}`)
    );

const INTROSPECTION = `{ __schema {
  queryType { name } mutationType { name }
  types { name kind
    fields { name args { name } }
    inputFields { name }
  }
} }`;

interface IntrospectedType {
  name: string;
  fields: Array<{ name: string; args: Array<{ name: string }> }> | null;
  inputFields: Array<{ name: string }> | null;
}

const MENTIONS_INVITATIONS = /invitation/i;

/**
 * Every GraphQL type, field, argument and input field whose name mentions invitations, as
 * `Type`, `Type.field`, `Type.field(argument)`.
 */
export const graphqlMentions = async (app: TestApp): Promise<string[]> => {
  const res = await app.http().post('/graphql').send({ query: INTROSPECTION });
  if (!res.body?.data) throw new Error(`GraphQL introspection failed: ${res.status} ${JSON.stringify(res.body)}`);
  const types: IntrospectedType[] = res.body.data.__schema.types.filter((type: IntrospectedType) => !type.name.startsWith('__'));
  return types.flatMap((type) => [
    ...(MENTIONS_INVITATIONS.test(type.name) ? [type.name] : []),
    ...(type.fields ?? []).flatMap((field) => [
      ...(MENTIONS_INVITATIONS.test(field.name) ? [`${type.name}.${field.name}`] : []),
      ...field.args.filter((arg) => MENTIONS_INVITATIONS.test(arg.name)).map((arg) => `${type.name}.${field.name}(${arg.name})`),
    ]),
    ...(type.inputFields ?? [])
      .filter((field) => MENTIONS_INVITATIONS.test(field.name))
      .map((field) => `${type.name}.${field.name}`),
  ]);
};
