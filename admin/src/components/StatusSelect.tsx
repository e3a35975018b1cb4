import { SingleSelect, SingleSelectOption } from '@strapi/design-system';

/** The value of the first entry, which shows every status. */
const ALL = 'all';

interface Props<S extends string> {
  /** The statuses to choose from, in this order, after the entry for all of them. */
  statuses: readonly S[];
  /** The words of each status. */
  labels: Record<S, string>;
  /** The words of the entry for all statuses. */
  allLabel: string;
  /** The accessible name of the select, and its placeholder. */
  label: string;
  /** The status chosen; undefined: all of them. */
  value: S | undefined;
  onChange: (status: S | undefined) => void;
  size?: React.ComponentProps<typeof SingleSelect>['size'];
}

/**
 * A select of one status or all of them. Where the choice is kept (the page's state, the URL) is
 * the caller's business.
 */
export const StatusSelect = <S extends string>({ statuses, labels, allLabel, label, value, onChange, size }: Props<S>) => (
  <SingleSelect
    aria-label={label}
    placeholder={label}
    size={size}
    value={value ?? ALL}
    onChange={(next) => onChange(statuses.find((status) => status === next))}
  >
    <SingleSelectOption value={ALL}>{allLabel}</SingleSelectOption>
    {statuses.map((status) => (
      <SingleSelectOption key={status} value={status}>
        {labels[status]}
      </SingleSelectOption>
    ))}
  </SingleSelect>
);
