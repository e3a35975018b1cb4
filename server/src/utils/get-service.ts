import type { Core } from '@strapi/strapi';
import { PLUGIN_ID } from '../constants';
import type services from '../services';

type Services = typeof services;
export type ServiceName = keyof Services;
export type Service<N extends ServiceName> = ReturnType<Services[N]>;

export const getService = <N extends ServiceName>(strapi: Core.Strapi, name: N): Service<N> =>
  strapi.plugin(PLUGIN_ID).service(name) as Service<N>;
