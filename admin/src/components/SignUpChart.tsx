import { Box, Flex, Loader, Table, Tbody, Td, Th, Thead, Tr, Typography, VisuallyHidden } from '@strapi/design-system';
import { useIntl, type IntlShape } from 'react-intl';
import { useTheme } from 'styled-components';
import { useInvitationsApi, useRequest } from '../api';
import { usePluginTranslation } from '../utils/translations';
import type { Invitation, SignUpTimeline } from '../../../shared';
import { LoadFailure } from './Notice';

// The drawing's own units; the SVG stretches to the width it is given and keeps this height.
const WIDTH = 600;
const HEIGHT = 160;

type Unit = SignUpTimeline['unit'];

const formatBucket = (intl: IntlShape, start: string, unit: Unit) =>
  unit === 'hour'
    ? intl.formatDate(start, { dateStyle: 'medium', timeStyle: 'short' })
    : intl.formatDate(start, { dateStyle: 'medium' });

const cumulativeCounts = (buckets: SignUpTimeline['buckets']) => {
  let total = 0;
  return buckets.map(({ count }) => (total += count));
};

/** The points of the running total, each at the end of its bucket, from 0 at the bottom to `top` at the top. */
const cumulativePath = (cumulative: number[], top: number) => {
  const step = WIDTH / cumulative.length;
  const y = (value: number) => HEIGHT - (value / top) * HEIGHT;
  return [`M0,${HEIGHT}`, ...cumulative.map((value, index) => `L${(index + 1) * step},${y(value)}`)].join(' ');
};

const useSummary = (timeline: SignUpTimeline) => {
  const intl = useIntl();
  const t = usePluginTranslation();
  const total = timeline.buckets.reduce((sum, { count }) => sum + count, 0);
  const accepted = timeline.buckets.reduce((sum, bucket) => sum + bucket.accepted, 0);
  const busiest = timeline.buckets.reduce((best, bucket) => (bucket.count > best.count ? bucket : best), timeline.buckets[0]);
  const seats = t(
    'chart.summary',
    '{total, plural, one {# sign-up} other {# sign-ups}} out of {seats, plural, one {# seat} other {# seats}}.',
    {
      total,
      seats: timeline.maxUses,
    }
  );
  if (total === 0) return { total, text: seats };
  const byMembers =
    accepted > 0
      ? ` ${t(
          'chart.summary.accepted',
          '{accepted, plural, one {# of them by an existing account.} other {# of them by existing accounts.}}',
          { accepted }
        )}`
      : '';
  const peak = t(
    'chart.summary.busiest',
    '{unit, select, hour {Busiest hour} week {Busiest week} other {Busiest day}}: {when} ({count}).',
    {
      unit: timeline.unit,
      when: formatBucket(intl, busiest.start, timeline.unit),
      count: busiest.count,
    }
  );
  return { total, text: `${seats}${byMembers} ${peak}` };
};

/** The numbers behind the drawing, for screen readers. */
const ChartTable = ({ timeline, cumulative }: { timeline: SignUpTimeline; cumulative: number[] }) => {
  const intl = useIntl();
  const t = usePluginTranslation();
  return (
    <VisuallyHidden>
      <Table colCount={4} rowCount={timeline.buckets.length + 1}>
        <Thead>
          <Tr>
            <Th>{t('chart.table.period', 'Period')}</Th>
            <Th>{t('chart.table.signUps', 'Sign-ups')}</Th>
            <Th>{t('chart.table.accepted', 'Of which existing accounts')}</Th>
            <Th>{t('chart.table.total', 'Total so far')}</Th>
          </Tr>
        </Thead>
        <Tbody>
          {timeline.buckets.map((bucket, index) => (
            <Tr key={bucket.start}>
              <Td>{formatBucket(intl, bucket.start, timeline.unit)}</Td>
              <Td>{bucket.count}</Td>
              <Td>{bucket.accepted}</Td>
              <Td>{cumulative[index]}</Td>
            </Tr>
          ))}
        </Tbody>
      </Table>
    </VisuallyHidden>
  );
};

const LegendItem = ({ color, dashed, children }: { color: string; dashed?: boolean; children: string }) => (
  <Flex gap={2} alignItems="center">
    <svg width="16" height="8" aria-hidden="true">
      <line
        x1="0"
        y1="4"
        x2="16"
        y2="4"
        stroke={color}
        strokeWidth={dashed ? 2 : 4}
        strokeDasharray={dashed ? '4 3' : undefined}
      />
    </svg>
    <Typography variant="pi" textColor="neutral600">
      {children}
    </Typography>
  </Flex>
);

/**
 * Sign-ups per hour, day or week as bars, and the running total as a line against the seats (the
 * top of the drawing is the link's limit). Colours come from the admin's theme, light or dark.
 */
export const SignUpChart = ({ timeline }: { timeline: SignUpTimeline }) => {
  const intl = useIntl();
  const t = usePluginTranslation();
  const { colors } = useTheme();
  const summary = useSummary(timeline);
  const { buckets } = timeline;

  if (summary.total === 0 || buckets.length === 0) {
    return <Typography textColor="neutral600">{`${t('chart.empty', 'No sign-up yet.')} ${summary.text}`}</Typography>;
  }
  const cumulative = cumulativeCounts(buckets);
  const busiestCount = Math.max(...buckets.map(({ count }) => count));
  const step = WIDTH / buckets.length;
  // Thin enough to read as bars when a young link has one or two buckets; at least a hairline for years of days.
  const barWidth = Math.min(Math.max(step * 0.7, 0.5), 24);
  // The top of the drawing: the seats, unless the limit was lowered below the accounts already made.
  const top = Math.max(timeline.maxUses, cumulative[cumulative.length - 1]);
  const seatsY = Math.max(HEIGHT - (timeline.maxUses / top) * HEIGHT, 1);
  const totalY = HEIGHT - (cumulative[cumulative.length - 1] / top) * HEIGHT;
  const firstLabel = formatBucket(intl, buckets[0].start, timeline.unit);
  const lastLabel = formatBucket(intl, buckets[buckets.length - 1].start, timeline.unit);

  return (
    <Flex direction="column" alignItems="stretch" gap={2} data-chart="sign-ups">
      <Typography>{summary.text}</Typography>
      <Box borderColor="neutral150" borderStyle="solid" borderWidth="0 0 1px 0" style={{ height: '16rem' }}>
        <svg
          role="img"
          aria-label={summary.text}
          viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
          preserveAspectRatio="none"
          width="100%"
          height="100%"
          style={{ display: 'block', overflow: 'hidden' }}
        >
          {buckets.map((bucket, index) => {
            const height = (bucket.count / busiestCount) * HEIGHT * 0.9;
            return (
              <rect
                key={bucket.start}
                x={index * step + (step - barWidth) / 2}
                y={HEIGHT - height}
                width={barWidth}
                height={height}
                fill={colors.primary200}
              />
            );
          })}
          <line
            x1="0"
            y1={seatsY}
            x2={WIDTH}
            y2={seatsY}
            stroke={colors.danger500}
            strokeWidth="2"
            strokeDasharray="6 4"
            vectorEffect="non-scaling-stroke"
          />
          {buckets.length === 1 ? (
            // One bucket has no course to draw: the running total is a dot above its one bar (a
            // line of no length with round ends, which stays round in a stretched drawing).
            <path
              d={`M${WIDTH / 2},${totalY} L${WIDTH / 2},${totalY}`}
              fill="none"
              stroke={colors.primary600}
              strokeWidth="8"
              strokeLinecap="round"
              vectorEffect="non-scaling-stroke"
            />
          ) : (
            <path
              d={cumulativePath(cumulative, top)}
              fill="none"
              stroke={colors.primary600}
              strokeWidth="2"
              vectorEffect="non-scaling-stroke"
            />
          )}
        </svg>
      </Box>
      <Flex justifyContent="space-between" gap={4} wrap="wrap">
        <Typography variant="pi" textColor="neutral600">
          {firstLabel}
        </Typography>
        <Flex gap={4} wrap="wrap">
          <LegendItem color={colors.primary200}>
            {t(
              'chart.legend.perUnit',
              '{unit, select, hour {Sign-ups per hour} week {Sign-ups per week} other {Sign-ups per day}} (busiest: {count})',
              {
                unit: timeline.unit,
                count: busiestCount,
              }
            )}
          </LegendItem>
          <LegendItem color={colors.primary600}>{t('chart.legend.total', 'Total sign-ups')}</LegendItem>
          <LegendItem color={colors.danger500} dashed>
            {t('chart.legend.seats', 'Seats ({seats})', { seats: timeline.maxUses })}
          </LegendItem>
        </Flex>
        {/* One bucket, or buckets that read the same: one label, never the same date twice. */}
        {lastLabel !== firstLabel && (
          <Typography variant="pi" textColor="neutral600">
            {lastLabel}
          </Typography>
        )}
      </Flex>
      <ChartTable timeline={timeline} cumulative={cumulative} />
    </Flex>
  );
};

/** The chart of one link, from `GET …/:id/timeline`. */
export const SignUpChartLoader = ({ invitation }: { invitation: Pick<Invitation, 'id' | 'maxUses' | 'usedCount'> }) => {
  const t = usePluginTranslation();
  const api = useInvitationsApi();
  // Drawn again when the page's numbers change (a new limit, a sign-up seen on reload).
  const request = useRequest(() => api.timeline(invitation.id), [api, invitation.id, invitation.maxUses, invitation.usedCount]);
  if (request.error) return <LoadFailure request={request} />;
  if (!request.data) return <Loader small>{t('chart.loading', 'Loading the sign-ups')}</Loader>;
  return <SignUpChart timeline={request.data} />;
};
