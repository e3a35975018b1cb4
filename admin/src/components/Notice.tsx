import { Box, Flex, Typography } from '@strapi/design-system';

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
