import { useCallback, useEffect, useMemo, useState } from 'react';
import { useAppInfo, useAuth, useFetchClient } from '@strapi/strapi/admin';
import { PLUGIN_ID } from '../../shared';
import type {
  AssignableRole,
  BulkDeleteResult,
  EmailOptions,
  FirstAccessOptions,
  ComposedEmail,
  Invitation,
  InvitationDetail,
  InvitationInput,
  InvitationsSummary,
  ListQuery,
  Page,
  Recipient,
  RecipientsQuery,
  Redemption,
  RedemptionsQuery,
  SendRequest,
  SendResult,
  SignUpTimeline,
} from '../../shared';

const BASE = `/${PLUGIN_ID}`;

/** The lists of one invitation that the server exports as CSV. */
export type CsvExport = 'redemptions' | 'deliveries' | 'recipients';

/** The first Strapi release whose fetch client reads an answer as a file (`responseType`). */
const FETCH_CLIENT_READS_FILES = { major: 5, minor: 44 };

/** Whether the running Strapi's fetch client can read a file; an unknown version is taken as recent. */
export const fetchClientReadsFiles = (strapiVersion: string | null | undefined) => {
  const [, major, minor] = /^(\d+)\.(\d+)/.exec(strapiVersion ?? '') ?? [];
  if (major === undefined) return true;
  const { major: firstMajor, minor: firstMinor } = FETCH_CLIENT_READS_FILES;
  return Number(major) > firstMajor || (Number(major) === firstMajor && Number(minor) >= firstMinor);
};

/** A file from the admin API by a request of our own, failing as the fetch client would (`response.data`). */
const fetchFile = async (path: string, token: string | null) => {
  const response = await fetch(`${(window.strapi as unknown as { backendURL: string }).backendURL}${path}`, {
    credentials: 'include',
    headers: token ? { Authorization: `Bearer ${token}` } : {},
  });
  if (!response.ok) {
    const data: unknown = await response.json().catch(() => undefined);
    throw Object.assign(new Error(`export failed with ${response.status}`), { response: { status: response.status, data } });
  }
  return response.blob();
};

/**
 * Downloads one list of a link as a CSV Blob. From Strapi 5.44 on through the fetch client (which
 * also renews an expired admin session); older Strapi 5 releases read every answer as JSON, so
 * there the file is fetched directly with the signed-in admin's token.
 */
export const useCsvDownload = () => {
  const { get } = useFetchClient();
  const token = useAuth('InvitationsCsvDownload', (auth) => auth.token);
  const strapiVersion = useAppInfo('InvitationsCsvDownload', (info) => info.strapiVersion);
  return useCallback(
    async (id: number, list: CsvExport): Promise<Blob> => {
      const path = `${BASE}/invitations/${id}/${list}/export`;
      if (!fetchClientReadsFiles(strapiVersion)) return fetchFile(path, token);
      return (await get<Blob>(path, { responseType: 'blob' })).data;
    },
    [get, token, strapiVersion]
  );
};

/** The plugin's admin API, through Strapi's authenticated fetch client. */
export const useInvitationsApi = () => {
  const { get, post, put, del } = useFetchClient();
  return useMemo(
    () => ({
      list: async (params: ListQuery) => (await get<Page<Invitation>>(`${BASE}/invitations`, { params })).data,
      get: async (id: number | string) => (await get<{ data: InvitationDetail }>(`${BASE}/invitations/${id}`)).data.data,
      create: async (input: InvitationInput) => (await post<{ data: Invitation }>(`${BASE}/invitations`, input)).data.data,
      update: async (id: number, input: Partial<InvitationInput>) =>
        (await put<{ data: Invitation }>(`${BASE}/invitations/${id}`, input)).data.data,
      remove: async (id: number) => {
        await del(`${BASE}/invitations/${id}`);
      },
      bulkDelete: async (ids: number[]) =>
        (await post<{ data: BulkDeleteResult }>(`${BASE}/invitations/bulk-delete`, { ids })).data.data,
      redemptions: async (id: number, params: RedemptionsQuery) =>
        (await get<Page<Redemption>>(`${BASE}/invitations/${id}/redemptions`, { params })).data,
      timeline: async (id: number) => (await get<{ data: SignUpTimeline }>(`${BASE}/invitations/${id}/timeline`)).data.data,
      summary: async () => (await get<{ data: InvitationsSummary }>(`${BASE}/summary`)).data.data,
      roles: async () => (await get<{ data: AssignableRole[] }>(`${BASE}/roles`)).data.data,
      firstAccessOptions: async () => (await get<{ data: FirstAccessOptions }>(`${BASE}/first-access`)).data.data,
      send: async (id: number, body: SendRequest) =>
        (await post<{ data: SendResult }>(`${BASE}/invitations/${id}/send`, body)).data.data,
      recipients: async (id: number, params: RecipientsQuery) =>
        (await get<Page<Recipient>>(`${BASE}/invitations/${id}/recipients`, { params })).data,
      resendRecipient: async (id: number, recipientId: number, options: EmailOptions) =>
        (await post<{ data: Recipient }>(`${BASE}/invitations/${id}/recipients/${recipientId}/resend`, options)).data.data,
      revokeRecipient: async (id: number, recipientId: number) =>
        (await del<{ data: Recipient }>(`${BASE}/invitations/${id}/recipients/${recipientId}`)).data.data,
      previewEmail: async (id: number, body: EmailOptions) =>
        (await post<{ data: ComposedEmail }>(`${BASE}/invitations/${id}/email-preview`, body)).data.data,
    }),
    [get, post, put, del]
  );
};

interface RequestState<T> {
  data: T | undefined;
  error: unknown;
  isLoading: boolean;
  reload: () => void;
}

const sameItems = (a: unknown[], b: unknown[]) => a.length === b.length && a.every((item, index) => Object.is(item, b[index]));

/** Runs `load` now and whenever its dependencies change; `reload` runs it again. */
export const useRequest = <T>(load: () => Promise<T>, deps: unknown[]): RequestState<T> => {
  const [state, setState] = useState<{ data?: T; error?: unknown; isLoading: boolean }>({ isLoading: true });
  const [generation, setGeneration] = useState(0);

  // A new request (other dependencies, or reload()) is loading from this render on; the last
  // answer stays meanwhile.
  const requestKey = [...deps, generation];
  const [lastRequestKey, setLastRequestKey] = useState(requestKey);
  if (!sameItems(requestKey, lastRequestKey)) {
    setLastRequestKey(requestKey);
    setState((previous) => ({ ...previous, isLoading: true }));
  }

  useEffect(() => {
    let cancelled = false;
    load().then(
      (data) => !cancelled && setState({ data, isLoading: false }),
      (error) => !cancelled && setState({ error, isLoading: false })
    );
    return () => {
      cancelled = true;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the caller's dependencies, as useEffect takes them
  }, [...deps, generation]);

  const reload = useCallback(() => setGeneration((n) => n + 1), []);
  return { data: state.data, error: state.error, isLoading: state.isLoading, reload };
};
