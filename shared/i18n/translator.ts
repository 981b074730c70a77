import i18next, { type i18n } from 'i18next';
import type { Language } from '../domain/kinds';
import { messages, type Translate } from './index';

/** An i18next instance over the app's catalogues, ready synchronously (the renderer adds React to it). */
export function createI18n(language: Language, plugins: Parameters<i18n['use']>[0][] = []): i18n {
  const instance = i18next.createInstance();
  for (const plugin of plugins) instance.use(plugin);
  void instance.init({
    lng: language,
    fallbackLng: 'en',
    resources: { vi: { translation: messages.vi }, en: { translation: messages.en } },
    interpolation: { escapeValue: false },
    initAsync: false,
    returnNull: false,
    showSupportNotice: false,
  });
  return instance;
}

/** A plain translate function for one language (the CLI's). */
export function translator(language: Language): Translate {
  const instance = createI18n(language);
  return (key, params) => instance.t(key, params ?? {});
}
