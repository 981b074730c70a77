import { useTranslation } from 'react-i18next';
import { deadlineState, formatIsoDate } from '../../../shared/domain/deadline';
import { useCall } from '../../app/use-call';
import { useToday } from '../../components/use-today';

/** The countdown to the campaign's deadline for dossiers: amber in its last week, red once it has passed. */
export function DeadlineBanner({ year }: { year: number }) {
  const { t } = useTranslation();
  const today = useToday();
  const { value: campaign } = useCall('campaigns.get', { year });
  if (!campaign) return null;
  const state = deadlineState(campaign.deadline, today);
  const date = formatIsoDate(campaign.deadline);
  const text =
    state.phase === 'passed'
      ? t('dossierList.deadline.passed', { date, count: state.days })
      : state.phase === 'lastDay'
        ? t('dossierList.deadline.today', { date })
        : t('dossierList.deadline.left', { date, count: state.days });
  return (
    <p className={`deadline-banner deadline-${state.urgency}`} role="status" data-testid="deadline-banner" data-urgency={state.urgency}>
      <span className="deadline-icon" aria-hidden="true">
        {state.urgency === 'calm' ? '🗓' : '⚠'}
      </span>
      {text}
    </p>
  );
}
