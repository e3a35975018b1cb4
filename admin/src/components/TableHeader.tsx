import { Th, Thead, Tr, Typography } from '@strapi/design-system';

/** The header row of a plain table: one column title per label. */
export const TableHeader = ({ labels }: { labels: string[] }) => (
  <Thead>
    <Tr>
      {labels.map((label) => (
        <Th key={label}>
          <Typography variant="sigma">{label}</Typography>
        </Th>
      ))}
    </Tr>
  </Thead>
);
