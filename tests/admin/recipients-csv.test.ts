import { MAX_RECIPIENTS } from '../../shared';
import { addImported, parseRecipientsCsv } from '../../admin/src/utils/recipients-csv';

describe('parseRecipientsCsv', () => {
  test('a file without a header: the first column, every row', () => {
    expect(parseRecipientsCsv('ada@example.com,Ada\ngrace@example.org,Grace\n')).toEqual({
      addresses: ['ada@example.com', 'grace@example.org'],
      languages: new Map(),
      invalid: [],
      duplicates: 0,
    });
  });

  test('a header row in the first column is skipped', () => {
    expect(parseRecipientsCsv('Address,Name\nada@example.com,Ada\n').addresses).toEqual(['ada@example.com']);
    expect(parseRecipientsCsv('Courriel\nmarie@exemple.fr\n').addresses).toEqual(['marie@exemple.fr']);
  });

  test('the column named email is read wherever it is, whatever its case', () => {
    const csv = 'Name,Company,EMAIL\nAda,Analytical,ada@example.com\n"Hopper, Grace",Navy,grace@example.org\n';
    expect(parseRecipientsCsv(csv).addresses).toEqual(['ada@example.com', 'grace@example.org']);
    expect(parseRecipientsCsv('first name;E-mail\nAda;ada@example.com\n').addresses).toEqual(['ada@example.com']);
  });

  test('invalid rows are listed with their row numbers, the header counting as row 1; blank rows are ignored', () => {
    const csv = 'name,email\nAda,ada@example.com\n\n,\nGrace,grace@example\nAlan,\nBob,bob@example.net\n';
    expect(parseRecipientsCsv(csv)).toEqual({
      addresses: ['ada@example.com', 'bob@example.net'],
      languages: new Map(),
      invalid: [
        { row: 5, value: 'grace@example' },
        { row: 6, value: '' },
      ],
      duplicates: 0,
    });
  });

  test('a first row that is neither an address nor a header is an invalid row, not a header', () => {
    expect(parseRecipientsCsv('ada.example.com\ngrace@example.org\n')).toEqual({
      addresses: ['grace@example.org'],
      languages: new Map(),
      invalid: [{ row: 1, value: 'ada.example.com' }],
      duplicates: 0,
    });
  });

  test('addresses repeated in another case are kept once, in their first spelling', () => {
    expect(parseRecipientsCsv('Ada@Example.com\nada@example.com\n grace@example.org \n')).toEqual({
      addresses: ['Ada@Example.com', 'grace@example.org'],
      languages: new Map(),
      invalid: [],
      duplicates: 1,
    });
  });

  test("a byte-order mark, Windows line ends and a mail client's name and address", () => {
    const csv = '\uFEFFEmail\r\n"Ada Lovelace <ada@example.com>"\r\ngrace@example.org\r\n';
    expect(parseRecipientsCsv(csv).addresses).toEqual(['ada@example.com', 'grace@example.org']);
  });

  test('a column named language gives each address its language, written as a tag; a blank cell gives none', () => {
    const csv =
      'Email,Name,Language\nada@example.com,Ada,DE\ngrace@example.org,Grace,pt_BR\nalan@example.net,Alan,\nADA@example.com,Ada,fr\n';
    expect(parseRecipientsCsv(csv)).toEqual({
      addresses: ['ada@example.com', 'grace@example.org', 'alan@example.net'],
      languages: new Map([
        ['ada@example.com', 'de'],
        ['grace@example.org', 'pt-BR'],
      ]),
      invalid: [],
      duplicates: 1,
    });
    expect(parseRecipientsCsv('lang;email\nnl;kees@example.nl\n').languages).toEqual(new Map([['kees@example.nl', 'nl']]));
  });

  test('a language cell that is no language code makes its row invalid, listed with the cell', () => {
    const csv = 'email,language\nada@example.com,German\ngrace@example.org,en\nbad,de\n';
    expect(parseRecipientsCsv(csv)).toEqual({
      addresses: ['grace@example.org'],
      languages: new Map([['grace@example.org', 'en']]),
      invalid: [
        { row: 2, value: 'German', problem: 'language' },
        { row: 4, value: 'bad' },
      ],
      duplicates: 0,
    });
  });

  test('without a header row, no column is taken for a language', () => {
    expect(parseRecipientsCsv('ada@example.com,de\n').languages).toEqual(new Map());
  });

  test('an empty file has nothing', () => {
    expect(parseRecipientsCsv('\n\n')).toEqual({ addresses: [], languages: new Map(), invalid: [], duplicates: 0 });
  });
});

describe('addImported', () => {
  test('adds after the entries, without the ones already there in any case', () => {
    expect(addImported(['ada@example.com'], ['ADA@example.com', 'grace@example.org'])).toEqual({
      entries: ['ada@example.com', 'grace@example.org'],
      added: 1,
      leftOut: 0,
    });
  });

  test('stops at MAX_RECIPIENTS and says how many did not fit', () => {
    const imported = Array.from({ length: MAX_RECIPIENTS + 5 }, (_, i) => `p${i}@example.com`);
    const result = addImported(['first@example.com'], imported);
    expect(result.entries).toHaveLength(MAX_RECIPIENTS);
    expect(result.entries[0]).toBe('first@example.com');
    expect(result).toEqual(expect.objectContaining({ added: MAX_RECIPIENTS - 1, leftOut: 6 }));
  });
});
