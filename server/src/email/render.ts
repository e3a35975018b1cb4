/** The rendering rule lives in shared/, where the admin's live preview uses it too. */
export {
  PLACEHOLDERS,
  placeholdersIn,
  renderTemplate,
  escapeForHtml,
  type Placeholder,
  type TemplateValues,
} from '../../../shared/email-templates';
