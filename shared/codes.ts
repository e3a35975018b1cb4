/**
 * Invitation codes, typed by hand ("enter code SPRING-2027"): what an admin may set, how a typed
 * code is compared, and the codes the dialog generates.
 */

/** What an admin may type: 6 to 32 letters, digits and dashes. */
export const CODE_PATTERN = /^[A-Za-z0-9-]{6,32}$/;

/** Below this many letters and digits the dialog warns that the code is easy to guess. */
export const SHORT_CODE_WARNING_LENGTH = 10;

/** `details.reason` of the 409 for a code another link has. */
export const CODE_TAKEN = 'code-taken';

/** Letters and digits without look-alikes (0/O, 1/I/L): 31 symbols, about 4.95 bits each. */
export const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

/** Generated codes: 12 symbols (about 59 bits), shown in groups of four. */
export const GENERATED_CODE_LENGTH = 12;

/**
 * The form codes are compared in: without case, spaces or dashes (`spring-2027` is `SPRING 2027`).
 * Null for what cannot be a code once normalised (other characters, or not 6 to 32 of them).
 */
export const normalizeCode = (typed: unknown): string | null => {
  if (typeof typed !== 'string' || typed.length > 64) return null;
  const normalized = typed.replace(/[\s-]+/g, '').toUpperCase();
  return /^[A-Z0-9]{6,32}$/.test(normalized) ? normalized : null;
};

/** Whether an admin may set `code`: the pattern, and at least 6 letters or digits once dashes are left out. */
export const isValidCode = (code: string): boolean => CODE_PATTERN.test(code) && normalizeCode(code) !== null;

/** How many letters and digits a code has (what its strength depends on). */
export const codeStrengthLength = (code: string): number => code.replace(/[^A-Za-z0-9]/g, '').length;

/** A new code from `randomValues` (a source of random 32-bit integers), grouped as XXXX-XXXX-XXXX. */
export const generateCode = (randomValues: (count: number) => Uint32Array): string => {
  const symbols: string[] = [];
  // Only values below the largest multiple of the alphabet's size: every symbol equally likely.
  const limit = Math.floor(2 ** 32 / CODE_ALPHABET.length) * CODE_ALPHABET.length;
  while (symbols.length < GENERATED_CODE_LENGTH) {
    for (const value of randomValues(GENERATED_CODE_LENGTH)) {
      if (value < limit && symbols.length < GENERATED_CODE_LENGTH) symbols.push(CODE_ALPHABET[value % CODE_ALPHABET.length]);
    }
  }
  return symbols.join('').replace(/(.{4})(?!$)/g, '$1-');
};
