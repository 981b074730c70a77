import { useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { Gate, GateCondition, Indicator, Label } from '../../../shared/scoring/types';
import { focusSoon } from '../../components/focus';
import { useLabel } from '../../components/format';
import { ItemActions, moveHandlers, useIndicatorOptions } from './CriteriaEditor';
import { at, CodeField, controlId, LabelFields, NumberField, SelectField, TextField, useEditorContext, useListAt, useSchemeForm, type Option } from './fields';
import { FoldAllButtons, FoldHeading, useErrorsUnder, useFold, useFoldCommand } from './folding';
import { conditionOfType, newCode, newGate, newIndicator } from './scheme-form';

const CONDITION_TYPES: GateCondition['type'][] = ['atMost', 'atLeast', 'is'];

function GateEditor({ path, index, count, move, onRemove }: { path: string; index: number; count: number; move: (from: number, to: number) => void; onRemove: () => void }) {
  const { t } = useTranslation();
  const label = useLabel();
  const { control } = useSchemeForm();
  const { readOnly } = useEditorContext();
  const code = useWatch({ control, name: at(`${path}.id`) }) as string;
  const labels = useWatch({ control, name: at(`${path}.label`) }) as Label | undefined;
  const condition = useWatch({ control, name: at(`${path}.condition`) }) as GateCondition;
  const name = label(labels) || t('schemes.editor.untitled');
  const options = useIndicatorOptions(condition.type === 'is');
  const headingId = controlId(path, 'heading');
  const bodyId = controlId(path, 'body');
  const { open, toggle } = useFold(code, false);
  const hasErrors = useErrorsUnder(path);
  return (
    <section className={`criterion-card${open ? '' : ' folded'}`} aria-labelledby={headingId} data-testid={`gate-${code}`}>
      <div className="item-head">
        <FoldHeading level="h3" id={headingId} bodyId={bodyId} open={open} onToggle={toggle} testId={`fold-${code}`} meta={!open && hasErrors ? <span className="pill pill-bad">{t('schemes.editor.needsFix')}</span> : null}>
          {name}
        </FoldHeading>
        <ItemActions path={path} name={name} first={index === 0} last={index === count - 1} {...moveHandlers('gates', index, count, move)} onRemove={onRemove} />
      </div>
      <div id={bodyId} className="fold-body">
        {open ? <GateFields path={path} condition={condition} options={options} readOnly={readOnly} /> : null}
      </div>
    </section>
  );
}

/** What a condition requires: its names, the kind of requirement, the indicator and the bound or answer. */
function GateFields({ path, condition, options, readOnly }: { path: string; condition: GateCondition; options: Option[]; readOnly: boolean }) {
  const { t } = useTranslation();
  const { getValues, setValue } = useSchemeForm();
  return (
    <fieldset disabled={readOnly} className="plain">
      <LabelFields path={path} />
      <div className="grid-3">
        <SelectField
          name={`${path}.condition.type`}
          label={t('schemes.editor.conditionType')}
          options={CONDITION_TYPES.map((type) => ({ value: type, label: t(`schemes.editor.conditionTypes.${type}`) }))}
          onChoose={(text) => {
            const type = text as GateCondition['type'];
            setValue(at(`${path}.condition`), conditionOfType(type, getValues(at(`${path}.condition`)) as GateCondition, getValues('indicators')) as never, { shouldDirty: true });
          }}
        />
        <SelectField
          name={`${path}.condition.indicator`}
          label={t('schemes.editor.indicator')}
          options={options}
          placeholder={t('schemes.editor.chooseIndicator')}
          unknownLabel={(key) => t('schemes.editor.unknownIndicator', { key })}
        />
        {condition.type === 'is' ? (
          <SelectField
            key="value"
            name={`${path}.condition.value`}
            label={t('schemes.editor.gateValue')}
            options={[
              { value: 'true', label: t('app.yes') },
              { value: 'false', label: t('app.no') },
            ]}
            toValue={(text) => text === 'true'}
            fromValue={(value) => (typeof value === 'boolean' ? String(value) : '')}
          />
        ) : (
          <NumberField key="bound" name={`${path}.condition.bound`} kind="decimal" label={t('schemes.editor.gateBound')} />
        )}
      </div>
    </fieldset>
  );
}

/** Eligibility conditions of the scheme. */
export function GatesEditor() {
  const { t } = useTranslation();
  const { getValues } = useSchemeForm();
  const { readOnly } = useEditorContext();
  const setOpen = useFoldCommand();
  const { fields, append, remove, move } = useListAt<Gate>('gates');
  const addId = controlId('gates', 'add');
  const add = () => {
    const gate = newGate(newCode(getValues(), 'gate'), getValues('indicators'));
    setOpen([gate.id], true);
    append(gate);
  };
  return (
    <section className="card" aria-labelledby="scheme-gates-heading">
      <div className="section-head">
        <h2 id="scheme-gates-heading">{t('schemes.editor.gates')}</h2>
        {fields.length > 0 ? <FoldAllButtons section={t('schemes.editor.gates')} codes={() => (getValues('gates') ?? []).map((gate) => gate.id)} testId="gates" /> : null}
      </div>
      <p className="muted small">{t('schemes.editor.gatesHint')}</p>
      <div className="criterion-list" data-list="gates">
        {fields.map((item, index) => (
          <GateEditor
            key={item.fieldKey}
            path={`gates.${index}`}
            index={index}
            count={fields.length}
            move={move}
            onRemove={() => {
              remove(index);
              focusSoon(addId);
            }}
          />
        ))}
        {readOnly ? null : (
          <button type="button" className="secondary add" id={addId} onClick={add}>
            + {t('schemes.editor.addGate')}
          </button>
        )}
      </div>
    </section>
  );
}

function IndicatorEditor({ path, onRemove }: { path: string; onRemove: () => void }) {
  const { t } = useTranslation();
  const label = useLabel();
  const { control } = useSchemeForm();
  const { readOnly } = useEditorContext();
  const key = useWatch({ control, name: at(`${path}.key`) }) as string;
  const labels = useWatch({ control, name: at(`${path}.label`) }) as Label | undefined;
  const unit = useWatch({ control, name: at(`${path}.unit`) }) as Indicator['unit'];
  const name = label(labels) || key || t('schemes.editor.untitled');
  return (
    <div className="indicator-row" data-indicator={key}>
      <div className="indicator-head">
        <CodeField name={`${path}.key`} code={key} />
        <TextField name={`${path}.label.vi`} label={t('schemes.editor.labelVi')} />
        <TextField name={`${path}.label.en`} label={t('schemes.editor.labelEn')} />
      </div>
      <div className="grid-indicator">
        <SelectField
          name={`${path}.unit`}
          label={t('schemes.editor.unit')}
          options={(['percent', 'count', 'millionVnd', 'yesNo'] as const).map((value) => ({ value, label: t(`schemes.editor.unitNames.${value}`) }))}
        />
        {unit === 'yesNo' ? null : (
          <>
            <NumberField name={`${path}.min`} kind="decimal" label={t('schemes.editor.min')} />
            <NumberField name={`${path}.max`} kind="decimal" label={t('schemes.editor.maxValue')} />
            <NumberField name={`${path}.decimals`} kind="integer" label={t('schemes.editor.decimals')} />
          </>
        )}
        {readOnly ? null : (
          <div className="field align-end">
            <button type="button" className="secondary remove" id={controlId(path, 'remove')} aria-label={t('schemes.editor.removeNamed', { name })} onClick={onRemove}>
              ✕ {t('schemes.editor.remove')}
            </button>
          </div>
        )}
      </div>
    </div>
  );
}

/** The figures a dossier reports; folded away by default, as the council mostly edits criteria. */
export function IndicatorsEditor() {
  const { t } = useTranslation();
  const { getValues } = useSchemeForm();
  const { readOnly } = useEditorContext();
  const { fields, append, remove } = useListAt<Indicator>('indicators');
  const addId = controlId('indicators', 'add');
  return (
    <details className="card indicators" data-testid="scheme-indicators">
      <summary>
        <h2 className="inline-heading">{t('schemes.editor.indicators', { count: fields.length })}</h2>
      </summary>
      <p className="muted small">{t('schemes.editor.indicatorsHint')}</p>
      <fieldset disabled={readOnly} className="plain">
        {fields.map((item, index) => (
          <IndicatorEditor
            key={item.fieldKey}
            path={`indicators.${index}`}
            onRemove={() => {
              remove(index);
              focusSoon(addId);
            }}
          />
        ))}
      </fieldset>
      {readOnly ? null : (
        <button type="button" className="secondary add" id={addId} onClick={() => append(newIndicator(newCode(getValues(), 'indicator')))}>
          + {t('schemes.editor.addIndicator')}
        </button>
      )}
    </details>
  );
}
