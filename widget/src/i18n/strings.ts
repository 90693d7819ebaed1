/** The window's strings in every locale. */
import { en, type Strings } from './en.js';
import { fr } from './fr.js';
import type { Locale } from './index.js';
import { launcherStrings, type LauncherStrings } from './launcher.js';
import { ko } from './ko.js';

export type { Strings };

const LOCALES: Record<Locale, Strings> = { en, ko, fr };

export function stringsFor(locale: Locale): Strings & LauncherStrings {
  return { ...launcherStrings[locale], ...LOCALES[locale] };
}
