import { z } from 'zod';
import { type ActionOf, defineWorkflow } from './workflow';

/**
 * 签收: each recipient org signs a notice off once, for the org. The record is the org's delivery
 * of the notice; forwarding a notice signs it off too.
 */
export const DELIVERY_STATES = { unsigned: '未签收', signed: '已签收' } as const;
export type DeliveryState = keyof typeof DELIVERY_STATES;

export const NOTICE_SIGN_OFF_WORKFLOW = defineWorkflow<DeliveryState, 'recipient', never, never, null>()({
  record: '通知',
  states: DELIVERY_STATES,
  parties: { recipient: '接收单位' },
  guards: {},
  actions: {
    signOff: {
      label: '签收',
      from: ['unsigned'],
      to: 'signed',
      who: [{ party: 'recipient', permission: 'notice.read' }],
      evidence: z.strictObject({}),
    },
  },
  stateConflicts: { signOff: { signed: '本单位已签收该通知' } },
});
export type NoticeSignOffAction = ActionOf<typeof NOTICE_SIGN_OFF_WORKFLOW>;
