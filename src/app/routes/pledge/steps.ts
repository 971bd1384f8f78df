/** The pledge journey, one question per page, in order. */
export const pledgeSteps = ['read', 'name', 'ward', 'message', 'email', 'check'] as const;
export type PledgeStep = (typeof pledgeSteps)[number] | 'done';

export const stepPath = (step: PledgeStep) => (step === 'read' ? '/pledge' : `/pledge/${step}`);

export function nextStep(step: PledgeStep): PledgeStep {
  const i = pledgeSteps.indexOf(step as (typeof pledgeSteps)[number]);
  return pledgeSteps[i + 1] ?? 'done';
}

export function previousStep(step: PledgeStep): PledgeStep | undefined {
  const i = pledgeSteps.indexOf(step as (typeof pledgeSteps)[number]);
  return i > 0 ? pledgeSteps[i - 1] : undefined;
}
