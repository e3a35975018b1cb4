/**
 * Downloading a file from the admin API without Strapi's fetch client, for the Strapi 5 releases
 * whose client reads every answer as JSON (before 5.44). The request carries the admin's token
 * as that client does, read where the admin app keeps it.
 */

/** The first Strapi release whose fetch client reads an answer as a file (`responseType`). */
const FETCH_CLIENT_READS_FILES = { major: 5, minor: 44 };

/** Whether the running Strapi's fetch client can read a file; an unknown version is taken as recent. */
export const fetchClientReadsFiles = (strapiVersion: string | null | undefined) => {
  const [, major, minor] = /^(\d+)\.(\d+)/.exec(strapiVersion ?? '') ?? [];
  if (major === undefined) return true;
  const { major: firstMajor, minor: firstMinor } = FETCH_CLIENT_READS_FILES;
  return Number(major) > firstMajor || (Number(major) === firstMajor && Number(minor) >= firstMinor);
};

/** The admin app's storage key of the token (the same in every Strapi 5 release). */
const TOKEN_KEY = 'jwtToken';

/** The signed-in admin's token: in localStorage ("remember me"), else in a cookie. */
const storedAdminToken = (): string | null => {
  const remembered = localStorage.getItem(TOKEN_KEY);
  if (remembered) return JSON.parse(remembered) as string;
  const cookie = document.cookie
    .split(';')
    .map((part) => part.trim())
    .find((part) => part.startsWith(`${TOKEN_KEY}=`));
  return cookie ? decodeURIComponent(cookie.slice(TOKEN_KEY.length + 1)) : null;
};

const requestFile = (path: string) => {
  const token = storedAdminToken();
  const { backendURL } = window.strapi as unknown as { backendURL: string };
  return fetch(`${backendURL}${path}`, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
};

/**
 * The file at `path` as a Blob; a refusal fails as the fetch client would (`response.data` holds
 * the server's error). An access token that expired meanwhile (their lifespan is short from Strapi
 * 5.24 on) gets a 401: `renewSession`, any request through the fetch client, renews it, once.
 */
export const downloadDirectly = async (path: string, renewSession: () => Promise<unknown>): Promise<Blob> => {
  let response = await requestFile(path);
  if (response.status === 401) {
    await renewSession();
    response = await requestFile(path);
  }
  if (!response.ok) {
    const data: unknown = await response.json().catch(() => undefined);
    throw Object.assign(new Error(`download failed with ${response.status}`), { response: { status: response.status, data } });
  }
  return response.blob();
};
