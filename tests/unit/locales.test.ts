import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lutonProfile } from '../../src/core/profile/luton';
import { fieldProblems, recordRejections, requestProblems } from '../../src/core/problems';
import { recordKinds } from '../../src/core/records/kinds';

/** Every language complete: the same keys (plural forms by each language's rules), variables, no blanks. */
type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out.set(key, v);
    else for (const [kk, vv] of flatten(v, key)) out.set(kk, vv);
  }
  return out;
}

const PLURAL = /_(zero|one|two|few|many|other)$/;
/** Keys with plural suffixes folded: "sync.waiting_one" → "sync.waiting". */
const base = (key: string) => key.replace(PLURAL, '');
const variables = (s: string) => [...s.matchAll(/\{\{\s*([\w.]+)\s*\}\}/g)].map((m) => m[1]).sort();

/**
 * Two catalogues: the resident app's (locales/*.json, used through t() in src/app) and the staff console's
 * (locales/admin/*.json, used through at() in src/app/routes/admin, loaded only with the console).
 */
const catalogues = [
  { name: 'app', dir: 'locales', code: 'src/app', skip: 'src/app/routes/admin', call: 't' },
  { name: 'staff console', dir: 'locales/admin', code: 'src/app/routes/admin', skip: undefined, call: 'at' },
] as const;

for (const catalogue of catalogues) {
  const dir = catalogue.dir;
  const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
  const load = (code: string) => JSON.parse(readFileSync(join(dir, `${code}.json`), 'utf8')) as { meta: { reviewed: boolean }; translation: Tree };
  const en = flatten(load('en').translation);
  const enBases = new Set([...en.keys()].map(base));

describe(`locale files: ${catalogue.name}`, () => {
  it('include every language of the town profile, and nothing the profile does not offer', () => {
    expect(files.map((f) => f.replace('.json', '')).sort()).toEqual(lutonProfile.languages.map((l) => l.code).sort());
  });

  for (const file of files) {
    const code = file.replace('.json', '');
    const locale = load(code);
    const strings = flatten(locale.translation);
    describe(code, () => {
      it('records whether a native speaker has reviewed it', () => {
        expect(typeof locale.meta?.reviewed).toBe('boolean');
      });

      it('has every key that English has, and no others', () => {
        expect([...new Set([...strings.keys()].map(base))].sort()).toEqual([...enBases].sort());
      });

      it("has exactly the plural forms the language's rules need", () => {
        const categories = new Intl.PluralRules(code).resolvedOptions().pluralCategories.slice().sort();
        const plurals = new Set([...en.keys()].filter((k) => PLURAL.test(k)).map(base));
        for (const key of plurals) {
          const forms = [...strings.keys()].filter((k) => base(k) === key && PLURAL.test(k)).map((k) => k.match(PLURAL)?.[1]).sort();
          expect(forms, key).toEqual(categories);
        }
      });

      it('has no empty strings, and the same interpolation variables as English', () => {
        for (const [key, value] of strings) {
          expect(value.trim(), key).not.toBe('');
          const english = en.get(key) ?? en.get(`${base(key)}_other`) ?? '';
          expect(variables(value), key).toEqual(variables(english));
        }
      });
    });
  }

  if (catalogue.name === 'app') it('has a message for every problem in the catalogue', () => {
    for (const code of [...Object.keys(requestProblems), ...recordRejections, ...fieldProblems]) {
      expect(en.has(`errors.${code}`), code).toBe(true);
    }
  });

  // The sending status names each waiting or refused record by its kind: t(`kinds.${kind}`).
  if (catalogue.name === 'app') it('has a name for every record kind', () => {
    for (const kind of Object.keys(recordKinds)) expect(en.has(`kinds.${kind}`), kind).toBe(true);
  });

  it('has every key the app uses in code', () => {
    const used = new Set<string>();
    const call = new RegExp(`\\b${catalogue.call}\\(\\s*\\[?\\s*'([a-zA-Z][\\w.-]+)'`, 'g');
    const walk = (d: string) => {
      for (const entry of readdirSync(d, { withFileTypes: true })) {
        const path = join(d, entry.name);
        if (path === catalogue.skip) continue;
        if (entry.isDirectory()) walk(path);
        else if (/\.tsx?$/.test(entry.name)) {
          // Literal keys only: t('a.b'), t(['a.b', 'c']) and keys built with a template are checked by their
          // own tests (errors.*, kinds.*).
          for (const m of readFileSync(path, 'utf8').matchAll(call)) used.add(m[1] ?? '');
        }
      }
    };
    walk(catalogue.code);
    expect(used.size).toBeGreaterThan(20);
    // The console may also use the app's own keys (form words, error messages): those load with the app.
    const appKeys = new Set([...flatten((JSON.parse(readFileSync('locales/en.json', 'utf8')) as { translation: Tree }).translation).keys()].map(base));
    const missing = [...used].filter((k) => !enBases.has(k) && !appKeys.has(k));
    expect(missing).toEqual([]);
  });
});
}
