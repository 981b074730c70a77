import { useMemo, useState } from 'react';
import { get, useFieldArray, useFormContext, useFormState, type FieldError } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { Campaign } from '../../../shared/domain/campaign';
import { leafCriteria } from '../../../shared/scoring/leaves';
import type { Label, TieBreak } from '../../../shared/scoring/types';
import { FieldErrorText } from '../../components/errors';
import { focusSoon } from '../../components/focus';
import { useLabel } from '../../components/format';
import type { CampaignFormValues } from './campaign-form';

interface CriterionChoice {
  id: string;
  label: Label;
  /** How many of the campaign's schemes have this criterion (a tie-break on it gives 0 points elsewhere). */
  schemes: number;
}

/** The leaf criteria of every scheme of the campaign, once each, in the order the schemes list them. */
function criterionChoices(campaign: Campaign): CriterionChoice[] {
  const choices = new Map<string, CriterionChoice>();
  for (const scheme of campaign.schemes) {
    for (const criterion of leafCriteria(scheme)) {
      const known = choices.get(criterion.id);
      if (known) known.schemes += 1;
      else choices.set(criterion.id, { id: criterion.id, label: criterion.label, schemes: 1 });
    }
  }
  return [...choices.values()];
}

function keyOf(tieBreak: TieBreak): string {
  return tieBreak.type === 'criterion' ? `criterion:${tieBreak.criterionId}` : tieBreak.type;
}

function fromKey(key: string): TieBreak {
  if (key.startsWith('criterion:')) return { type: 'criterion', criterionId: key.slice('criterion:'.length) };
  return key === 'voteShare' ? { type: 'voteShare' } : { type: 'womenPriority' };
}

/** The ordered tie-break chain: add a rule, move it up or down, remove it. */
export function TieBreakEditor({ campaign, readOnly }: { campaign: Campaign; readOnly: boolean }) {
  const { t } = useTranslation();
  const label = useLabel();
  const { control } = useFormContext<CampaignFormValues>();
  const { fields, append, remove, move } = useFieldArray({ control, name: 'settings.tieBreaks', keyName: 'fieldKey' });
  const { errors } = useFormState({ control, name: 'settings.tieBreaks' });
  const [toAdd, setToAdd] = useState('');
  const choices = useMemo(() => criterionChoices(campaign), [campaign]);
  const total = campaign.schemes.length;

  const describe = (tieBreak: TieBreak): string => {
    if (tieBreak.type !== 'criterion') return t(`campaign.tieBreakTypes.${tieBreak.type}`);
    const choice = choices.find((item) => item.id === tieBreak.criterionId);
    if (!choice) return t('campaign.tieBreakTypes.criterion', { name: t('campaign.unknownCriterion', { id: tieBreak.criterionId }) });
    const name = t('campaign.tieBreakTypes.criterion', { name: label(choice.label) });
    return choice.schemes < total ? `${name} — ${t('campaign.inSchemes', { count: choice.schemes, total })}` : name;
  };

  const used = new Set(fields.map((field) => keyOf(field)));
  const options = [
    ...choices.map((choice) => ({
      key: `criterion:${choice.id}`,
      text: `${t('campaign.tieBreakTypes.criterion', { name: label(choice.label) })}${choice.schemes < total ? ` — ${t('campaign.inSchemes', { count: choice.schemes, total })}` : ''}`,
    })),
    { key: 'voteShare', text: t('campaign.tieBreakTypes.voteShare') },
    { key: 'womenPriority', text: t('campaign.tieBreakTypes.womenPriority') },
  ].filter((option) => !used.has(option.key));
  const chosen = options.some((option) => option.key === toAdd) ? toAdd : '';

  const moveTo = (from: number, to: number) => {
    move(from, to);
    focusSoon(`tie-break-${to}-${to === 0 ? 'down' : to === fields.length - 1 ? 'up' : to < from ? 'up' : 'down'}`);
  };

  return (
    <fieldset className="tie-breaks" aria-describedby="tie-breaks-hint">
      <legend>{t('campaign.tieBreaks')}</legend>
      <p className="muted small" id="tie-breaks-hint">
        {t('campaign.tieBreaksHint')}
      </p>
      {fields.length === 0 ? <p className="empty">{t('campaign.noTieBreak')}</p> : null}
      <ol className="tie-break-list" data-testid="tie-break-list">
        {fields.map((field, index) => {
          const name = describe(field);
          const error = (get(errors, `settings.tieBreaks.${index}.criterionId`) ?? get(errors, `settings.tieBreaks.${index}`)) as FieldError | undefined;
          return (
            <li key={field.fieldKey} data-tie-break={keyOf(field)}>
              <span className="tie-break-number" aria-hidden="true">
                {index + 1}.
              </span>
              <span className="tie-break-name">{name}</span>
              {readOnly ? null : (
                <span className="item-actions">
                  <button type="button" className="secondary" id={`tie-break-${index}-up`} disabled={index === 0} aria-label={t('campaign.moveUpNamed', { name })} onClick={() => moveTo(index, index - 1)}>
                    ↑ {t('campaign.moveUp')}
                  </button>
                  <button
                    type="button"
                    className="secondary"
                    id={`tie-break-${index}-down`}
                    disabled={index === fields.length - 1}
                    aria-label={t('campaign.moveDownNamed', { name })}
                    onClick={() => moveTo(index, index + 1)}
                  >
                    ↓ {t('campaign.moveDown')}
                  </button>
                  <button
                    type="button"
                    className="secondary remove"
                    aria-label={t('campaign.removeNamed', { name })}
                    onClick={() => {
                      remove(index);
                      focusSoon('tie-break-to-add');
                    }}
                  >
                    ✕ {t('campaign.remove')}
                  </button>
                </span>
              )}
              <FieldErrorText error={error?.message ? error : undefined} />
            </li>
          );
        })}
      </ol>
      {readOnly ? null : (
        <div className="tie-break-add">
          <label htmlFor="tie-break-to-add">{t('campaign.tieBreakToAdd')}</label>
          <select id="tie-break-to-add" value={chosen} onChange={(event) => setToAdd(event.target.value)} data-testid="tie-break-to-add">
            <option value="">{t('campaign.chooseTieBreak')}</option>
            {options.map((option) => (
              <option key={option.key} value={option.key}>
                {option.text}
              </option>
            ))}
          </select>
          <button
            type="button"
            className="secondary"
            id="tie-break-add"
            disabled={chosen === '' || fields.length >= 10}
            data-testid="tie-break-add"
            onClick={() => {
              append(fromKey(chosen), { shouldFocus: false });
              setToAdd('');
            }}
          >
            + {t('campaign.addTieBreak')}
          </button>
        </div>
      )}
    </fieldset>
  );
}
