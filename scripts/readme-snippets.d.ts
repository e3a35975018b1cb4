// The types of scripts/readme-snippets.js (plain CommonJS, shared by the compatibility phase and the package suite).

export const INSTALL_HEADING: string;

/** The text from the level-2 heading that starts with `heading` to the next level-2 heading. */
export const section: (markdown: string, heading: string) => string;

/** The fenced code blocks of `markdown`, with their language. */
export const codeBlocks: (markdown: string) => Array<{ lang: string; code: string }>;

/** The README install section's blocks for `file` (`config/plugins.ts` or `.js`). */
export const snippetsFor: (file: string, readme?: string) => string[];

/** The README block of `file` that adds the `invitations` key; throws unless there is exactly one. */
export const invitationsSnippet: (file: string, readme?: string) => string;

/** The scaffold's plugins file with `snippets` added inside the object its function returns. */
export const spliceInto: (scaffold: string, snippets: string[]) => string;
