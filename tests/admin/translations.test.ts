/**
 * The admin panel's words: every `t('key', 'default')` in admin/src has its key in en.json with
 * that very default (the default is what a reader of the code sees, so it must not drift from
 * what the admin sees), every key is used, and each other language's file says the same things
 * with the same placeholders, in valid ICU with the plural forms its language has.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import en from '../../admin/src/translations/en.json';
import { icuArguments, icuProblems } from '../helpers/icu';

const SRC = join(__dirname, '../../admin/src');
const EN: Record<string, string> = en;
/** The admin panel's languages besides English (the playground's config.locales offers them all). */
const LANGUAGES = ['fr', 'de', 'es', 'it', 'pt-BR', 'nl'];
const TRANSLATIONS: Record<string, Record<string, string>> = Object.fromEntries(
  LANGUAGES.map((language) => [language, JSON.parse(readFileSync(join(SRC, 'translations', `${language}.json`), 'utf8'))])
);

const sourceFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [path] : [];
  });

interface Use {
  where: string;
  id: string;
  defaultMessage: string;
  /** Names of the values passed along; undefined when they are not an object literal. */
  values: string[] | undefined;
}

const textOf = (node: ts.Node | undefined) =>
  node && (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) ? node.text : undefined;

/** `${PLUGIN_ID}.some.key` (as in index.ts's intlLabel) → 'some.key'. */
const prefixedId = (node: ts.Node | undefined) =>
  node &&
  ts.isTemplateExpression(node) &&
  node.head.text === '' &&
  node.templateSpans.length === 1 &&
  node.templateSpans[0].expression.getText() === 'PLUGIN_ID' &&
  node.templateSpans[0].literal.text.startsWith('.')
    ? node.templateSpans[0].literal.text.slice(1)
    : undefined;

const uses: Use[] = [];
/** Calls whose id or default is computed, which this check cannot follow. */
const computed: string[] = [];
/** Every string literal of the admin code: a key may be named in one and translated elsewhere. */
const literals = new Set<string>();

for (const file of sourceFiles(SRC)) {
  const source = ts.createSourceFile(
    file,
    readFileSync(file, 'utf8'),
    ts.ScriptTarget.Latest,
    true,
    file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS
  );
  const where = (node: ts.Node) => `${relative(SRC, file)}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
  const visit = (node: ts.Node) => {
    const text = textOf(node);
    if (text !== undefined) literals.add(text);
    if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 't') {
      const [idNode, defaultNode, valuesNode] = node.arguments;
      const id = textOf(idNode);
      const defaultMessage = textOf(defaultNode);
      const values = !valuesNode
        ? []
        : ts.isObjectLiteralExpression(valuesNode)
          ? valuesNode.properties.map((p) => p.name?.getText() ?? '…')
          : undefined;
      if (id !== undefined && defaultMessage !== undefined) uses.push({ where: where(node), id, defaultMessage, values });
      else computed.push(`${relative(SRC, file)}: ${node.getText()}`);
    }
    // { id, defaultMessage } handed to the admin panel (menu link, formatMessage).
    if (ts.isObjectLiteralExpression(node)) {
      const property = (name: string) =>
        node.properties.find((p): p is ts.PropertyAssignment => ts.isPropertyAssignment(p) && p.name.getText() === name)
          ?.initializer;
      const defaultMessage = textOf(property('defaultMessage'));
      if (defaultMessage !== undefined) {
        const id = prefixedId(property('id'));
        if (id !== undefined) uses.push({ where: where(node), id, defaultMessage, values: undefined });
        else computed.push(`${relative(SRC, file)}: ${node.getText()}`);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
}

const argumentsOf = icuArguments;

test('the walk finds the messages of the admin code', () => {
  expect(uses.length).toBeGreaterThan(100);
  expect(uses).toContainEqual(expect.objectContaining({ id: 'plugin.name', defaultMessage: 'Invitations' }));
});

test("each message's default in the code is en.json's text", () => {
  const drifted = uses
    .filter(({ id, defaultMessage }) => EN[id] !== defaultMessage)
    .map(
      ({ where, id, defaultMessage }) =>
        `${where} ${id}: code ${JSON.stringify(defaultMessage)}, en.json ${JSON.stringify(EN[id])}`
    );
  expect(drifted).toEqual([]);
});

test('each message is given the values its placeholders name', () => {
  const missing = uses
    .filter(({ id }) => id in EN)
    .flatMap(({ where, id, values }) =>
      values === undefined
        ? []
        : argumentsOf(EN[id])
            .filter((name) => !values.includes(name))
            .map((name) => `${where} ${id}: {${name}}`)
    );
  expect(missing).toEqual([]);
});

test("the only computed ids are the form checks' error ids, each in en.json", () => {
  expect(computed).toEqual(['components/InvitationFormModal.tsx: t(id, id)']);
  const formSource = readFileSync(join(SRC, 'utils/form.ts'), 'utf8');
  const errorIds = [...formSource.matchAll(/'(form\.error\.[\w.]+)'/g)].map(([, id]) => id);
  expect(errorIds.length).toBeGreaterThan(0);
  expect(errorIds.filter((id) => !(id in EN))).toEqual([]);
});

test('every key of en.json is used', () => {
  const used = new Set(uses.map(({ id }) => id));
  expect(Object.keys(EN).filter((key) => !used.has(key) && !literals.has(key))).toEqual([]);
});

test('the translation files are English and the six other languages, no more', () => {
  const files = readdirSync(join(SRC, 'translations')).sort();
  expect(files).toEqual(['en.json', ...LANGUAGES.map((language) => `${language}.json`)].sort());
});

test.each(LANGUAGES)('%s.json has exactly the keys of en.json', (language) => {
  const keys = Object.keys(TRANSLATIONS[language]);
  expect(Object.keys(EN).filter((key) => !keys.includes(key))).toEqual([]);
  expect(keys.filter((key) => !(key in EN))).toEqual([]);
});

test.each(LANGUAGES)(
  '%s.json: each message is valid ICU with the placeholders of the English one and its language’s plural forms',
  (language) => {
    const translation = TRANSLATIONS[language];
    const problems = Object.keys(EN)
      .filter((key) => key in translation)
      .flatMap((key) => icuProblems(EN[key], translation[key], language).map((problem) => `${key}: ${problem}`));
    expect(problems).toEqual([]);
  }
);

test('English messages are valid ICU with English plural forms', () => {
  const problems = Object.entries(EN).flatMap(([key, message]) =>
    icuProblems(message, message, 'en').map((problem) => `${key}: ${problem}`)
  );
  expect(problems).toEqual([]);
});

test.each(LANGUAGES)('%s.json is a translation: most of its messages differ from the English', (language) => {
  const same = Object.keys(EN).filter((key) => TRANSLATIONS[language][key] === EN[key]);
  // Names, placeholders and words that read the same (Status, Name, E-mail…) may stay as they are.
  expect(same.length).toBeLessThan(Object.keys(EN).length / 10);
});

test('no key is written twice in a translation file (JSON keeps the last one and drops the other silently)', () => {
  const duplicated = ['en', ...LANGUAGES]
    .map((language) => `${language}.json`)
    .flatMap((file) => {
      const keys = [...readFileSync(join(SRC, 'translations', file), 'utf8').matchAll(/^\s*"([^"]+)":/gm)].map(
        (match) => match[1]
      );
      return keys.filter((key, index) => keys.indexOf(key) !== index).map((key) => `${file} ${key}`);
    });
  expect(duplicated).toEqual([]);
});
