import { Box, Flex, Grid, Link, Typography } from '@strapi/design-system';
import { Widget } from '@strapi/strapi/admin';
import { useIntl } from 'react-intl';
import { Link as RouterLink } from 'react-router-dom';
import { PLUGIN_ID } from '../../../shared';
import { useInvitationsApi, useRequest } from '../api';
import { formatInstant } from '../utils/format';
import { usePluginTranslation } from '../utils/translations';
import type { InvitationsSummary } from '../../../shared';

const Figure = ({ label, value, note }: { label: string; value: number; note?: string }) => (
  <Grid.Item col={4} direction="column" alignItems="flex-start" gap={1}>
    <Typography variant="beta" tag="p">
      {value}
    </Typography>
    <Typography variant="pi" textColor="neutral600">
      {label}
    </Typography>
    {note && (
      <Typography variant="pi" textColor="neutral500">
        {note}
      </Typography>
    )}
  </Grid.Item>
);

const ExpiringSoon = ({ expiringSoon }: { expiringSoon: InvitationsSummary['expiringSoon'] }) => {
  const intl = useIntl();
  const t = usePluginTranslation();
  if (expiringSoon.count === 0) {
    return <Typography textColor="neutral600">{t('widget.expiring.none', 'No active link expires within 7 days.')}</Typography>;
  }
  return (
    <Flex direction="column" alignItems="stretch" gap={2}>
      <Typography variant="sigma" textColor="neutral600" tag="h3">
        {t('widget.expiring', '{count, plural, one {# link expires within 7 days} other {# links expire within 7 days}}', {
          count: expiringSoon.count,
        })}
      </Typography>
      <Box tag="ul">
        {expiringSoon.links.map((link) => (
          <Flex tag="li" key={link.id} justifyContent="space-between" gap={2} paddingBottom={1}>
            <Link tag={RouterLink} to={`/plugins/${PLUGIN_ID}/${link.id}`}>
              {link.name}
            </Link>
            <Typography variant="pi" textColor="neutral600">
              {t('widget.expiring.when', '{date}, {remaining, plural, one {# seat left} other {# seats left}}', {
                date: formatInstant(intl, link.expiresAt),
                remaining: link.remaining,
              })}
            </Typography>
          </Flex>
        ))}
      </Box>
    </Flex>
  );
};

/** How many requests for access wait, linking to them; nothing when the admin may not review them or the feature is off. */
const PendingRequests = ({ count }: { count: number | null }) => {
  const t = usePluginTranslation();
  if (count === null) return null;
  return (
    <Link tag={RouterLink} to={`/plugins/${PLUGIN_ID}/requests`}>
      {t(
        'widget.pendingRequests',
        '{count, plural, =0 {No access request waiting} one {# access request waiting} other {# access requests waiting}}',
        { count }
      )}
    </Link>
  );
};

/** The homepage widget: the plugin at a glance, from `GET /invitations/summary`. */
export const InvitationsWidget = () => {
  const t = usePluginTranslation();
  const api = useInvitationsApi();
  const { data: summary, error, isLoading } = useRequest(() => api.summary(), [api]);
  if (error) return <Widget.Error>{t('widget.error', 'The invitations could not be loaded.')}</Widget.Error>;
  if (isLoading || !summary) return <Widget.Loading />;
  /** Under a count of sign-ups: how many of them were existing accounts accepting a link, if any. */
  const acceptedNote = (accepts: number) =>
    accepts > 0
      ? t('widget.accepted', '{count, plural, one {incl. # existing account} other {incl. # existing accounts}}', {
          count: accepts,
        })
      : undefined;
  if (summary.activeLinks === 0 && summary.signUpsLast30Days === 0 && !summary.pendingAccessRequests) {
    return <Widget.NoData>{t('widget.empty', 'No active invitation link and no sign-up in the last 30 days.')}</Widget.NoData>;
  }
  return (
    <Flex direction="column" alignItems="stretch" gap={4}>
      <Grid.Root gap={3}>
        <Figure label={t('widget.activeLinks', 'Active links')} value={summary.activeLinks} />
        <Figure
          label={t('widget.signUps7', 'Sign-ups, last 7 days')}
          value={summary.signUpsLast7Days}
          note={acceptedNote(summary.acceptsLast7Days)}
        />
        <Figure
          label={t('widget.signUps30', 'Sign-ups, last 30 days')}
          value={summary.signUpsLast30Days}
          note={acceptedNote(summary.acceptsLast30Days)}
        />
      </Grid.Root>
      <PendingRequests count={summary.pendingAccessRequests} />
      <ExpiringSoon expiringSoon={summary.expiringSoon} />
    </Flex>
  );
};
