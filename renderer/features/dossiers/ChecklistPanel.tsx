import { useTranslation } from 'react-i18next';
import type { ChecklistItem } from '../../../shared/domain/checklist';

/** The completeness checklist: every line green before a dossier can be marked ready. */
export function ChecklistPanel({ items }: { items: ChecklistItem[] }) {
  const { t } = useTranslation();
  return (
    <ul className="checklist" data-testid="checklist">
      {items.map((item) => (
        <li key={item.key} className={item.ok ? 'check-ok' : 'check-missing'} data-ok={item.ok}>
          <span aria-hidden="true">{item.ok ? '✓' : '○'}</span> {t(item.key, item.params)}
        </li>
      ))}
    </ul>
  );
}
