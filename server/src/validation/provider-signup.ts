import { yup, validateYupSchema } from '@strapi/utils';

const PROVIDER_NAME = /^[a-z0-9][a-z0-9_-]{0,63}$/i;
const CALLBACK_MAX_LENGTH = 2048;

const paramsSchema = yup.object({
  provider: yup.string().matches(PROVIDER_NAME, 'provider must be a provider name such as github').required(),
});

const querySchema = yup
  .object({
    callback: yup
      .string()
      .typeError('callback must be a URL')
      .max(CALLBACK_MAX_LENGTH, `callback must be at most ${CALLBACK_MAX_LENGTH} characters`),
  })
  .noUnknown(true, 'Unknown query parameter: ${unknown}');

export interface ProviderSignupRequest {
  provider: string;
  callback?: string;
}

/** `provider` from the path; `callback`, passed on to users-permissions, which checks it. */
export const validateProviderSignup = async (
  params: Record<string, unknown>,
  query: Record<string, unknown> = {}
): Promise<ProviderSignupRequest> => {
  const { provider } = await validateYupSchema(paramsSchema)({ provider: params.provider });
  const { callback } = await validateYupSchema(querySchema)(query);
  return { provider, ...(callback !== undefined && { callback }) };
};
