import ar from './ar.json';
import bg from './bg.json';
import bn from './bn.json';
import gu from './gu.json';
import lt from './lt.json';
import pa from './pa.json';
import pl from './pl.json';
import pt from './pt.json';
import ro from './ro.json';
import so from './so.json';
import ur from './ur.json';

/**
 * Every language's profile texts, for the server's catalog. One line per language: a file here that is not
 * listed is caught by tests/unit/profile-texts.test.ts. (The app loads them on demand, one chunk each.)
 */
export const lutonTexts: Record<string, unknown> = { ur, pl, ro, bn, pa, pt, ar, gu, lt, bg, so };
