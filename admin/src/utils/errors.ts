interface StrapiErrorBody {
  error?: {
    status?: number;
    message?: string;
    details?: { reason?: string; ids?: number[]; errors?: Array<{ path?: string[]; message?: string }> };
  };
}

interface FetchError {
  response?: { status?: number; data?: StrapiErrorBody };
}

const errorBody = (error: unknown): StrapiErrorBody | undefined => (error as FetchError)?.response?.data;

/** Field errors of a 400 from the admin API, keyed by field name, for showing under each field. */
export const fieldErrorsOf = (error: unknown): Record<string, string> => {
  const entries = (errorBody(error)?.error?.details?.errors ?? [])
    .filter((item) => item.path?.length && item.message)
    .map((item) => [item.path![0], item.message!] as const);
  return Object.fromEntries(entries);
};

/** The server's own message, when it sent one. */
export const messageOf = (error: unknown): string | undefined => errorBody(error)?.error?.message;

/** The server's `details.reason` of a refusal, when it gave one. */
export const reasonOf = (error: unknown): string | undefined => errorBody(error)?.error?.details?.reason;

/** The HTTP status of a refusal from the admin API; undefined for a network failure. */
export const statusOf = (error: unknown): number | undefined =>
  (error as FetchError)?.response?.status ?? errorBody(error)?.error?.status;

/** The records a refusal of a bulk action names (`details.ids`), when it named some. */
export const idsOf = (error: unknown): number[] => errorBody(error)?.error?.details?.ids ?? [];
