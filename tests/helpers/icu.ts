import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';

/** Walks an ICU message's elements, those inside plural and select branches and tags included. */
const walk = (elements: MessageFormatElement[], visit: (element: MessageFormatElement) => void) => {
  for (const element of elements) {
    visit(element);
    if (element.type === TYPE.plural || element.type === TYPE.select) {
      Object.values(element.options).forEach((option) => walk(option.value, visit));
    }
    if (element.type === TYPE.tag) walk(element.children, visit);
  }
};

/** Placeholder names of an ICU message, nested ones (in plural branches) included, sorted. */
export const icuArguments = (message: string): string[] => {
  const names = new Set<string>();
  walk(parse(message), (element) => {
    if (
      element.type === TYPE.argument ||
      element.type === TYPE.number ||
      element.type === TYPE.date ||
      element.type === TYPE.time ||
      element.type === TYPE.plural ||
      element.type === TYPE.select
    ) {
      names.add(element.value);
    }
  });
  return [...names].sort();
};

/** Each select argument's branch names, as "argument: a,b,other". */
const selectBranches = (elements: MessageFormatElement[]) => {
  const branches: string[] = [];
  walk(elements, (element) => {
    if (element.type === TYPE.select) branches.push(`${element.value}: ${Object.keys(element.options).sort().join(',')}`);
  });
  return [...new Set(branches)].sort();
};

/**
 * What is wrong with `message`, a translation of `reference` into `locale`: not valid ICU, other
 * placeholders than the reference's, other select branches, or plural branches its language does
 * not have (CLDR's categories, as Intl.PluralRules knows them, or an exact `=N`) or no `other`.
 */
export const icuProblems = (reference: string, message: string, locale: string): string[] => {
  let elements: MessageFormatElement[];
  try {
    elements = parse(message);
  } catch (error) {
    return [`not valid ICU (${(error as Error).message})`];
  }
  const problems: string[] = [];
  const expected = icuArguments(reference).join(',');
  const actual = icuArguments(message).join(',');
  if (actual !== expected) problems.push(`placeholders ${actual || 'none'} instead of ${expected || 'none'}`);
  const expectedBranches = selectBranches(parse(reference)).join('; ');
  const actualBranches = selectBranches(elements).join('; ');
  if (actualBranches !== expectedBranches) problems.push(`select branches ${actualBranches} instead of ${expectedBranches}`);
  walk(elements, (element) => {
    if (element.type !== TYPE.plural) return;
    const categories = new Intl.PluralRules(locale, { type: element.pluralType }).resolvedOptions().pluralCategories as string[];
    const branches = Object.keys(element.options);
    for (const branch of branches) {
      if (!/^=\d+$/.test(branch) && !categories.includes(branch)) {
        problems.push(`{${element.value}, plural}: "${branch}" is not a plural category of ${locale} (${categories.join(', ')})`);
      }
    }
    if (!branches.includes('other')) problems.push(`{${element.value}, plural} has no "other" branch`);
  });
  return problems;
};
