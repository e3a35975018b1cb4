import { Box, Typography } from '@strapi/design-system';

type Variant = 'warning' | 'danger' | 'success';

/** A short message in the flow of a dialog (the design system's Alert always offers to close). */
export const Notice = ({ variant, children }: { variant: Variant; children: React.ReactNode }) => (
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
    <Typography textColor={`${variant}700`}>{children}</Typography>
  </Box>
);
