import { Field } from '@strapi/design-system';

interface Props {
  name: string;
  label: string;
  hint?: string;
  error?: string;
  required?: boolean;
  children: React.ReactNode;
}

/** A labelled input with its hint and error, as every field of the plugin's dialogs shows them. */
export const FormField = ({ name, label, hint, error, required, children }: Props) => (
  <Field.Root name={name} hint={hint} error={error} required={required}>
    <Field.Label>{label}</Field.Label>
    {children}
    <Field.Hint />
    <Field.Error />
  </Field.Root>
);
