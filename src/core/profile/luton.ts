import type { TownProfile } from './schema';
import en from './texts/en.json';

/**
 * The default town profile shipped with the software: Luton's 'Many Voices, One Town' campaign.
 * Wording comes from the council's own papers (the campaign, the Fairness Taskforce, Luton 2040), in
 * texts/en.json; each other language's texts are in texts/<code>.json (see texts/index.ts).
 *
 * This module carries English only, because the app bundles it as the built-in fallback for a first visit:
 * the server's catalog carries the profile with every language's texts (lutonProfileWithTexts), and the
 * device adds the texts of the language in use from its own chunk until it has that catalog.
 * Staff can replace any of it on the server; another council ships its own profile.
 */
export const lutonProfile: TownProfile = {
  id: 'luton',
  townName: 'Luton',
  councilName: 'Luton Borough Council',
  campaign: { en: en.campaign },
  languages: [
    { code: 'en', nativeName: 'English', englishName: 'English', dir: 'ltr' },
    { code: 'ur', nativeName: 'اردو', englishName: 'Urdu', dir: 'rtl' },
    { code: 'pl', nativeName: 'Polski', englishName: 'Polish', dir: 'ltr' },
    { code: 'ro', nativeName: 'Română', englishName: 'Romanian', dir: 'ltr' },
    { code: 'bn', nativeName: 'বাংলা', englishName: 'Bengali', dir: 'ltr' },
    { code: 'pa', nativeName: 'ਪੰਜਾਬੀ', englishName: 'Punjabi (Gurmukhi)', dir: 'ltr' },
    { code: 'pt', nativeName: 'Português', englishName: 'Portuguese', dir: 'ltr' },
    { code: 'ar', nativeName: 'العربية', englishName: 'Arabic', dir: 'rtl' },
    { code: 'gu', nativeName: 'ગુજરાતી', englishName: 'Gujarati', dir: 'ltr' },
    { code: 'lt', nativeName: 'Lietuvių', englishName: 'Lithuanian', dir: 'ltr' },
    { code: 'bg', nativeName: 'Български', englishName: 'Bulgarian', dir: 'ltr' },
    { code: 'so', nativeName: 'Soomaali', englishName: 'Somali', dir: 'ltr' },
  ],
  wards: [
    'Barnfield', 'Biscot', 'Bramingham', 'Challney', 'Crawley', 'Dallow', 'Farley', 'High Town', 'Icknield',
    'Leagrave', 'Lewsey', 'Limbury', 'Northwell', 'Round Green', 'Saints', 'South', 'Stopsley', 'Sundon Park',
    'Wigmore',
  ].map((name) => ({ id: name.toLowerCase().replace(/\s+/g, '-'), name })),
  wardsSource:
    'The 19 wards of Luton Borough Council before the May 2023 boundary changes. Staff should check this list ' +
    'against the current wards and edit it in the town profile.',
  themes: (['youth', 'housing', 'community', 'work', 'poverty', 'other'] as const).map((id) => ({ id, label: { en: en.themes[id] } })),
  lenses: (['voice', 'change', 'partnership'] as const).map((id) => ({ id, label: { en: en.lenses[id] } })),
  pledge: {
    version: '2026-1',
    title: { en: en.pledge.title },
    intro: { en: en.pledge.intro },
    commitments: (['respect', 'fairness', 'welcome', 'pride', 'no-hate'] as const).map((id) => ({ id, text: { en: en.pledge.commitments[id] } })),
  },
  privacy: {
    controller: 'Luton Borough Council',
    contact: "the council's Data Protection Officer",
    pledgeEmail: { en: en.privacy.pledgeEmail },
    notice: { en: en.privacy.notice },
  },
  retention: { pledgeEmailMonths: 24 },
  access: {},
};
