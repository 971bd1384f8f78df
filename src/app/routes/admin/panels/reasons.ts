import type { FeasibilityReason } from '../../../../core/sortition/types';
import { at } from '../i18n';
import { categoryLabel, valueLabel } from './labels';

/** Why no panel can meet the quotas, in plain words (the codes come from core/sortition). */
export function reasonText(reason: FeasibilityReason): string {
  const named = (category: string, value: string) => ({ category: categoryLabel(category), value: valueLabel(category, value) });
  switch (reason.code) {
    case 'invalid-panel-size':
      return at('admin.panels.reasons.invalid-panel-size', { k: reason.k });
    case 'invalid-quota':
      return at('admin.panels.reasons.invalid-quota', named(reason.category, reason.value));
    case 'min-above-max':
      return at('admin.panels.reasons.min-above-max', { ...named(reason.category, reason.value), min: reason.min, max: reason.max });
    case 'pool-too-small':
      return at('admin.panels.reasons.pool-too-small', { k: reason.k, available: reason.available });
    case 'quota-too-high':
      return at('admin.panels.reasons.quota-too-high', { ...named(reason.category, reason.value), min: reason.min, available: reason.available });
    case 'quotas-sum-above-k':
      return at('admin.panels.reasons.quotas-sum-above-k', { category: categoryLabel(reason.category), sumMin: reason.sumMin, k: reason.k });
    case 'quotas-sum-below-k':
      return at(reason.limitedByAvailability ? 'admin.panels.reasons.quotas-sum-below-k-pool' : 'admin.panels.reasons.quotas-sum-below-k', {
        category: categoryLabel(reason.category),
        sumMax: reason.sumMax,
        k: reason.k,
      });
    case 'no-panel': {
      const conflict = reason.conflict ?? [];
      if (conflict.length === 0) return at('admin.panels.reasons.no-panel');
      const list = conflict
        .map((c) => at(c.bound === 'min' ? 'admin.panels.reasons.atLeast' : 'admin.panels.reasons.atMost', named(c.category, c.value)))
        .join(at('admin.panels.reasons.separator'));
      return at('admin.panels.reasons.no-panel-conflict', { list });
    }
  }
}
