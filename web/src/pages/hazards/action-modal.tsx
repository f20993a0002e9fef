import { useQueryClient } from '@tanstack/react-query';
import type { HazardActionForm, HazardDetail } from '@tiegui/domain';
import { WorkflowActionModal } from '../../components/workflow-action-modal';
import { hazardKey } from './hazard-api';

type Props = { hazard: HazardDetail; action: HazardActionForm; onClose: () => void };

/** One transition of the loop: the form is the one the server sent with the action. */
export function ActionModal({ hazard, action, onClose }: Props) {
  const queryClient = useQueryClient();
  return (
    <WorkflowActionModal<HazardDetail>
      label={action.label}
      url={`/hazards/${hazard.id}/actions/${action.action}`}
      form={action.form}
      width={640}
      testId={`action-modal-${action.action}`}
      onClose={onClose}
      onSaved={(saved) => {
        queryClient.setQueryData(hazardKey(saved.id), saved);
        void queryClient.invalidateQueries({ queryKey: ['hazards'] });
        onClose();
      }}
    />
  );
}
