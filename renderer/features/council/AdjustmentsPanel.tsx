import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DossierDetail } from '../../../shared/contract/calls';
import { officeValueOf, type AdjustedValue, type Adjustment, type AdjustmentTarget } from '../../../shared/domain/adjustment';
import { parseDecimal } from '../../../shared/domain/dossier-form';
import { manualCriteria } from '../../../shared/scoring/leaves';
import type { Scheme } from '../../../shared/scoring/types';
import { call } from '../../app/api';
import { ErrorBanner } from '../../components/errors';
import { formatDateTime, useLabel } from '../../components/format';

/** Every figure of a scheme the council can correct: the indicators, and the points of the manual criteria. */
function targetsOf(scheme: Scheme): { key: string; target: AdjustmentTarget }[] {
  return [
    ...scheme.indicators.map((indicator) => ({ key: `indicator:${indicator.key}`, target: { type: 'indicator' as const, key: indicator.key } })),
    ...manualCriteria(scheme).map((criterion) => ({ key: `criterion:${criterion.id}`, target: { type: 'criterion' as const, id: criterion.id } })),
  ];
}

function targetKey(target: AdjustmentTarget): string {
  return target.type === 'indicator' ? `indicator:${target.key}` : `criterion:${target.id}`;
}

/** A figure's name, and how its values read: numbers with the reader's decimal mark, yes/no, points out of hundredths. */
function useFigure(scheme: Scheme) {
  const { t, i18n } = useTranslation();
  const label = useLabel();
  const number = new Intl.NumberFormat(i18n.language === 'vi' ? 'vi-VN' : 'en-GB', { maximumFractionDigits: 8 });
  const name = (target: AdjustmentTarget): string => {
    if (target.type === 'indicator') {
      const indicator = scheme.indicators.find((candidate) => candidate.key === target.key);
      return indicator ? label(indicator.label) : target.key;
    }
    const criterion = manualCriteria(scheme).find((candidate) => candidate.id === target.id);
    return t('trust.adjustments.pointsOf', { label: criterion ? label(criterion.label) : target.id });
  };
  const value = (target: AdjustmentTarget, raw: AdjustedValue): string => {
    if (raw === null) return t('trust.adjustments.empty');
    if (typeof raw === 'boolean') return raw ? t('trust.adjustments.yes') : t('trust.adjustments.no');
    const shown = target.type === 'criterion' ? raw / 100 : raw;
    const unit = target.type === 'indicator' ? t(`indicatorUnits.${scheme.indicators.find((indicator) => indicator.key === target.key)?.unit ?? 'count'}`) : '';
    return `${number.format(shown)}${unit ? ` ${unit}` : ''}`;
  };
  return { name, value };
}

/** One adjustment in force: the office's figure, the council's, why, who and when; withdrawn with a reason. */
function AdjustmentRow({ adjustment, scheme, onChange }: { adjustment: Adjustment; scheme: Scheme; onChange: (detail: DossierDetail) => void }) {
  const { t, i18n } = useTranslation();
  const figure = useFigure(scheme);
  const [withdrawing, setWithdrawing] = useState(false);
  const [reason, setReason] = useState('');
  const [failure, setFailure] = useState<unknown>(null);
  const withdraw = async () => {
    setFailure(null);
    try {
      onChange(await call('adjustments.remove', { id: adjustment.id, reason }));
    } catch (error) {
      setFailure(error);
    }
  };
  return (
    <tr data-testid={`adjustment-${targetKey(adjustment.target)}`}>
      <td>{figure.name(adjustment.target)}</td>
      <td className="number">{figure.value(adjustment.target, adjustment.officeValue)}</td>
      <td className="number">
        <strong>{figure.value(adjustment.target, adjustment.value)}</strong>
      </td>
      <td>
        {adjustment.reason}
        <span className="muted small adjustment-by">{t('trust.adjustments.by', { name: adjustment.byName, at: formatDateTime(adjustment.at, i18n.language) })}</span>
        {withdrawing ? (
          <span className="adjustment-withdraw">
            <label htmlFor={`withdraw-${adjustment.id}`}>{t('trust.adjustments.withdrawReason')}</label>
            <input id={`withdraw-${adjustment.id}`} value={reason} onChange={(event) => setReason(event.target.value)} />
            <button type="button" className="danger" disabled={reason.trim().length < 5} onClick={() => void withdraw()}>
              {t('trust.adjustments.withdrawConfirm')}
            </button>
            <button type="button" className="secondary" onClick={() => setWithdrawing(false)}>
              {t('app.cancel')}
            </button>
          </span>
        ) : null}
        <ErrorBanner error={failure} />
      </td>
      <td>
        {withdrawing ? null : (
          <button type="button" className="link" onClick={() => setWithdrawing(true)}>
            {t('trust.adjustments.withdraw')}
          </button>
        )}
      </td>
    </tr>
  );
}

/**
 * The council's corrections of a received dossier's figures. What the office sent stays as it is; each correction
 * is recorded beside it with its reason, and the ranking scores with it and shows both.
 */
export function AdjustmentsPanel({ detail, onChange }: { detail: DossierDetail; onChange: (detail: DossierDetail) => void }) {
  const { t } = useTranslation();
  const { dossier, scheme, adjustments } = detail;
  const figure = useFigure(scheme);
  const targets = targetsOf(scheme);
  const [chosen, setChosen] = useState(targets[0]?.key ?? '');
  const [text, setText] = useState('');
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const target = targets.find((candidate) => candidate.key === chosen)?.target ?? null;
  const yesNo = target?.type === 'indicator' && scheme.indicators.find((indicator) => indicator.key === target.key)?.unit === 'yesNo';

  const newValue = (): AdjustedValue | undefined => {
    if (!target) return undefined;
    if (yesNo) return text === 'yes' ? true : text === 'no' ? false : text === '' ? null : undefined;
    if (text.trim() === '') return null;
    const parsed = parseDecimal(text);
    if (parsed === null) return undefined;
    return target.type === 'criterion' ? Math.round(parsed * 100) : parsed;
  };
  const value = newValue();

  const save = async () => {
    if (!target || value === undefined) return;
    setBusy(true);
    setFailure(null);
    try {
      onChange(await call('adjustments.save', { dossierId: dossier.id, target, value, reason }));
      setText('');
      setReason('');
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card adjustments-panel" aria-labelledby="adjustments-title" data-testid="adjustments-panel">
      <h2 id="adjustments-title">{t('trust.adjustments.title')}</h2>
      <p className="muted small">{t('trust.adjustments.intro')}</p>
      {adjustments.length === 0 ? (
        <p className="muted">{t('trust.adjustments.none')}</p>
      ) : (
        <table className="adjustments-table">
          <thead>
            <tr>
              <th scope="col">{t('trust.adjustments.figure')}</th>
              <th scope="col" className="number">
                {t('trust.adjustments.officeValue')}
              </th>
              <th scope="col" className="number">
                {t('trust.adjustments.value')}
              </th>
              <th scope="col">{t('trust.adjustments.reason')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('trust.adjustments.withdraw')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {adjustments.map((adjustment) => (
              <AdjustmentRow key={adjustment.id} adjustment={adjustment} scheme={scheme} onChange={onChange} />
            ))}
          </tbody>
        </table>
      )}
      {dossier.status === 'received' ? (
        <form
          className="adjustment-form"
          onSubmit={(event) => {
            event.preventDefault();
            void save();
          }}
        >
          <div className="field">
            <label htmlFor="adjustment-figure">{t('trust.adjustments.figure')}</label>
            <select
              id="adjustment-figure"
              value={chosen}
              onChange={(event) => {
                setChosen(event.target.value);
                setText('');
              }}
              data-testid="adjustment-figure"
            >
              {targets.map((candidate) => (
                <option key={candidate.key} value={candidate.key}>
                  {figure.name(candidate.target)}
                </option>
              ))}
            </select>
            {target ? <span className="field-hint">{`${t('trust.adjustments.officeValue')}: ${figure.value(target, officeValueOf(dossier.content, target))}`}</span> : null}
          </div>
          <div className={`field${value === undefined ? ' field-invalid' : ''}`}>
            <label htmlFor="adjustment-value">{t('trust.adjustments.value')}</label>
            {yesNo ? (
              <select id="adjustment-value" value={text} onChange={(event) => setText(event.target.value)}>
                <option value="">{t('trust.adjustments.empty')}</option>
                <option value="yes">{t('trust.adjustments.yes')}</option>
                <option value="no">{t('trust.adjustments.no')}</option>
              </select>
            ) : (
              <input id="adjustment-value" inputMode="decimal" autoComplete="off" value={text} onChange={(event) => setText(event.target.value)} data-testid="adjustment-value" />
            )}
          </div>
          <div className="field adjustment-reason">
            <label htmlFor="adjustment-reason">{t('trust.adjustments.reason')}</label>
            <input id="adjustment-reason" value={reason} onChange={(event) => setReason(event.target.value)} data-testid="adjustment-reason" />
            <span className="field-hint">{t('trust.adjustments.reasonHint')}</span>
          </div>
          <button type="submit" disabled={busy || value === undefined || reason.trim().length < 5} data-testid="adjustment-save">
            {busy ? t('trust.adjustments.adding') : t('trust.adjustments.add')}
          </button>
        </form>
      ) : null}
      <ErrorBanner error={failure} />
    </section>
  );
}

/** In the ranking's explanation: each council adjustment this score uses, with the office's figure beside it. */
export function AdjustmentNotes({ adjustments, scheme }: { adjustments: Adjustment[]; scheme: Scheme }) {
  const { t, i18n } = useTranslation();
  const figure = useFigure(scheme);
  if (adjustments.length === 0) return null;
  return (
    <ul className="adjustment-notes" data-testid="adjustment-notes">
      {adjustments.map((adjustment) => (
        <li key={adjustment.id}>
          {t('trust.adjustments.inRanking', {
            figure: figure.name(adjustment.target),
            office: figure.value(adjustment.target, adjustment.officeValue),
            value: figure.value(adjustment.target, adjustment.value),
            reason: adjustment.reason,
            by: t('trust.adjustments.by', { name: adjustment.byName, at: formatDateTime(adjustment.at, i18n.language) }),
          })}
        </li>
      ))}
    </ul>
  );
}
