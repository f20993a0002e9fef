export type { ActionTarget } from './use-workflow-action';
export { WorkflowActions } from './workflow-actions';
