import { yup } from '@strapi/utils';
import { RECIPIENT_STATUSES, type RecipientsQuery } from '../../../shared';
import { pageQueryFields, validateQuery } from './invitation';

const recipientsQuerySchema = yup.object({
  ...pageQueryFields,
  status: yup.string().oneOf([...RECIPIENT_STATUSES], `status must be one of ${RECIPIENT_STATUSES.join(', ')}`),
});

/** `GET /invitations/:id/recipients?page&pageSize&status&q`. */
export const validateRecipientsQuery = async (query: Record<string, unknown> = {}): Promise<RecipientsQuery> => {
  const parsed = await validateQuery(recipientsQuerySchema, query);
  return {
    page: parsed.page ?? 1,
    pageSize: parsed.pageSize ?? 10,
    ...(parsed.status ? { status: parsed.status as RecipientsQuery['status'] } : {}),
    ...(parsed.q ? { q: parsed.q } : {}),
  };
};
