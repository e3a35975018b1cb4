import { AsyncLocalStorage } from 'node:async_hooks';
import type { RedeemableInvitation } from '../services/seats';

/**
 * The invitation whose seat a registration has taken, for as long as users-permissions creates
 * the account: the user lifecycle reads it to create the account with the invitation's role and
 * presets in the first place.
 */
export const redemptionScope = new AsyncLocalStorage<RedeemableInvitation>();
