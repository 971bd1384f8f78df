import type { TownProfile } from './schema';

/**
 * The default town profile shipped with the software: Luton's 'Many Voices, One Town' campaign.
 * Wording comes from the council's own papers (the campaign, the Fairness Taskforce, Luton 2040).
 * Staff can replace any of it on the server; another council ships its own profile.
 */
export const lutonProfile: TownProfile = {
  id: 'luton',
  townName: 'Luton',
  councilName: 'Luton Borough Council',
  campaign: {
    en: 'Many Voices, One Town',
    ur: 'بہت سی آوازیں، ایک شہر',
    pl: 'Wiele głosów, jedno miasto',
  },
  languages: [
    { code: 'en', nativeName: 'English', englishName: 'English', dir: 'ltr' },
    { code: 'ur', nativeName: 'اردو', englishName: 'Urdu', dir: 'rtl' },
    { code: 'pl', nativeName: 'Polski', englishName: 'Polish', dir: 'ltr' },
  ],
  wards: [
    'Barnfield', 'Biscot', 'Bramingham', 'Challney', 'Crawley', 'Dallow', 'Farley', 'High Town', 'Icknield',
    'Leagrave', 'Lewsey', 'Limbury', 'Northwell', 'Round Green', 'Saints', 'South', 'Stopsley', 'Sundon Park',
    'Wigmore',
  ].map((name) => ({ id: name.toLowerCase().replace(/\s+/g, '-'), name })),
  wardsSource:
    'The 19 wards of Luton Borough Council before the May 2023 boundary changes. Staff should check this list ' +
    'against the current wards and edit it in the town profile.',
  themes: [
    { id: 'youth', label: { en: 'Youth', ur: 'نوجوان', pl: 'Młodzież' } },
    { id: 'housing', label: { en: 'Housing and homelessness', ur: 'رہائش اور بے گھری', pl: 'Mieszkalnictwo i bezdomność' } },
    { id: 'community', label: { en: 'Community', ur: 'کمیونٹی', pl: 'Społeczność' } },
    { id: 'work', label: { en: 'Work and skills', ur: 'کام اور ہنر', pl: 'Praca i umiejętności' } },
    { id: 'poverty', label: { en: 'Poverty', ur: 'غربت', pl: 'Ubóstwo' } },
    { id: 'other', label: { en: 'Other', ur: 'دیگر', pl: 'Inne' } },
  ],
  lenses: [
    { id: 'voice', label: { en: "Hearing citizens' voice", ur: 'شہریوں کی آواز سننا', pl: 'Słuchanie głosu mieszkańców' } },
    {
      id: 'change',
      label: { en: 'Understanding what needs to change', ur: 'یہ سمجھنا کہ کیا بدلنا ضروری ہے', pl: 'Zrozumienie, co musi się zmienić' },
    },
    {
      id: 'partnership',
      label: {
        en: 'Partnership working and making the change together',
        ur: 'شراکت داری سے کام اور مل کر تبدیلی لانا',
        pl: 'Współpraca i wspólne wprowadzanie zmian',
      },
    },
  ],
  pledge: {
    version: '2026-1',
    title: {
      en: 'The Many Voices, One Town pledge',
      ur: '"بہت سی آوازیں، ایک شہر" کا عہد',
      pl: 'Zobowiązanie „Wiele głosów, jedno miasto”',
    },
    intro: {
      en: 'Luton celebrates its diversity and shared values. We want a welcoming and compassionate town, with respect, social responsibility and civic pride at its heart. Sign the pledge to show you are part of it.',
      ur: 'لوٹن اپنے تنوع اور مشترکہ اقدار پر فخر کرتا ہے۔ ہم ایک خوش آمدید کہنے والا اور ہمدرد شہر چاہتے ہیں، جس کے دل میں احترام، سماجی ذمہ داری اور شہری فخر ہو۔ یہ دکھانے کے لیے کہ آپ اس کا حصہ ہیں، عہد پر دستخط کریں۔',
      pl: 'Luton świętuje swoją różnorodność i wspólne wartości. Chcemy miasta gościnnego i życzliwego, w którego sercu są szacunek, odpowiedzialność społeczna i duma z miasta. Podpisz zobowiązanie, aby pokazać, że jesteś tego częścią.',
    },
    commitments: [
      {
        id: 'respect',
        text: {
          en: 'I will treat everyone with respect, whatever their background, faith or language.',
          ur: 'میں ہر ایک سے احترام سے پیش آؤں گا/گی، چاہے اس کا پس منظر، عقیدہ یا زبان کچھ بھی ہو۔',
          pl: 'Będę traktować każdego z szacunkiem, bez względu na pochodzenie, wiarę czy język.',
        },
      },
      {
        id: 'fairness',
        text: {
          en: 'I will stand up for fairness, so that everyone in our town has the chance to thrive.',
          ur: 'میں انصاف کے لیے کھڑا/کھڑی ہوں گا/گی، تاکہ ہمارے شہر میں ہر ایک کو ترقی کا موقع ملے۔',
          pl: 'Będę stawać w obronie sprawiedliwości, aby każdy w naszym mieście miał szansę się rozwijać.',
        },
      },
      {
        id: 'welcome',
        text: {
          en: 'I will welcome new arrivals and help make Luton a welcoming and compassionate town.',
          ur: 'میں نئے آنے والوں کو خوش آمدید کہوں گا/گی اور لوٹن کو ایک خوش آمدید کہنے والا اور ہمدرد شہر بنانے میں مدد کروں گا/گی۔',
          pl: 'Będę witać nowo przybyłych i pomagać, by Luton było miastem gościnnym i życzliwym.',
        },
      },
      {
        id: 'pride',
        text: {
          en: 'I will take pride in our town and speak up for it.',
          ur: 'میں اپنے شہر پر فخر کروں گا/گی اور اس کے حق میں آواز اٹھاؤں گا/گی۔',
          pl: 'Będę dumny/dumna z naszego miasta i będę się za nim wstawiać.',
        },
      },
      {
        id: 'no-hate',
        text: {
          en: "I will help make Luton 'No Place for Hate', and speak out when I see hate.",
          ur: "میں لوٹن کو 'نفرت کی کوئی جگہ نہیں' بنانے میں مدد کروں گا/گی، اور جب نفرت دیکھوں گا/گی تو آواز اٹھاؤں گا/گی۔",
          pl: 'Pomogę, by w Luton nie było miejsca na nienawiść, i zareaguję, gdy ją zobaczę.',
        },
      },
    ],
  },
  privacy: {
    controller: 'Luton Borough Council',
    contact: "the council's Data Protection Officer",
    pledgeEmail: {
      en: 'We will use your email only to send you updates about Many Voices, One Town. We keep it for up to 24 months, then delete it. You can ask us to delete it sooner at any time. We never show it to anyone outside the team that sends the updates.',
      ur: 'ہم آپ کا ای میل صرف "بہت سی آوازیں، ایک شہر" کے بارے میں اپ ڈیٹس بھیجنے کے لیے استعمال کریں گے۔ ہم اسے زیادہ سے زیادہ 24 مہینے رکھتے ہیں، پھر مٹا دیتے ہیں۔ آپ کسی بھی وقت اسے پہلے مٹانے کا کہہ سکتے ہیں۔ ہم اسے اپ ڈیٹس بھیجنے والی ٹیم کے علاوہ کسی کو نہیں دکھاتے۔',
      pl: 'Użyjemy Twojego adresu e-mail wyłącznie do wysyłania informacji o kampanii „Wiele głosów, jedno miasto”. Przechowujemy go maksymalnie 24 miesiące, a potem usuwamy. W każdej chwili możesz poprosić o wcześniejsze usunięcie. Nigdy nie pokazujemy go nikomu spoza zespołu, który wysyła informacje.',
    },
    notice: {
      en: 'Luton Borough Council is responsible for the information you give in this app. We ask for as little as we can. Your pledge name, ward and message are used to count and celebrate pledges; a message is shown on the public pledge wall only if you ask, and only after a member of staff has checked it. If you give an email address and agree, we use it only to send you updates, keep it for up to 24 months, then delete it. Your answers are kept on this device only until they reach the council, then removed from it. You can ask to see, correct or delete what we hold about you by contacting the council\'s Data Protection Officer.',
      ur: 'لوٹن بورو کونسل اس ایپ میں آپ کی دی گئی معلومات کی ذمہ دار ہے۔ ہم کم سے کم معلومات مانگتے ہیں۔ آپ کے عہد کا نام، وارڈ اور پیغام عہدوں کو گننے اور منانے کے لیے استعمال ہوتے ہیں؛ پیغام عوامی عہد کی دیوار پر صرف اسی صورت میں دکھایا جاتا ہے جب آپ کہیں، اور صرف عملے کے کسی رکن کے جانچنے کے بعد۔ اگر آپ ای میل دیتے ہیں اور رضامندی دیتے ہیں، تو ہم اسے صرف اپ ڈیٹس بھیجنے کے لیے استعمال کرتے ہیں، زیادہ سے زیادہ 24 مہینے رکھتے ہیں، پھر مٹا دیتے ہیں۔ آپ کے جوابات اس ڈیوائس پر صرف کونسل تک پہنچنے تک رہتے ہیں، پھر ان کو یہاں سے ہٹا دیا جاتا ہے۔ ہمارے پاس آپ کے بارے میں جو کچھ ہے اسے دیکھنے، درست کرنے یا مٹانے کے لیے کونسل کے ڈیٹا پروٹیکشن آفیسر سے رابطہ کریں۔',
      pl: 'Za informacje podane w tej aplikacji odpowiada Rada Gminy Luton (Luton Borough Council). Prosimy o jak najmniej danych. Imię, okręg i wiadomość z Twojego zobowiązania służą do liczenia i świętowania zobowiązań; wiadomość pojawia się na publicznej tablicy zobowiązań tylko wtedy, gdy o to poprosisz, i dopiero po sprawdzeniu przez pracownika. Jeśli podasz adres e-mail i wyrazisz zgodę, użyjemy go wyłącznie do wysyłania informacji, przechowamy maksymalnie 24 miesiące, a potem usuniemy. Twoje odpowiedzi są przechowywane na tym urządzeniu tylko do chwili, gdy dotrą do rady, a potem są z niego usuwane. Aby zobaczyć, poprawić lub usunąć dane, które o Tobie mamy, skontaktuj się z inspektorem ochrony danych rady.',
    },
  },
  retention: { pledgeEmailMonths: 24 },
  access: {},
};
