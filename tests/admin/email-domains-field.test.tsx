import { useState } from 'react';
import { fireEvent, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { EmailDomainsField } from '../../admin/src/components/EmailDomainsField';
import { renderInAdmin } from './render';

/** The field with its chips kept in state, as the dialog keeps them; `changes` records each list. */
const renderField = (initial: string[] = [], locale: 'en' | 'fr' = 'en') => {
  const changes: string[][] = [];
  const Harness = () => {
    const [entries, setEntries] = useState(initial);
    return (
      <EmailDomainsField
        entries={entries}
        onChange={(next) => {
          changes.push(next);
          setEntries(next);
        }}
      />
    );
  };
  renderInAdmin(<Harness />, locale);
  return { changes, input: screen.getByRole('textbox') as HTMLInputElement };
};

const chips = () => screen.queryAllByRole('listitem').map((item) => item.textContent);

test('a typed domain becomes a chip, lower-cased, when a comma, a space or Enter ends it', async () => {
  const { input, changes } = renderField();
  await userEvent.type(input, 'Example.COM,*.example.org ');
  await userEvent.type(input, 'b.example{Enter}');
  expect(chips()).toEqual(['example.com', '*.example.org', 'b.example']);
  expect(changes.at(-1)).toEqual(['example.com', '*.example.org', 'b.example']);
  expect(input.value).toBe('');
  expect(screen.queryAllByRole('listitem').filter((item) => item.getAttribute('data-invalid'))).toHaveLength(0);
});

test('an entry that is not a domain is marked as typed, and can be removed', async () => {
  const { input } = renderField();
  await userEvent.type(input, 'a@example.com *.*.x.com example.com ');
  expect(chips()).toEqual(['a@example.com (invalid)', '*.*.x.com (invalid)', 'example.com']);
  const invalid = screen.getAllByRole('listitem').filter((item) => item.getAttribute('data-invalid') === 'true');
  expect(invalid.map((item) => item.textContent)).toEqual(['a@example.com (invalid)', '*.*.x.com (invalid)']);

  await userEvent.click(screen.getByRole('button', { name: 'Remove a@example.com (not a valid domain)' }));
  await userEvent.click(screen.getByRole('button', { name: 'Remove example.com' }));
  expect(chips()).toEqual(['*.*.x.com (invalid)']);
});

test('a domain given twice, in any case, is kept once; a pasted list is split', () => {
  const { input, changes } = renderField(['example.com']);
  fireEvent.paste(input, { clipboardData: { getData: () => 'EXAMPLE.com\n*.example.org; example.com, *.Example.ORG' } });
  expect(chips()).toEqual(['example.com', '*.example.org']);
  expect(changes).toEqual([['example.com', '*.example.org']]);
});

test('Backspace in the empty box removes the last chip; a chip left typed is added on leaving the box', async () => {
  const { input } = renderField(['example.com', 'example.org']);
  await userEvent.type(input, '{Backspace}');
  expect(chips()).toEqual(['example.com']);
  await userEvent.type(input, 'example.net');
  await userEvent.tab();
  expect(chips()).toEqual(['example.com', 'example.net']);
});

test('its hint says what example.com and *.example.com allow, in French too', () => {
  renderField([], 'fr');
  expect(screen.getByText('Domaines e-mail autorisés')).toBeTruthy();
  expect(
    screen.getByText(/\*\.example\.com accepte ses sous-domaines \(a\.example\.com\), mais pas example\.com lui-même/)
  ).toBeTruthy();
});
