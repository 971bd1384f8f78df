import { describe, expect, it } from 'vitest';
import { announcedSeconds, createIdleWatch, idleState, KIOSK_TIMING, type IdleState } from '../../src/app/routes/kiosk/idle';
import { kioskRedirect, type KioskLock } from '../../src/app/routes/kiosk/lock';

/** The kiosk's idle timer over a hand-moved clock, ticked every second as the page ticks it. */
function kiosk() {
  let t = 0;
  const seen: IdleState[] = [];
  let resets = 0;
  const watch = createIdleWatch({ now: () => t, onChange: (s) => seen.push(s), onExpire: () => (resets += 1) });
  const wait = (seconds: number) => {
    for (let i = 0; i < seconds; i++) {
      t += 1000;
      watch.tick();
    }
  };
  return { watch, wait, seen, resets: () => resets };
}

describe('kiosk idle timer', () => {
  it('warns at 70 s without a touch, counting down 20 s, and resets once at 90 s', () => {
    const k = kiosk();
    k.wait(69);
    expect(k.watch.state()).toEqual({ phase: 'active' });
    k.wait(1);
    expect(k.watch.state()).toEqual({ phase: 'warning', secondsLeft: 20 });
    k.wait(10);
    expect(k.watch.state()).toEqual({ phase: 'warning', secondsLeft: 10 });
    expect(k.resets()).toBe(0);
    k.wait(10);
    expect(k.watch.state()).toEqual({ phase: 'expired' });
    expect(k.resets()).toBe(1);
    k.wait(120);
    expect(k.resets()).toBe(1);
    // Every second of the countdown was shown, from 20 to 1.
    const countdown = k.seen.filter((s) => s.phase === 'warning').map((s) => (s.phase === 'warning' ? s.secondsLeft : 0));
    expect(countdown).toEqual(Array.from({ length: 20 }, (_, i) => 20 - i));
  });

  it('"I need more time" (or any touch) during the warning starts the full wait again', () => {
    const k = kiosk();
    k.wait(85);
    expect(k.watch.state().phase).toBe('warning');
    k.watch.activity();
    expect(k.watch.state()).toEqual({ phase: 'active' });
    k.wait(69);
    expect(k.watch.state().phase).toBe('active');
    k.wait(21);
    expect(k.resets()).toBe(1);
  });

  it('touches keep it from ever warning while someone is using it', () => {
    const k = kiosk();
    for (let i = 0; i < 20; i++) {
      k.wait(60);
      k.watch.activity();
    }
    expect(k.seen.some((s) => s.phase !== 'active')).toBe(false);
    expect(k.resets()).toBe(0);
  });

  it('a touch after the reset does not bring the old entry back to life', () => {
    const k = kiosk();
    k.wait(90);
    k.watch.activity();
    expect(k.watch.state()).toEqual({ phase: 'expired' });
  });

  it('announces the countdown politely at 20, 10 and 5 seconds only', () => {
    const announced = Array.from({ length: 20 }, (_, i) => 20 - i).filter((s) => announcedSeconds(s));
    expect(announced).toEqual([20, 10, 5]);
    expect(idleState(KIOSK_TIMING.warnAfterMs - 1)).toEqual({ phase: 'active' });
    expect(KIOSK_TIMING.thanksMs).toBeLessThanOrEqual(10_000);
  });
});

describe('a locked kiosk', () => {
  const lock: KioskLock = { activities: ['feedback', 'pledge'], eventId: 'e', language: 'en', lockedAt: '2026-03-07T10:00:00.000Z' };

  it('shows only its own screens and the activities the worker allowed', () => {
    expect(kioskRedirect('/kiosk', lock)).toBeUndefined();
    expect(kioskRedirect('/kiosk/feedback', lock)).toBeUndefined();
    expect(kioskRedirect('/pledge/name', lock)).toBeUndefined();
    expect(kioskRedirect('/privacy', lock)).toBeUndefined();
    for (const path of ['/', '/listen', '/listen/record', '/status', '/wall', '/admin', '/enrol', '/nowhere']) expect(kioskRedirect(path, lock), path).toBe('/kiosk');
    expect(kioskRedirect('/pledge', { ...lock, activities: ['feedback'] })).toBe('/kiosk');
  });

  it('lets a resident join a panel only when the worker offered it', () => {
    expect(kioskRedirect('/panels/join', lock)).toBe('/kiosk');
    const withPanels: KioskLock = { ...lock, activities: ['panel'] };
    expect(kioskRedirect('/panels/join', withPanels)).toBeUndefined();
    expect(kioskRedirect('/panels/join/contact', withPanels)).toBeUndefined();
    expect(kioskRedirect('/pledge', withPanels)).toBe('/kiosk');
    expect(kioskRedirect('/kiosk/feedback', withPanels)).toBe('/kiosk');
  });

  it("ends a pledge on the kiosk's thank-you, never on the pledge's confirmation", () => {
    expect(kioskRedirect('/pledge/done', lock)).toBe('/kiosk/thanks');
  });

  it('redirects nothing when not locked', () => {
    expect(kioskRedirect('/listen', undefined)).toBeUndefined();
  });
});
