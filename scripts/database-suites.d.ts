// The types of scripts/database-suites.js (plain CommonJS, read by jest.config.js and scripts/test.js).
export const SERVER_SUITES_DIR: string;
export const serverSuites: () => string[];
export const touchesDatabaseLayer: (file: string) => boolean;
export const tagOf: (file: string) => 'database' | 'engine-neutral' | null;
export const databaseSuites: () => string[];
