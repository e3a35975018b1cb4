/**
 * Picking one of the languages a page or an email speaks from what a visitor or an admin asked
 * for. Tags compare without case; a tag no language has falls back to one of the same primary
 * language (`de-AT` → `de`, `pt` or `pt-PT` → `pt-BR`).
 */
import { matchLanguage } from '../../../shared';

export { matchLanguage };

interface WeightedRange {
  range: string;
  q: number;
  order: number;
}

const Q_VALUE = /^q=(0(\.\d{0,3})?|1(\.0{0,3})?)$/i;

/** An Accept-Language header's ranges, best first; q=0 and malformed entries are left out. */
export const parseAcceptLanguage = (header: string | undefined): string[] => {
  if (!header) return [];
  const ranges: WeightedRange[] = [];
  header.split(',').forEach((entry, order) => {
    const [range = '', ...parameters] = entry.split(';').map((part) => part.trim());
    if (!/^(\*|[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*)$/.test(range)) return;
    const qParameter = parameters.find((parameter) => /^q=/i.test(parameter));
    if (qParameter !== undefined && !Q_VALUE.test(qParameter)) return;
    const q = qParameter === undefined ? 1 : Number(qParameter.slice(2));
    if (q > 0) ranges.push({ range, q, order });
  });
  return ranges.sort((a, b) => b.q - a.q || a.order - b.order).map(({ range }) => range);
};

/**
 * The language to use: an explicit choice (`?lang=`) when it names one, else the browser's first
 * preference that does (`*` takes the fallback), else the fallback.
 */
export const negotiateLanguage = <T extends string>(
  supported: readonly T[],
  fallback: T,
  { explicit, acceptLanguage }: { explicit?: unknown; acceptLanguage?: string }
): { locale: T; explicit: boolean } => {
  const chosen = typeof explicit === 'string' ? matchLanguage(supported, explicit) : undefined;
  if (chosen) return { locale: chosen, explicit: true };
  for (const range of parseAcceptLanguage(acceptLanguage)) {
    if (range === '*') return { locale: fallback, explicit: false };
    const match = matchLanguage(supported, range);
    if (match) return { locale: match, explicit: false };
  }
  return { locale: fallback, explicit: false };
};
