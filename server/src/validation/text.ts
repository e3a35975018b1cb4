/** Text and URL rules shared by the request validators and the config validator. */

/** Any control character: one-line text (names, subjects, URLs) holds none. */
// eslint-disable-next-line no-control-regex -- matching control characters is what it is for
export const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/;

/** Control characters other than tab and line breaks, which a multi-line text may hold. */
// eslint-disable-next-line no-control-regex -- matching control characters is what it is for
export const CONTROL_CHARACTERS_EXCEPT_LINES = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/** Half of a UTF-16 surrogate pair: not text, and databases store it mangled. */
export const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * An object written as `{ ... }` (JSON or a config file): not an array, a class instance, or an
 * object made with a null or foreign prototype.
 */
export const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && Object.getPrototypeOf(value) === Object.prototype;

/** The URL if `value` is an absolute http(s) URL, else null. */
export const httpUrl = (value: string): URL | null => {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url : null;
  } catch {
    return null;
  }
};
