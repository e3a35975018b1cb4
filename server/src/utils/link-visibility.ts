import { actionId } from '../../../shared';
import type { KoaContext } from '../koa';

/** Whether an admin answer may carry links' tokens and addresses. */
export interface LinkVisibility {
  showLinks: boolean;
}

/**
 * Read from the admin's abilities, which Strapi's admin authentication (session or admin API token)
 * puts in `ctx.state.userAbility`: true only when a role of theirs has "Show and copy links".
 */
export const linkVisibility = (ctx: KoaContext): LinkVisibility => ({
  showLinks: ctx.state.userAbility?.can(actionId('showLinks')) === true,
});
