import pl from './pl.json';
import ur from './ur.json';

/**
 * Every language's profile texts, for the server's catalog. One line per language: a file here that is not
 * listed is caught by tests/unit/profile-texts.test.ts. (The app loads them on demand, one chunk each.)
 */
export const lutonTexts: Record<string, unknown> = { pl, ur };
