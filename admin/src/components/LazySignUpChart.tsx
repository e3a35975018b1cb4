import { lazy, Suspense } from 'react';
import { Loader } from '@strapi/design-system';
import { usePluginTranslation } from '../utils/translations';
import type { Invitation } from '../../../shared';

// A chunk of its own: the list page does not load the chart, and bench row 6 can weigh it.
const SignUpChartLoader = lazy(async () => ({ default: (await import('./SignUpChart')).SignUpChartLoader }));

export const LazySignUpChart = ({ invitation }: { invitation: Pick<Invitation, 'id' | 'maxUses' | 'usedCount'> }) => {
  const t = usePluginTranslation();
  return (
    <Suspense fallback={<Loader small>{t('chart.loading', 'Loading the sign-ups')}</Loader>}>
      <SignUpChartLoader invitation={invitation} />
    </Suspense>
  );
};
