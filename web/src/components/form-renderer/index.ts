export { AttachmentsInput, fileUrl } from './attachments-input';
export { checkForm, clearFormErrors, showProblems, showServerErrors } from './form-checks';
export { FormRenderer } from './form-renderer';
export { FormView } from './form-view';
