import { describe, expect, it } from 'vitest';
import * as v from 'valibot';
import { ReferenceFigures, checkReferenceForm, referenceFormFrom, referenceValues } from '../../src/core/profile/reference';

/** The town figures form: what staff type, checked in core, and what is saved. */
describe('town figures form', () => {
  it('turns typed shares into figures, leaving out empty boxes; digits and a decimal comma from any keyboard', () => {
    const res = checkReferenceForm({ source: ' Census 2021 ', shares: { 'gender--woman': '50,5', 'gender--man': '49.5', 'ageBand--18-24': '', 'religion--muslim': '۲۵' } });
    expect(res).toEqual({ ok: true, value: { source: 'Census 2021', categories: { gender: { woman: 50.5, man: 49.5 }, religion: { muslim: 25 } } } });
  });

  it('every box empty means no figures (they are removed), and needs no source', () => {
    expect(checkReferenceForm({ source: '', shares: { 'gender--woman': ' ' } })).toEqual({ ok: true, value: undefined });
  });

  it('names every problem at once: the source, a wrong number, shares over 100 in one category', () => {
    const res = checkReferenceForm({ source: '', shares: { 'gender--woman': '60', 'gender--man': '50', 'ageBand--18-24': 'twelve', 'ward--dallow': '101', 'disability--yes': '-3' } });
    expect(res.ok).toBe(false);
    if (res.ok) return;
    expect(res.errors).toEqual([
      { field: 'source', code: 'required' },
      { field: 'gender--woman', code: 'invalid-distribution' },
      { field: 'ageBand--18-24', code: 'invalid-format' },
      { field: 'ward--dallow', code: 'invalid-format' },
      { field: 'disability--yes', code: 'invalid-format' },
    ]);
  });

  it('exactly 100 in hundredths is allowed, 100.01 is not', () => {
    expect(checkReferenceForm({ source: 'x', shares: { 'disability--yes': '33.33', 'disability--no': '66.67' } }).ok).toBe(true);
    expect(v.safeParse(ReferenceFigures, { source: 'x', categories: { disability: { yes: 33.34, no: 66.67 } } }).success).toBe(false);
  });

  it('offers each category’s answers (ethnicity by its 5 groups, wards from the profile), never "prefer not to say"', () => {
    const values = referenceValues(['biscot', 'dallow']);
    expect(values.ethnicity).toEqual(['asian', 'black', 'mixed', 'white', 'other']);
    expect(values.ward).toEqual(['biscot', 'dallow']);
    expect(Object.values(values).flat()).not.toContain('prefer-not-to-say');
    expect(values.ageBand).not.toContain('under-13');
  });

  it('fills the form back from saved figures', () => {
    const form = referenceFormFrom({ source: 'Census', categories: { gender: { woman: 51 } } });
    expect(form).toEqual({ source: 'Census', shares: { 'gender--woman': '51' } });
    expect(checkReferenceForm(form)).toEqual({ ok: true, value: { source: 'Census', categories: { gender: { woman: 51 } } } });
  });
});
