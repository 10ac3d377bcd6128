import { type GetGuidanceResponse, type GuidanceStep, GuidanceStepKind } from '@welkom/contracts/generated/welkom/rvo/v1/point_of_entry';
import type { GuidanceStep as Step } from './guidance.policy';
import type { GuidanceAnswer } from './guidance.service';

const EMPTY: GuidanceStep = {
  kind: GuidanceStepKind.GUIDANCE_STEP_KIND_UNSPECIFIED,
  required: false,
  why: '',
  deadlines: [],
  evidenceType: '',
  issuer: '',
  alreadyVerified: false,
  preview: undefined,
  statutoryDays: 0,
};

function toStep(step: Step): GuidanceStep {
  switch (step.kind) {
    case 'MVV':
      return {
        ...EMPTY,
        kind: GuidanceStepKind.GUIDANCE_STEP_KIND_MVV,
        required: step.required,
        why: step.why,
        deadlines: [...step.deadlines],
      };
    case 'TWV':
      return { ...EMPTY, kind: GuidanceStepKind.GUIDANCE_STEP_KIND_TWV, required: step.required, why: step.why };
    case 'EVIDENCE':
      return {
        ...EMPTY,
        kind: GuidanceStepKind.GUIDANCE_STEP_KIND_EVIDENCE,
        required: true,
        why: step.preview.why,
        evidenceType: step.evidenceType,
        issuer: step.issuer,
        alreadyVerified: step.alreadyVerified,
        preview: { ...step.preview, fields: [...step.preview.fields] },
      };
    case 'DECISION':
      return { ...EMPTY, kind: GuidanceStepKind.GUIDANCE_STEP_KIND_DECISION, why: step.why, statutoryDays: step.statutoryDays };
  }
}

export function toGuidanceResponse(answer: GuidanceAnswer): GetGuidanceResponse {
  return {
    steps: answer.steps.map(toStep),
    guidanceVersion: answer.guidanceVersion,
    decisionPeriodVersion: answer.decisionPeriodVersion,
    on: answer.on,
  };
}
