import { initReactI18next } from 'react-i18next';
import type { Language } from '../../shared/domain/kinds';
import { languageForLocale } from '../../shared/i18n';
import { createI18n } from '../../shared/i18n/translator';

const LANGUAGE_KEY = 'tdcs.language';

/** The language before the installation says otherwise: the last choice here, else the system's. */
export function initialLanguage(): Language {
  const stored = localStorage.getItem(LANGUAGE_KEY);
  if (stored === 'vi' || stored === 'en') return stored;
  return languageForLocale(navigator.language);
}

export const i18n = createI18n(initialLanguage(), [initReactI18next]);
document.documentElement.lang = i18n.language;

export function applyLanguage(language: Language): void {
  localStorage.setItem(LANGUAGE_KEY, language);
  document.documentElement.lang = language;
  void i18n.changeLanguage(language);
}
