import { describe, expect, it } from 'vitest';
import { lutonProfile } from '../../src/core/profile/luton';
import { emptyDraft, signupData, stepErrors, type SignupDraft } from '../../src/app/routes/panels/draft';
import { journeySteps, nextStep, previousStep, reachable, stepOfPath, stepPath } from '../../src/app/routes/panels/steps';

const PANEL = '01900000-0000-7000-8000-0000000000a1';
const facts = (ageBand: string, minAges: number[] = [16], equalityConsent = false) => ({ ageBand, minAges, equalityConsent });

describe('the sign-up journey', () => {
  it('asks the age right after the panels, then name, contact, language, access, equality, check', () => {
    expect(journeySteps(facts('25-34'))).toEqual(['choose', 'age', 'name', 'contact', 'language', 'access', 'equality', 'check']);
    expect(journeySteps(facts('25-34', [16], true))).toEqual([
      'choose', 'age', 'name', 'contact', 'language', 'access', 'equality', 'gender', 'ethnicity', 'disability', 'ward', 'religion', 'check',
    ]);
    expect(nextStep('equality', facts('25-34', [16], false))).toBe('check');
    expect(nextStep('equality', facts('25-34', [16], true))).toBe('gender');
    expect(previousStep('check', facts('25-34', [16], true))).toBe('religion');
    expect(nextStep('check', facts('25-34'))).toBe('done');
  });

  it('never reaches a contact question under 13, nor below every chosen panel\'s minimum age', () => {
    expect(journeySteps(facts('under-13', [13]))).toEqual(['choose', 'age', 'too-young']);
    expect(nextStep('age', facts('under-13', [13]))).toBe('too-young');
    expect(journeySteps(facts('16-17', [18, 25]))).toEqual(['choose', 'age', 'too-young']);
    expect(reachable('contact', facts('under-13', [13]), 1)).toBe(false);
    expect(reachable('name', facts('', [16]), 1)).toBe(false);
    // One panel fits: the journey goes on (the others are taken off the choice on the age page).
    expect(nextStep('age', facts('16-17', [18, 16]))).toBe('name');
  });

  it('a typed address cannot skip the panels or the age question', () => {
    expect(reachable('age', facts(''), 0)).toBe(false);
    expect(reachable('age', facts(''), 1)).toBe(true);
    expect(reachable('check', facts('25-34'), 1)).toBe(true);
    expect(reachable('gender', facts('25-34', [16], false), 1)).toBe(false);
  });

  it('maps paths to steps and back', () => {
    expect(stepPath('choose')).toBe('/panels/join');
    expect(stepOfPath('/panels/join')).toBe('choose');
    expect(stepOfPath('/panels/join/contact/')).toBe('contact');
    expect(stepOfPath('/panels/join/done')).toBe('done');
    expect(stepOfPath('/panels/join/nope')).toBeUndefined();
  });
});

describe('the draft', () => {
  const draft = (over: Partial<SignupDraft>): SignupDraft => ({ ...emptyDraft(), panels: [PANEL], ...over });

  it('under 13 sends nothing but the panels and the age band, whatever was typed', () => {
    expect(signupData(draft({ ageBand: 'under-13', name: 'Kid', email: 'kid@example.org', equality: 'answer', gender: 'man' }))).toEqual({ panels: [PANEL], ageBand: 'under-13' });
  });

  it('leaves the equality answers out unless the resident chose to answer, and drops stale own words', () => {
    const base = { ageBand: '25-34', name: 'A', email: 'a@example.org', contactConsent: true, gender: 'woman', genderOwnWords: 'left from before' };
    expect(signupData(draft({ ...base, equality: 'skip' }))).not.toHaveProperty('gender');
    expect(signupData(draft({ ...base, equality: 'answer' }))).toMatchObject({ gender: 'woman', equalityConsent: true });
    expect(signupData(draft({ ...base, equality: 'answer' }))).not.toHaveProperty('genderOwnWords');
  });

  it('checks each step with the core schema, naming the fields of that step only', () => {
    expect(stepErrors(lutonProfile, draft({ ageBand: '25-34' }), ['name'])).toEqual([{ field: 'name', code: 'required' }]);
    expect(stepErrors(lutonProfile, draft({ ageBand: '25-34', name: 'A' }), ['email', 'phone', 'contactConsent'])).toEqual([{ field: 'email', code: 'contact-required' }]);
    expect(stepErrors(lutonProfile, draft({ ageBand: '25-34', name: 'A', phone: '0770' }), ['email', 'phone', 'contactConsent'])).toEqual([{ field: 'phone', code: 'invalid-phone' }]);
    expect(stepErrors(lutonProfile, draft({ panels: [] }), ['panels'])).toEqual([{ field: 'panels', code: 'required' }]);
    expect(stepErrors(lutonProfile, draft({ ageBand: '25-34', name: 'A', email: 'a@example.org', contactConsent: true }), ['name', 'email', 'phone', 'contactConsent'])).toEqual([]);
  });
});
