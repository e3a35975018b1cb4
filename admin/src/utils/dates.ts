/** The admin's time zone, as the browser knows it. */
export const adminTimeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

/**
 * The instant a link picked for `day` stops working: the end of that day in the admin's time zone,
 * or the given "HH:mm" time that day.
 */
export const expiryInstant = (day: Date, time?: string | null): Date => {
  const instant = new Date(day.getFullYear(), day.getMonth(), day.getDate(), 23, 59, 59, 999);
  if (time) {
    const [hours, minutes] = time.split(':').map(Number);
    instant.setHours(hours, minutes, 0, 0);
  }
  return instant;
};

/** "HH:mm" of an instant in the admin's time zone, unless it is the end of a day. */
export const timeOfDay = (instant: Date): string | undefined => {
  if (instant.getHours() === 23 && instant.getMinutes() === 59 && instant.getSeconds() === 59) return undefined;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(instant.getHours())}:${pad(instant.getMinutes())}`;
};

export const startOfToday = () => {
  const now = new Date();
  return new Date(now.getFullYear(), now.getMonth(), now.getDate());
};

/**
 * What the design system's DatePicker takes as `value` and `minDate`: it reads them as calendar
 * dates in UTC, while its onChange gives local midnight. Passing the local day at UTC midnight keeps
 * the day shown the day picked, in every time zone.
 */
export const toCalendarValue = (day: Date) => new Date(Date.UTC(day.getFullYear(), day.getMonth(), day.getDate()));
