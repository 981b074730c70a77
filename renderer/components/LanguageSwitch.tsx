import { useTranslation } from 'react-i18next';
import { LANGUAGES, type Language } from '../../shared/domain/kinds';
import { useSession } from '../app/session-store';

/** Switches the interface language; the choice is kept by the installation. */
export function LanguageSwitch() {
  const { t } = useTranslation();
  const language = useSession((state) => state.language);
  const setLanguage = useSession((state) => state.setLanguage);
  return (
    <label className="language-switch">
      <span>{t('language.label')}</span>
      <select data-testid="language-switch" value={language} onChange={(event) => void setLanguage(event.target.value as Language)}>
        {LANGUAGES.map((code) => (
          <option key={code} value={code}>
            {t(`language.${code}`)}
          </option>
        ))}
      </select>
    </label>
  );
}
