import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import semver from 'semver';
import ts from 'typescript';
import pluginConfig, { type InvitationsConfig } from '../../server/src/config';
import { codeBlocks, INSTALL_HEADING, section, snippetsFor, spliceInto } from '../../scripts/readme-snippets';

/**
 * The README's install section, tried as a new owner would follow it (issue 28): each check guards
 * one of the frictions found, and its message names it.
 *
 * fixtures/create-strapi-app-5.54.0/ holds what `npx create-strapi-app@5.54.0` writes, copied from
 * that package's own files: `templates/vanilla/config/plugins.ts` (a TypeScript app),
 * `templates/vanilla-js/config/plugins.js` (a JavaScript app) and `dist/utils/engines.js` (the
 * `engines` of the app's package.json).
 */
const ROOT = path.resolve(__dirname, '../..');
const SCAFFOLD = path.join(__dirname, 'fixtures/create-strapi-app-5.54.0');
const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const scaffoldFile = (name: string) => fs.readFileSync(path.join(SCAFFOLD, name), 'utf8');

const DEMO_COMMAND = 'npm ci && DEMO_ADMIN_EMAIL=admin@example.com DEMO_ADMIN_PASSWORD=Admin-password-1 npm run demo';
const TEST_COMMAND = 'npm ci && npm test';

/** Strapi's `env` helper, answering every variable as unset. */
const env = Object.assign((_key: string, fallback?: unknown) => fallback, {
  int: (_key: string, fallback?: unknown) => fallback,
  float: (_key: string, fallback?: unknown) => fallback,
  bool: (_key: string, fallback?: unknown) => fallback,
  array: (_key: string, fallback?: unknown) => fallback,
  json: (_key: string, fallback?: unknown) => fallback,
});

/** Compares `actual` with `expected` under the friction's name, so that a failure's diff says what it guards. */
const guard = (friction: string, actual: unknown, expected: unknown) =>
  expect({ [friction]: actual }).toEqual({ [friction]: expected });

type PluginsConfig = Record<string, { enabled?: boolean; config?: Record<string, unknown> }>;

/**
 * Parses `source` as the file `fileName` (TypeScript's parser, syntax errors only), then runs it as
 * Strapi would and returns the configuration its function gives.
 */
const evaluate = (source: string, fileName: string): { syntaxErrors: string[]; config?: PluginsConfig } => {
  const { outputText, diagnostics = [] } = ts.transpileModule(source, {
    fileName,
    reportDiagnostics: true,
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020 },
  });
  const syntaxErrors = diagnostics.map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
  if (syntaxErrors.length > 0) return { syntaxErrors };
  const module = { exports: {} as Record<string, unknown> };
  const require = (id: string) => {
    throw new Error(`${fileName} requires ${id} at run time`);
  };
  vm.runInNewContext(outputText, { module, exports: module.exports, require, process: { env: {} } });
  const factory = (module.exports.default ?? module.exports) as (params: { env: typeof env }) => PluginsConfig;
  return { syntaxErrors, config: JSON.parse(JSON.stringify(factory({ env }))) };
};

/** The plugin's configuration as Strapi gives it: the plugin's defaults under the site's values. */
const withDefaults = (config: Record<string, unknown>): InvitationsConfig => {
  const defaults = pluginConfig.default as unknown as Record<string, unknown>;
  return <InvitationsConfig>{
    ...defaults,
    ...config,
    email: { ...(defaults.email as object), ...(config.email as object) },
    rateLimit: { ...(defaults.rateLimit as object), ...(config.rateLimit as object) },
  };
};

describe.each([
  { file: 'config/plugins.ts', scaffold: 'plugins.ts.txt' },
  { file: 'config/plugins.js', scaffold: 'plugins.js.txt' },
])("the README's $file snippets, added to the file create-strapi-app 5.54.0 writes", ({ file, scaffold }) => {
  const snippets = snippetsFor(file);
  const scaffolded = scaffoldFile(scaffold);
  const merged = evaluate(spliceInto(scaffolded, snippets), file);
  const original = evaluate(scaffolded, file);

  test('are fragments to merge, not a whole file', () => {
    guard(
      `friction 1 (issue 28): the install section shows the invitations and email keys to add to ${file}, each in a block whose first line is \`// ${file}\``,
      snippets.length >= 2,
      true
    );
    const wholeFiles = snippets.filter((code) => /export\s+default|module\.exports\s*=|=>\s*\(\{/.test(code));
    guard(
      `friction 1 (issue 28): a ${file} snippet shown as a whole file deletes, when pasted, the scaffolded users-permissions and upload settings`,
      wholeFiles,
      []
    );
  });

  test('still parse, and keep users-permissions and upload as the scaffold set them', () => {
    guard(
      `friction 1 (issue 28): ${file} with the README's keys added must parse (TypeScript's parser)`,
      merged.syntaxErrors,
      []
    );
    const kept = (config?: PluginsConfig) => ({ 'users-permissions': config?.['users-permissions'], upload: config?.upload });
    expect(original.config?.['users-permissions']?.config).toMatchObject({
      jwtManagement: 'refresh',
      sessions: { httpOnly: true },
    });
    guard(
      'friction 1 (issue 28): merging the README snippets must leave the scaffolded users-permissions and upload settings as they were',
      kept(merged.config),
      kept(original.config)
    );
  });

  test('configure the plugin with options it accepts, a site name and no example redirect origin', () => {
    const invitations = merged.config?.invitations;
    expect(invitations).toMatchObject({ enabled: true, config: expect.any(Object) });
    const config = withDefaults(invitations!.config!);
    expect(() => pluginConfig.validator(config)).not.toThrow();
    guard(
      'friction 2 (issue 28): without email.siteName the send dialog proposes "Your invitation to join localhost"',
      typeof config.email.siteName === 'string' && config.email.siteName.trim() !== '',
      true
    );
    const exampleOrigins = config.redirectOrigins.filter((origin) => /(^|\.)example\.com$/.test(new URL(origin).hostname));
    guard(
      "friction 3 (issue 28): an example redirect origin is kept as is, and the dialog then demands it: list the site's own front end",
      {
        exampleOrigins,
        snippetsWithExampleOrigin: snippets.filter((code) => code.includes('https://example.com')),
      },
      { exampleOrigins: [], snippetsWithExampleOrigin: [] }
    );
  });

  test('set up a real email provider', () => {
    guard(
      "friction 2 (issue 28): with Strapi's default sendmail provider every send fails (can not resolve Mx)",
      merged.config?.email?.config?.provider,
      'nodemailer'
    );
  });
});

describe("the README's install section", () => {
  const install = section(readme, INSTALL_HEADING);
  const quickStart = section(readme, '## Quick start');

  test('comes before the repository demo', () => {
    expect(install).not.toBe('');
    expect(quickStart).not.toBe('');
    guard(
      "friction 4 (issue 28): the repository's demo (Quick start) came before the install section and was mistaken for it",
      {
        installFirst: readme.indexOf(INSTALL_HEADING) < readme.indexOf(DEMO_COMMAND),
        demoInInstall: install.includes('npm run demo'),
      },
      { installFirst: true, demoInInstall: false }
    );
  });

  test('says to build, then develop or start', () => {
    guard(
      'friction 4 (issue 28): after `npm run build` nothing said whether to run `start` or `develop`',
      ['npm run build', 'npm run develop', 'npm run start'].filter((command) => !install.includes(command)),
      []
    );
    expect(install.indexOf('npm run build')).toBeLessThan(install.indexOf('npm run develop'));
  });

  test('says to merge into config/plugins, keeping the scaffolded keys', () => {
    guard(
      'friction 1 (issue 28): the install section must say, in words, to add the key and keep users-permissions and upload',
      [/do\s+not\s+replace\s+the\s+file/i, /users-permissions/, /upload/].filter((words) => !words.test(install)).map(String),
      []
    );
  });

  test('sets up the email provider, the site name and a test send', () => {
    guard(
      'friction 2 (issue 28): nothing about email in the install section',
      [
        /npm install @strapi\/provider-email-nodemailer/,
        /^SMTP_HOST=/m,
        /siteName/,
        /sendmail/,
        /Send\s+test\s+email/,
        /send yourself an invitation/i,
      ]
        .filter((words) => !words.test(install))
        .map(String),
      []
    );
    expect(Object.keys(pluginConfig.default.email)).toContain('siteName');
  });

  test('explains redirectOrigins as the front end of the site itself', () => {
    guard(
      "friction 3 (issue 28): redirectOrigins must be explained as the site's own front-end origins",
      /`redirectOrigins` lists the origins[\s\S]*your own site's front/.test(install),
      true
    );
  });
});

describe("the README's Quick start", () => {
  test('holds exactly two command lines: the demo and the tests, each working on a fresh clone', () => {
    const commands = codeBlocks(section(readme, '## Quick start'))
      .filter(({ lang }) => lang === 'sh')
      .flatMap(({ code }) => code.split('\n').filter((line) => line.trim() !== ''));
    guard('the Quick start: one command runs the demo, one runs the tests, both verbatim', commands, [
      DEMO_COMMAND,
      TEST_COMMAND,
    ]);
  });
});

describe("the package's engines", () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  const scaffolded = JSON.parse(scaffoldFile('engines.json')).node as string;
  const strapis = JSON.parse(fs.readFileSync(require.resolve('@strapi/strapi/package.json'), 'utf8')).engines.node as string;

  test('allow every Node.js that create-strapi-app 5.54.0 and Strapi allow', () => {
    expect(scaffolded).toBe('>=20.0.0 <=26.x.x');
    guard(
      `friction 5 (issue 28): engines.node ${manifest.engines.node} must cover the ${scaffolded} a create-strapi-app 5.54 app allows, and Strapi's ${strapis}`,
      {
        coversScaffold: semver.subset(scaffolded, manifest.engines.node),
        coversStrapi: semver.subset(strapis, manifest.engines.node),
      },
      { coversScaffold: true, coversStrapi: true }
    );
  });

  test.each(['20.0.0', '22.0.0', '24.0.0', '26.0.0', '26.20.1'])('allow Node.js %s', (version) => {
    guard(
      `friction 5 (issue 28): engines.node ${manifest.engines.node} must allow Node.js ${version}`,
      semver.satisfies(version, manifest.engines.node),
      true
    );
  });
});

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens. */
const anchorOf = (heading: string) =>
  heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N} _-]/gu, '')
    .replace(/ /g, '-');

const withoutCode = (markdown: string) => markdown.replace(/^```[\s\S]*?^```$/gm, '');
const anchorsOf = (file: string) =>
  [...withoutCode(fs.readFileSync(file, 'utf8')).matchAll(/^#{1,6} (.+)$/gm)].map(([, heading]) => anchorOf(heading));

describe('the README, the docs/ pages and the pages that link to them', () => {
  const pages = [
    'README.md',
    'CONTRIBUTING.md',
    'SECURITY.md',
    ...fs
      .readdirSync(path.join(ROOT, 'docs'))
      .filter((name) => name.endsWith('.md'))
      .map((name) => `docs/${name}`),
  ];

  test.each(pages)('%s: every relative link points to a file and heading that exist', (page) => {
    const file = path.join(ROOT, page);
    const broken = [...withoutCode(fs.readFileSync(file, 'utf8')).matchAll(/\]\(([^)\s]+)\)/g)]
      .map(([, target]) => target)
      .filter((target) => !/^[a-z]+:/.test(target))
      .filter((target) => {
        const [pathPart, anchor] = target.split('#');
        const targetFile = pathPart ? path.resolve(path.dirname(file), pathPart) : file;
        if (!fs.existsSync(targetFile)) return true;
        return anchor !== undefined && targetFile.endsWith('.md') && !anchorsOf(targetFile).includes(anchor);
      });
    guard('the reference moved from the README to docs/ (issue 28): every link to it must follow', broken, []);
  });
});
