import { oldEnough, signupAgeBands, type SignupAgeBand } from '../../../core/panels/answers';

/**
 * The panel sign-up journey, one question per page. The age band comes right after the panels so that no
 * contact question is ever asked of someone the panels are not for (under 13: never); the equality
 * questions follow only if the resident chose to answer them. Pure: unit tested.
 */
export const signupSteps = [
  'choose',
  'age',
  'too-young',
  'name',
  'contact',
  'language',
  'access',
  'equality',
  'gender',
  'ethnicity',
  'disability',
  'ward',
  'religion',
  'check',
] as const;
export type SignupStep = (typeof signupSteps)[number] | 'done';

export interface JourneyFacts {
  ageBand: string;
  /** The minimum ages of the panels chosen. */
  minAges: readonly number[];
  /** The resident chose to answer the equality questions. */
  equalityConsent: boolean;
}

const isBand = (s: string): s is SignupAgeBand => (signupAgeBands as readonly string[]).includes(s);

/** Whether any chosen panel is for this age band (false until a band is chosen). */
export function anyPanelFor(facts: Pick<JourneyFacts, 'ageBand' | 'minAges'>): boolean {
  const band = facts.ageBand;
  return isBand(band) && band !== 'under-13' && facts.minAges.some((m) => oldEnough(band, m));
}

/** The steps this resident goes through, in order. */
export function journeySteps(facts: JourneyFacts): SignupStep[] {
  const start: SignupStep[] = ['choose', 'age'];
  if (facts.ageBand !== '' && !anyPanelFor(facts)) return [...start, 'too-young'];
  const steps: SignupStep[] = [...start, 'name', 'contact', 'language', 'access', 'equality'];
  if (facts.equalityConsent) steps.push('gender', 'ethnicity', 'disability', 'ward', 'religion');
  steps.push('check');
  return steps;
}

export function nextStep(step: SignupStep, facts: JourneyFacts): SignupStep {
  const steps = journeySteps(facts);
  const i = steps.indexOf(step);
  return i < 0 ? 'choose' : (steps[i + 1] ?? 'done');
}

export function previousStep(step: SignupStep, facts: JourneyFacts): SignupStep | undefined {
  const steps = journeySteps(facts);
  const i = steps.indexOf(step);
  return i > 0 ? steps[i - 1] : undefined;
}

/** Whether a step may be shown now (a reload or a typed address must not skip the age question). */
export function reachable(step: SignupStep, facts: JourneyFacts, chosenPanels: number): boolean {
  if (step === 'choose' || step === 'done') return true;
  if (chosenPanels === 0) return false;
  if (step === 'age') return true;
  return facts.ageBand !== '' && journeySteps(facts).includes(step);
}

export const JOIN = '/panels/join';
export const stepPath = (step: SignupStep) => (step === 'choose' ? JOIN : `${JOIN}/${step}`);

/** The step a path under /panels/join names, or undefined. */
export function stepOfPath(path: string): SignupStep | undefined {
  const p = path.replace(/\/$/, '');
  if (p === JOIN) return 'choose';
  const step = p.startsWith(`${JOIN}/`) ? p.slice(JOIN.length + 1) : '';
  return step === 'done' || (signupSteps as readonly string[]).includes(step) ? (step as SignupStep) : undefined;
}
