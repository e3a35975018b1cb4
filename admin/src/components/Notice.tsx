import { Box, Button, Flex, Typography } from '@strapi/design-system';
import { useFailureText } from '../utils/failure';
import { usePluginTranslation } from '../utils/translations';

type Variant = 'warning' | 'danger' | 'success';

interface Props {
  variant: Variant;
  children: React.ReactNode;
  /** A button beside the message, such as "Retry". */
  action?: React.ReactNode;
}

/** A short message in the flow of a dialog (the design system's Alert always offers to close). */
export const Notice = ({ variant, children, action }: Props) => (
  <Box
    background={`${variant}100`}
    borderColor={`${variant}200`}
    borderStyle="solid"
    borderWidth="1px"
    hasRadius
    padding={3}
    role={variant === 'danger' ? 'alert' : 'status'}
    data-notice={variant}
  >
    {action ? (
      <Flex gap={3} justifyContent="space-between" alignItems="center">
        <Typography textColor={`${variant}700`}>{children}</Typography>
        {action}
      </Flex>
    ) : (
      <Typography textColor={`${variant}700`}>{children}</Typography>
    )}
  </Box>
);

interface LoadFailureProps {
  /** The request that failed, as `useRequest` returns it. */
  request: { error: unknown; isLoading: boolean; reload: () => void };
  /** The sentence around the reason; the reason alone when left out. */
  message?: (reason: string) => string;
}

/** What could not be loaded, why, and a button to try again. */
export const LoadFailure = ({ request, message = (reason) => reason }: LoadFailureProps) => {
  const t = usePluginTranslation();
  const failureText = useFailureText();
  return (
    <Notice
      variant="danger"
      action={
        <Button variant="secondary" size="S" onClick={request.reload} loading={request.isLoading}>
          {t('actions.retry', 'Retry')}
        </Button>
      }
    >
      {message(failureText(request.error))}
    </Notice>
  );
};
