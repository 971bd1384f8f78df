/**
 * The answer lists of the panel sign-up: age bands, access needs and the equality-monitoring questions.
 * Ids are stable (stored, counted, balanced on); the words people see are in the locale files under
 * `panels.answers.<list>.<id>`. Every equality question also takes 'prefer-not-to-say'.
 */

export const PREFER_NOT = 'prefer-not-to-say' as const;
/** "In your own words": the answer is the resident's text; for counting and balancing it is one value. */
export const OWN_WORDS = 'own-words' as const;

/**
 * Age bands of a sign-up. The boundaries at 13, 16 and 18 are there so a panel's minimum age can be checked
 * from the band alone (no date of birth is asked); from 18 up they follow the listening-circle bands
 * (src/core/records/feedback.ts), with 65+ split in two.
 */
export const signupAgeBands = ['under-13', '13-15', '16-17', '18-24', '25-34', '35-44', '45-54', '55-64', '65-74', '75+'] as const;
export type SignupAgeBand = (typeof signupAgeBands)[number];

/** The youngest age in each band. */
export const ageBandFloor: Record<SignupAgeBand, number> = {
  'under-13': 0,
  '13-15': 13,
  '16-17': 16,
  '18-24': 18,
  '25-34': 25,
  '35-44': 35,
  '45-54': 45,
  '55-64': 55,
  '65-74': 65,
  '75+': 75,
};

/** Below this age no contact details are collected at all. */
export const CONTACT_MIN_AGE = 13;

/** The minimum ages a panel may have: band floors, so "old enough" is always decidable from the band. */
export const panelMinAges = [13, 16, 18, 25, 35, 45, 55, 65, 75] as const;
export const DEFAULT_MIN_AGE = 16;

/** Whether someone in this band is old enough for a panel with this minimum age. */
export const oldEnough = (band: SignupAgeBand, minAge: number): boolean => ageBandFloor[band] >= minAge;

/** What a resident may need to take part. 'other' is described in their own words. */
export const accessNeeds = ['bsl-interpreter', 'other-interpreter', 'step-free', 'hearing-loop', 'large-print', 'childcare', 'other'] as const;
export type AccessNeed = (typeof accessNeeds)[number];

/** Common options; anyone may describe their gender in their own words instead. */
export const genderAnswers = ['woman', 'man', 'non-binary', OWN_WORDS, PREFER_NOT] as const;

/**
 * Ethnic group: the 19 categories of the ONS 2021 Census (England and Wales), under its 5 high-level groups.
 * Each "any other ... background" and the own-words answer take the resident's words.
 */
export const ethnicGroups = {
  asian: ['bangladeshi', 'chinese', 'indian', 'pakistani', 'other-asian'],
  black: ['african', 'caribbean', 'other-black'],
  mixed: ['white-and-asian', 'white-and-black-african', 'white-and-black-caribbean', 'other-mixed'],
  white: ['white-british', 'irish', 'gypsy-or-irish-traveller', 'roma', 'other-white'],
  other: ['arab', 'other-ethnic-group'],
} as const;
export type EthnicGroup = keyof typeof ethnicGroups;
export const ethnicGroupIds = Object.keys(ethnicGroups) as EthnicGroup[];
export const ethnicCategories = Object.values(ethnicGroups).flat() as string[];
export const ethnicityAnswers = [...ethnicCategories, OWN_WORDS, PREFER_NOT] as const;

/** The high-level group of an ethnicity answer (what "who is missing" and the quotas use), or the answer itself. */
export function ethnicGroupOf(answer: string): string {
  for (const group of ethnicGroupIds) if ((ethnicGroups[group] as readonly string[]).includes(answer)) return group;
  return answer; // 'own-words' or 'prefer-not-to-say'
}

/**
 * Disability, as the Equality Act 2010 defines it, asked in plain words: a physical or mental condition that
 * has a substantial and long-term (12 months or more) effect on day-to-day activities.
 */
export const disabilityAnswers = ['yes', 'no', PREFER_NOT] as const;

/** Religion: the ONS 2021 Census list ('other' takes the resident's words). */
export const religionAnswers = ['no-religion', 'christian', 'buddhist', 'hindu', 'jewish', 'muslim', 'sikh', 'other', PREFER_NOT] as const;

/** The categories staff may balance a panel on, and that "who is missing" compares with the town. */
export const balanceCategories = ['ageBand', 'gender', 'ethnicity', 'disability', 'ward', 'religion'] as const;
export type BalanceCategory = (typeof balanceCategories)[number];

/**
 * The values of a category as they are counted and balanced: ethnicity by its 5 high-level groups;
 * ward from the profile. 'prefer-not-to-say' also stands for "not answered" and for answers whose use the
 * resident stopped.
 */
export function categoryValues(category: BalanceCategory, wards: readonly { id: string }[]): string[] {
  switch (category) {
    case 'ageBand':
      return [...signupAgeBands];
    case 'gender':
      return [...genderAnswers];
    case 'ethnicity':
      return [...ethnicGroupIds, OWN_WORDS, PREFER_NOT];
    case 'disability':
      return [...disabilityAnswers];
    case 'ward':
      return [...wards.map((w) => w.id), PREFER_NOT];
    case 'religion':
      return [...religionAnswers];
  }
}

/** The answers of one sign-up that the counting and balancing read (no own-words text, no contact). */
export interface EqualityValues {
  ageBand: string;
  gender?: string | null | undefined;
  ethnicity?: string | null | undefined;
  disability?: string | null | undefined;
  ward?: string | null | undefined;
  religion?: string | null | undefined;
}

/** One sign-up's value in each category: unanswered (or withdrawn) reads as 'prefer-not-to-say'. */
export function valuesOf(s: EqualityValues): Record<BalanceCategory, string> {
  return {
    ageBand: s.ageBand,
    gender: s.gender ?? PREFER_NOT,
    ethnicity: s.ethnicity ? ethnicGroupOf(s.ethnicity) : PREFER_NOT,
    disability: s.disability ?? PREFER_NOT,
    ward: s.ward ?? PREFER_NOT,
    religion: s.religion ?? PREFER_NOT,
  };
}
