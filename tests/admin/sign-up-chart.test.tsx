import { screen, within } from '@testing-library/react';
import { SignUpChart } from '../../admin/src/components/SignUpChart';
import { renderInAdmin } from './render';
import type { SignUpTimeline } from '../../shared';

jest.mock('@strapi/strapi/admin', () => jest.requireActual('./strapi-admin').strapiAdmin());

// Noon UTC: the same calendar day in any time zone the tests run in.
const day = (date: string, count: number, accepted = 0) => ({ start: `${date}T12:00:00.000Z`, count, accepted });

const TIMELINE: SignUpTimeline = {
  unit: 'day',
  buckets: [day('2026-03-01', 2), day('2026-03-02', 0), day('2026-03-03', 7), day('2026-03-04', 3)],
  maxUses: 50,
  usedCount: 12,
};

test('the drawing is an image named by its summary: sign-ups against seats and the busiest day', () => {
  renderInAdmin(<SignUpChart timeline={TIMELINE} />);
  const chart = screen.getByRole('img');
  expect(chart.getAttribute('aria-label')).toBe('12 sign-ups out of 50 seats. Busiest day: Mar 3, 2026 (7).');
  // One bar per day, a line for the running total, a line for the seats.
  expect(chart.querySelectorAll('rect')).toHaveLength(4);
  expect(chart.querySelector('path')?.getAttribute('d')).toBe('M0,160 L150,153.6 L300,153.6 L450,131.2 L600,121.6');
});

test('a table gives screen readers every day with its running total', () => {
  renderInAdmin(<SignUpChart timeline={TIMELINE} />);
  const rows = within(screen.getByRole('grid')).getAllByRole('row');
  expect(rows.map((row) => row.textContent)).toEqual([
    'PeriodSign-upsOf which existing accountsTotal so far',
    'Mar 1, 2026202',
    'Mar 2, 2026002',
    'Mar 3, 2026709',
    'Mar 4, 20263012',
  ]);
});

test('accepts by existing accounts are counted in the summary and in the table', () => {
  const withAccepts = { ...TIMELINE, buckets: [day('2026-03-01', 2, 1), day('2026-03-02', 0), day('2026-03-03', 7, 2)] };
  renderInAdmin(<SignUpChart timeline={{ ...withAccepts, usedCount: 9 }} />);
  expect(screen.getByRole('img').getAttribute('aria-label')).toBe(
    '9 sign-ups out of 50 seats. 3 of them by existing accounts. Busiest day: Mar 3, 2026 (7).'
  );
  const rows = within(screen.getByRole('grid')).getAllByRole('row');
  expect(rows[1].textContent).toBe('Mar 1, 2026212');
});

test('hours for a young link, in the summary too; in French', () => {
  const hours: SignUpTimeline = {
    unit: 'hour',
    buckets: [
      { start: '2026-03-01T09:00:00.000Z', count: 1, accepted: 0 },
      { start: '2026-03-01T10:00:00.000Z', count: 4, accepted: 0 },
    ],
    maxUses: 10,
    usedCount: 5,
  };
  renderInAdmin(<SignUpChart timeline={hours} />, 'fr');
  expect(screen.getByRole('img').getAttribute('aria-label')).toMatch(
    /^5 inscriptions sur 10 places\. Heure la plus active : 1 mars 2026.*\(4\)\.$/
  );
});

test('a link nobody used yet: a sentence, no empty drawing', () => {
  renderInAdmin(
    <SignUpChart timeline={{ ...TIMELINE, buckets: TIMELINE.buckets.map((b) => ({ ...b, count: 0 })), usedCount: 0 }} />
  );
  expect(screen.getByText('No sign-up yet. 0 sign-ups out of 50 seats.')).toBeTruthy();
  expect(screen.queryByRole('img')).toBeNull();
});

test('one seat and one sign-up: both in the singular, in English and in French', () => {
  const one: SignUpTimeline = { unit: 'day', buckets: [day('2026-03-01', 1)], maxUses: 1, usedCount: 1 };
  const { unmount } = renderInAdmin(<SignUpChart timeline={one} />);
  expect(screen.getByRole('img').getAttribute('aria-label')).toBe('1 sign-up out of 1 seat. Busiest day: Mar 1, 2026 (1).');
  unmount();
  renderInAdmin(<SignUpChart timeline={one} />, 'fr');
  expect(screen.getByRole('img').getAttribute('aria-label')).toMatch(/^1 inscription sur 1 place\. /);
});

test('a link with one day of sign-ups: one bar, a dot for the total, one date under the drawing', () => {
  renderInAdmin(<SignUpChart timeline={{ unit: 'day', buckets: [day('2026-03-03', 4)], maxUses: 10, usedCount: 4 }} />);
  const chart = screen.getByRole('img');
  expect(chart.querySelectorAll('rect')).toHaveLength(1);
  // The running total is no line across the whole width: every point of its path is at the bar's middle.
  const d = chart.querySelector('path')?.getAttribute('d') ?? '';
  const xs = [...d.matchAll(/[ML](-?[\d.]+),/g)].map(([, x]) => Number(x));
  expect(new Set(xs)).toEqual(new Set([300]));
  // The date once under the drawing (the screen readers' table has it too).
  expect(screen.getAllByText('Mar 3, 2026').filter((element) => !element.closest('table'))).toHaveLength(1);
});
