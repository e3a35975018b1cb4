import { useCallback, useEffect, useMemo, useState } from 'react';
import { useAppInfo, useFetchClient } from '@strapi/strapi/admin';
import { downloadDirectly, fetchClientReadsFiles } from './utils/direct-download';
import { PLUGIN_ID } from '../../shared';
import type {
  AccessRequest,
  AccessRequestsPage,
  AccessRequestsQuery,
  ApprovableLink,
  AssignableRole,
  BulkDeleteResult,
  EmailKind,
  EmailOptions,
  EmailTemplateRow,
  EmailTemplateTestResult,
  EmailTemplateText,
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
  RenewRequest,
  RenewResult,
  Redemption,
  RedemptionsQuery,
  SendRequest,
  SendResult,
  SignUpTimeline,
} from '../../shared';

const BASE = `/${PLUGIN_ID}`;

/** What an approval sends: a personal link of `invitationId`, its email in `language` (English otherwise). */
export interface ApproveRequestBody {
  invitationId: number;
  language?: string;
}

/** What a decline does: an email only if asked, in `language`, with the admin's text in the template's `{{message}}`. */
export interface DeclineRequestBody {
  sendEmail: boolean;
  message?: string;
  language?: string;
}

/** The lists of one invitation that the server exports as CSV. */
export type CsvExport = 'redemptions' | 'deliveries' | 'recipients';

/**
 * Downloads one list of a link as a CSV Blob. Through the fetch client where it reads files (it
 * also renews an expired admin session); Strapi 5 releases before 5.44 read every answer as JSON,
 * so there the file is fetched directly.
 */
export const useCsvDownload = () => {
  const { get } = useFetchClient();
  const strapiVersion = useAppInfo('InvitationsCsvDownload', (info) => info.strapiVersion);
  return useCallback(
    async (id: number, list: CsvExport): Promise<Blob> => {
      const path = `${BASE}/invitations/${id}/${list}/export`;
      if (fetchClientReadsFiles(strapiVersion)) {
        const { data } = await get<unknown>(path, { responseType: 'blob' });
        if (data instanceof Blob) return data;
      }
      return downloadDirectly(path, () => get('/admin/users/me'));
    },
    [get, strapiVersion]
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
      /** The roles the admin may give by making (`create`) or editing (`update`) a link. */
      roles: async (grant: 'create' | 'update') =>
        (await get<{ data: AssignableRole[] }>(`${BASE}/roles`, { params: { for: grant } })).data.data,
      firstAccessOptions: async () => (await get<{ data: FirstAccessOptions }>(`${BASE}/first-access`)).data.data,
      send: async (id: number, body: SendRequest) =>
        (await post<{ data: SendResult }>(`${BASE}/invitations/${id}/send`, body)).data.data,
      recipients: async (id: number, params: RecipientsQuery) =>
        (await get<Page<Recipient>>(`${BASE}/invitations/${id}/recipients`, { params })).data,
      resendRecipient: async (id: number, recipientId: number, options: EmailOptions) =>
        (await post<{ data: Recipient }>(`${BASE}/invitations/${id}/recipients/${recipientId}/resend`, options)).data.data,
      revokeRecipient: async (id: number, recipientId: number) =>
        (await del<{ data: Recipient }>(`${BASE}/invitations/${id}/recipients/${recipientId}`)).data.data,
      renew: async (id: number, body: RenewRequest) =>
        (await post<{ data: RenewResult }>(`${BASE}/invitations/${id}/renew`, body)).data.data,
      previewEmail: async (id: number, body: EmailOptions & { personal?: boolean }) =>
        (await post<{ data: ComposedEmail }>(`${BASE}/invitations/${id}/email-preview`, body)).data.data,
      emailTemplates: async () => (await get<{ data: EmailTemplateRow[] }>(`${BASE}/email-templates`)).data.data,
      saveEmailTemplate: async (kind: EmailKind, language: string, text: EmailTemplateText) =>
        (await put<{ data: EmailTemplateRow }>(`${BASE}/email-templates/${kind}/${language}`, text)).data.data,
      resetEmailTemplate: async (kind: EmailKind, language: string) =>
        (await del<{ data: EmailTemplateRow }>(`${BASE}/email-templates/${kind}/${language}`)).data.data,
      accessRequests: async (params: AccessRequestsQuery) => (await get<AccessRequestsPage>(`${BASE}/requests`, { params })).data,
      /** The active links an approval may use (at most 100, newest first), without `read`. */
      approvalLinks: async (q: string) =>
        (await get<{ data: ApprovableLink[] }>(`${BASE}/requests/links`, { params: q ? { q } : {} })).data.data,
      approveRequest: async (id: number, body: ApproveRequestBody) =>
        (await post<{ data: AccessRequest }>(`${BASE}/requests/${id}/approve`, body)).data.data,
      declineRequest: async (id: number, body: DeclineRequestBody) =>
        (await post<{ data: AccessRequest }>(`${BASE}/requests/${id}/decline`, body)).data.data,
      /** Sends an approved request's personal link again, after its email failed. */
      resendApproval: async (id: number) => (await post<{ data: AccessRequest }>(`${BASE}/requests/${id}/resend`)).data.data,
      bulkApprove: async (ids: number[], body: ApproveRequestBody) =>
        (await post<{ data: AccessRequest[] }>(`${BASE}/requests/bulk-approve`, { ids, ...body })).data.data,
      bulkDecline: async (ids: number[], body: DeclineRequestBody) =>
        (await post<{ data: AccessRequest[] }>(`${BASE}/requests/bulk-decline`, { ids, ...body })).data.data,
      testEmailTemplate: async (kind: EmailKind, language: string) =>
        (await post<{ data: EmailTemplateTestResult }>(`${BASE}/email-templates/${kind}/${language}/test`)).data.data,
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
