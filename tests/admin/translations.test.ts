/**
 * The admin panel's words: every `t('key', 'default')` in admin/src has its key in en.json with
 * that very default (the default is what a reader of the code sees, so it must not drift from
 * what the admin sees), every key is used, and fr.json says the same things with the same
 * placeholders.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import en from '../../admin/src/translations/en.json';
import fr from '../../admin/src/translations/fr.json';

const SRC = join(__dirname, '../../admin/src');
const EN: Record<string, string> = en;
const FR: Record<string, string> = fr;

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

/** Placeholder names of an ICU message, nested ones (in plural branches) included. */
const argumentsOf = (message: string): string[] => {
  const names = new Set<string>();
  const walk = (elements: MessageFormatElement[]) => {
    for (const element of elements) {
      if (
        element.type === TYPE.argument ||
        element.type === TYPE.number ||
        element.type === TYPE.date ||
        element.type === TYPE.time
      ) {
        names.add(element.value);
      }
      if (element.type === TYPE.plural || element.type === TYPE.select) {
        names.add(element.value);
        Object.values(element.options).forEach((option) => walk(option.value));
      }
      if (element.type === TYPE.tag) walk(element.children);
    }
  };
  walk(parse(message));
  return [...names].sort();
};

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

test('fr.json has the same keys as en.json', () => {
  expect(Object.keys(FR).sort()).toEqual(Object.keys(EN).sort());
});

test('every message is valid ICU, and the French one uses the same placeholders as the English', () => {
  const differing = Object.keys(EN)
    .filter((key) => key in FR)
    .filter((key) => JSON.stringify(argumentsOf(EN[key])) !== JSON.stringify(argumentsOf(FR[key])))
    .map((key) => `${key}: en ${argumentsOf(EN[key]).join(',')}; fr ${argumentsOf(FR[key]).join(',')}`);
  expect(differing).toEqual([]);
});

test('no key is written twice in a translation file (JSON keeps the last one and drops the other silently)', () => {
  const duplicated = ['en.json', 'fr.json'].flatMap((file) => {
    const keys = [...readFileSync(join(SRC, 'translations', file), 'utf8').matchAll(/^\s*"([^"]+)":/gm)].map((match) => match[1]);
    return keys.filter((key, index) => keys.indexOf(key) !== index).map((key) => `${file} ${key}`);
  });
  expect(duplicated).toEqual([]);
});
