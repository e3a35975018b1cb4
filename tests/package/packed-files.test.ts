import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * What `npm pack` (and so `npm publish`) puts in the tarball, from the dist/ that the test run has
 * built as `prepack` builds it. The compatibility phase installs a real tarball and runs it.
 */
const ROOT = path.resolve(__dirname, '../..');
const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

/** The paths `npm pack` would put in the tarball of the package in `dir`. */
const packedFiles = (dir: string): string[] => {
  const output = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: dir, encoding: 'utf8' });
  return JSON.parse(output)[0].files.map((file: { path: string }) => file.path);
};

/**
 * Every file the `exports` map points at, by condition. `source` is left out on purpose: it names
 * the TypeScript entry that only the plugin SDK's build reads, in this repository; Strapi resolves
 * `import` / `require` in a site, and sources are not shipped (dist/ has no source maps to need them).
 */
const exportTargets = (): string[] =>
  Object.values(manifest.exports as Record<string, string | Record<string, string>>).flatMap((target) =>
    typeof target === 'string'
      ? [target]
      : Object.entries(target)
          .filter(([condition]) => condition !== 'source')
          .map(([, file]) => file)
  );

/** The file that `require(specifier)` in `fromFile` loads, among `files`, if any. */
const resolveAmong = (files: Set<string>, fromFile: string, specifier: string, extensions: string[]) => {
  const base = path.posix.join(path.posix.dirname(fromFile), specifier);
  return [base, ...extensions.map((ext) => `${base}${ext}`), ...extensions.map((ext) => `${base}/index${ext}`)].find((file) =>
    files.has(file)
  );
};

const relativeImports = (source: string) =>
  [...source.matchAll(/(?:require\(|import\(|from\s+)['"](\.{1,2}\/[^'"]+)['"]/g)].map((match) => match[1]);

/** The relative imports of the shipped `file` that no file of `files` answers, as `file -> specifier`. */
const unresolvedImports = (files: Set<string>, file: string, extensions: string[]) =>
  relativeImports(fs.readFileSync(path.join(ROOT, file), 'utf8'))
    .filter((specifier) => !resolveAmong(files, file, specifier, extensions))
    .map((specifier) => `${file} -> ${specifier}`);

const ENTRY_POINTS = ['strapi-server.js', 'strapi-admin.js'];

/**
 * Shipped on purpose: the build, the entry points, the manifest, README and LICENSE (npm always
 * packs those) and the changelog (listed in `files`).
 */
const DOCUMENTS = ['package.json', 'README.md', 'LICENSE', 'CHANGELOG.md'];
const isMeantToShip = (file: string) => file.startsWith('dist/') || [...ENTRY_POINTS, ...DOCUMENTS].includes(file);

/** Never to ship, wherever it lies: secrets, archives, TypeScript sources (declarations are fine). */
const isForbidden = (file: string) =>
  path.posix.basename(file).startsWith('.env') || file.endsWith('.tgz') || (/\.tsx?$/.test(file) && !file.endsWith('.d.ts'));

describe('the tarball of this repository', () => {
  const files = new Set(packedFiles(ROOT));

  test('holds the entry points Strapi loads, and what they require', () => {
    for (const entry of ENTRY_POINTS) {
      expect(files).toContain(entry);
      expect(relativeImports(fs.readFileSync(path.join(ROOT, entry), 'utf8'))).not.toHaveLength(0);
    }
    expect(ENTRY_POINTS.flatMap((entry) => unresolvedImports(files, entry, ['.js']))).toEqual([]);
  });

  test('holds every target of the exports map, and each type declaration finds the ones it imports', () => {
    expect(
      exportTargets()
        .map((target) => path.posix.normalize(target))
        .filter((target) => !files.has(target))
    ).toEqual([]);
    const declarations = [...files].filter((file) => file.endsWith('.d.ts'));
    expect(declarations.length).toBeGreaterThan(0);
    expect(declarations.flatMap((file) => unresolvedImports(files, file, ['.d.ts']))).toEqual([]);
  });

  test('holds the README, the licence and the changelog', () => {
    expect(DOCUMENTS.filter((file) => !files.has(file))).toEqual([]);
  });

  test('holds nothing from the tests, the playground, the bench, the scripts, the docs or the sources', () => {
    expect([...files].filter((file) => !isMeantToShip(file) || isForbidden(file))).toEqual([]);
  });
});

describe("the package's file rules", () => {
  test('leave out secrets, archives, tests and sources lying next to what is shipped', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'invitations-packlist-'));
    const shipped = ['package.json', 'strapi-server.js', 'strapi-admin.js', 'dist/server/index.js', 'dist/admin/index.js'];
    const strays = [
      '.env',
      '.env.production',
      'playground/.env',
      'strapi-plugin-invitations-0.1.0.tgz',
      'tests/a.test.ts',
      'server/src/index.ts',
      'admin/src/index.ts',
    ];
    try {
      for (const file of [...shipped, ...strays]) {
        fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
        fs.writeFileSync(path.join(dir, file), file === 'package.json' ? JSON.stringify(manifest) : '');
      }
      expect(packedFiles(dir).sort()).toEqual([...shipped].sort());
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
