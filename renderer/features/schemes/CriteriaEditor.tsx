import { get, useFormState, useWatch, type FieldError } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { Criterion, Indicator, Label, Rule, RuleType, ThresholdStep } from '../../../shared/scoring/types';
import { FieldErrorText } from '../../components/errors';
import { focusSoon } from '../../components/focus';
import { useLabel } from '../../components/format';
import { at, CodeField, controlId, LabelFields, NumberField, SelectField, TextField, useEditorContext, useListAt, useSchemeForm, type Option } from './fields';
import { FoldHeading, useErrorsUnder, useFold, useFoldCommand } from './folding';
import { indicatorsFor, newCode, newCriterion, RULE_TYPES, ruleOfType } from './scheme-form';

/** Up, down and remove buttons of one item of a list, named after the item for screen readers. */
export function ItemActions({ path, name, first, last, onUp, onDown, onRemove }: { path: string; name: string; first: boolean; last: boolean; onUp: () => void; onDown: () => void; onRemove: () => void }) {
  const { t } = useTranslation();
  const { readOnly } = useEditorContext();
  if (readOnly) return null;
  return (
    <div className="item-actions">
      <button type="button" className="secondary" id={controlId(path, 'up')} disabled={first} aria-label={t('schemes.editor.moveUpNamed', { name })} onClick={onUp}>
        ↑ {t('schemes.editor.moveUp')}
      </button>
      <button type="button" className="secondary" id={controlId(path, 'down')} disabled={last} aria-label={t('schemes.editor.moveDownNamed', { name })} onClick={onDown}>
        ↓ {t('schemes.editor.moveDown')}
      </button>
      <button type="button" className="secondary remove" id={controlId(path, 'remove')} aria-label={t('schemes.editor.removeNamed', { name })} onClick={onRemove}>
        ✕ {t('schemes.editor.remove')}
      </button>
    </div>
  );
}

/** Move handlers for item `index` of the list at `path` that keep the keyboard focus on the moved item. */
export function moveHandlers(path: string, index: number, count: number, move: (from: number, to: number) => void) {
  const focusMoved = (to: number) => focusSoon(controlId(`${path}.${to}`, to === 0 ? 'down' : to === count - 1 ? 'up' : to < index ? 'up' : 'down'));
  return {
    onUp: () => {
      move(index, index - 1);
      focusMoved(index - 1);
    },
    onDown: () => {
      move(index, index + 1);
      focusMoved(index + 1);
    },
  };
}

/** The indicators of the edited scheme, as options for a rule or a condition. */
export function useIndicatorOptions(yesNo: boolean): Option[] {
  const { control } = useSchemeForm();
  const label = useLabel();
  const indicators = (useWatch({ control, name: 'indicators' }) ?? []) as Indicator[];
  return indicatorsFor(indicators, yesNo)
    .filter((indicator) => typeof indicator.key === 'string' && indicator.key !== '')
    .map((indicator) => ({ value: indicator.key, label: label(indicator.label) || indicator.key }));
}

function IndicatorSelect({ name, label, yesNo }: { name: string; label: string; yesNo: boolean }) {
  const { t } = useTranslation();
  const options = useIndicatorOptions(yesNo);
  return <SelectField name={name} label={label} options={options} placeholder={t('schemes.editor.chooseIndicator')} unknownLabel={(key) => t('schemes.editor.unknownIndicator', { key })} />;
}

function ThresholdSteps({ path }: { path: string }) {
  const { t } = useTranslation();
  const { control } = useSchemeForm();
  const { readOnly } = useEditorContext();
  const stepsPath = `${path}.rule.steps`;
  const { fields, append, remove } = useListAt<ThresholdStep>(stepsPath);
  const { errors } = useFormState({ control, name: at(stepsPath) });
  const listError = get(errors, stepsPath) as (FieldError & { root?: FieldError }) | undefined;
  const addId = controlId(stepsPath, 'add');
  return (
    <fieldset className="steps">
      <legend>{t('schemes.editor.steps')}</legend>
      <p className="muted small">{t('schemes.editor.stepsHint')}</p>
      {fields.map((item, index) => (
        <div className="step-row" key={item.fieldKey}>
          <NumberField name={`${stepsPath}.${index}.bound`} kind="decimal" label={`${t('schemes.editor.bound')} ${index + 1}`} />
          <NumberField name={`${stepsPath}.${index}.points`} kind="points" label={t('schemes.editor.stepPoints')} />
          {readOnly ? null : (
            <button
              type="button"
              className="secondary remove"
              aria-label={t('schemes.editor.removeStep', { number: index + 1 })}
              disabled={fields.length === 1}
              onClick={() => {
                remove(index);
                focusSoon(addId);
              }}
            >
              ✕
            </button>
          )}
        </div>
      ))}
      <FieldErrorText error={listError?.message ? listError : listError?.root} />
      {readOnly ? null : (
        <button type="button" className="secondary" id={addId} onClick={() => append({ bound: 0, points: 0 })}>
          {t('schemes.editor.addStep')}
        </button>
      )}
    </fieldset>
  );
}

function RuleFields({ path, type }: { path: string; type: RuleType }) {
  const { t } = useTranslation();
  const rulePath = `${path}.rule`;
  const yesNoOptions: Option[] = [
    { value: 'true', label: t('app.yes') },
    { value: 'false', label: t('app.no') },
  ];
  switch (type) {
    case 'manual':
      return <NumberField name={`${rulePath}.step`} kind="points" label={t('schemes.editor.step')} hint={t('schemes.editor.stepHint')} className="narrow" />;
    case 'thresholds':
      return (
        <>
          <IndicatorSelect name={`${rulePath}.indicator`} label={t('schemes.editor.indicator')} yesNo={false} />
          <SelectField
            name={`${rulePath}.direction`}
            label={t('schemes.editor.direction')}
            options={[
              { value: 'higherIsBetter', label: t('schemes.editor.higherIsBetter') },
              { value: 'lowerIsBetter', label: t('schemes.editor.lowerIsBetter') },
            ]}
          />
          <ThresholdSteps path={path} />
        </>
      );
    case 'linear':
      return (
        <>
          <IndicatorSelect name={`${rulePath}.indicator`} label={t('schemes.editor.indicator')} yesNo={false} />
          <div className="grid-2">
            <NumberField name={`${rulePath}.zeroAt`} kind="decimal" label={t('schemes.editor.zeroAt')} />
            <NumberField name={`${rulePath}.fullAt`} kind="decimal" label={t('schemes.editor.fullAt')} />
          </div>
        </>
      );
    case 'ratio':
      return (
        <>
          <IndicatorSelect name={`${rulePath}.indicator`} label={t('schemes.editor.indicator')} yesNo={false} />
          <IndicatorSelect name={`${rulePath}.plan`} label={t('schemes.editor.plan')} yesNo={false} />
          <NumberField name={`${rulePath}.fullAtPercent`} kind="decimal" label={t('schemes.editor.fullAtPercent')} className="narrow" />
        </>
      );
    case 'yesNo':
      return (
        <>
          <IndicatorSelect name={`${rulePath}.indicator`} label={t('schemes.editor.indicator')} yesNo />
          <SelectField
            name={`${rulePath}.pointsWhen`}
            label={t('schemes.editor.pointsWhen')}
            options={yesNoOptions}
            toValue={(text) => text === 'true'}
            fromValue={(value) => (typeof value === 'boolean' ? String(value) : '')}
            className="narrow"
          />
        </>
      );
    case 'deduction':
      return (
        <>
          <IndicatorSelect name={`${rulePath}.indicator`} label={t('schemes.editor.indicator')} yesNo={false} />
          <NumberField name={`${rulePath}.perCount`} kind="points" label={t('schemes.editor.perCount')} className="narrow" />
        </>
      );
  }
}

/** How a leaf is scored: the rule type (changing it swaps the rule's fields) and the rule's own fields. */
function RuleEditor({ path, rule }: { path: string; rule: Rule | undefined }) {
  const { t } = useTranslation();
  const { control, getValues, setValue } = useSchemeForm();
  const { readOnly } = useEditorContext();
  const rulePath = `${path}.rule`;
  const { errors } = useFormState({ control, name: at(rulePath) });
  const ruleError = get(errors, rulePath) as FieldError | undefined;
  const id = controlId(rulePath);
  const type = rule?.type;
  return (
    <div className="rule-box">
      <div className={`field${ruleError?.message ? ' field-invalid' : ''}`}>
        <label htmlFor={id}>{t('schemes.editor.rule')}</label>
        {/* A plain select: the rule object is replaced as a whole, so no field is registered at rule.type. */}
        <select
          id={id}
          value={type ?? ''}
          disabled={readOnly}
          aria-invalid={ruleError?.message ? true : undefined}
          aria-describedby={ruleError?.message ? `${id}-error` : undefined}
          data-testid={`rule-type-${path}`}
          onChange={(event) => {
            const chosen = event.target.value as RuleType | '';
            if (chosen === '') return;
            const indicators = getValues('indicators');
            const max = getValues(at(`${path}.max`)) as number;
            setValue(at(rulePath), ruleOfType(chosen, rule, indicators, max) as never, { shouldDirty: true });
          }}
        >
          {type ? null : <option value="">{t('schemes.editor.chooseRule')}</option>}
          {RULE_TYPES.map((option) => (
            <option key={option} value={option}>
              {t(`schemes.editor.ruleTypes.${option}`)}
            </option>
          ))}
        </select>
        <FieldErrorText error={ruleError?.message ? ruleError : undefined} id={`${id}-error`} />
      </div>
      {type ? <RuleFields key={type} path={path} type={type} /> : null}
    </div>
  );
}

interface CriterionListProps {
  /** The array: `criteria`, `bonus.criteria` or a group's `….children`. */
  path: string;
  depth: number;
  /** Number of the parent ("2." for the children of criterion 2), or the list's own prefix. */
  prefix: string;
  addLabel: string;
  /** Maximum of a new criterion, in hundredths. */
  defaultMax: number;
}

/** An ordered list of criteria: add, remove and move; a group's children are such a list too. */
export function CriterionList({ path, depth, prefix, addLabel, defaultMax }: CriterionListProps) {
  const { getValues } = useSchemeForm();
  const { readOnly } = useEditorContext();
  const setOpen = useFoldCommand();
  const { fields, append, remove, move } = useListAt<Criterion>(path);
  const addId = controlId(path, 'add');
  const add = () => {
    const code = newCode(getValues(), 'criterion');
    // A new criterion opens, to be named at once.
    setOpen([code], true);
    append(newCriterion(code, defaultMax));
  };
  return (
    <div className="criterion-list" data-list={path}>
      {fields.map((item, index) => (
        <CriterionEditor
          key={item.fieldKey}
          path={`${path}.${index}`}
          number={`${prefix}${index + 1}`}
          depth={depth}
          // The first criterion is open at first, the others folded, so that a long scheme reads as a list of its criteria.
          openByDefault={path === 'criteria' && index === 0}
          first={index === 0}
          last={index === fields.length - 1}
          {...moveHandlers(path, index, fields.length, move)}
          onRemove={() => {
            remove(index);
            focusSoon(addId);
          }}
        />
      ))}
      {readOnly ? null : (
        <button type="button" className="secondary add" id={addId} onClick={add}>
          + {addLabel}
        </button>
      )}
    </div>
  );
}

interface CriterionEditorProps {
  path: string;
  number: string;
  depth: number;
  openByDefault: boolean;
  first: boolean;
  last: boolean;
  onUp: () => void;
  onDown: () => void;
  onRemove: () => void;
}

function CriterionEditor({ path, number, depth, openByDefault, first, last, onUp, onDown, onRemove }: CriterionEditorProps) {
  const { t } = useTranslation();
  const label = useLabel();
  const { control, getValues, setValue } = useSchemeForm();
  const { readOnly } = useEditorContext();
  const code = useWatch({ control, name: at(`${path}.id`) }) as string;
  const labels = useWatch({ control, name: at(`${path}.label`) }) as Label | undefined;
  const basis = useWatch({ control, name: at(`${path}.basis`) }) as Label | undefined;
  const children = useWatch({ control, name: at(`${path}.children`) }) as Criterion[] | undefined;
  const rule = useWatch({ control, name: at(`${path}.rule`) }) as Rule | undefined;
  const max = useWatch({ control, name: at(`${path}.max`) }) as number | undefined;
  const name = label(labels) || t('schemes.editor.untitled');
  const isGroup = (children?.length ?? 0) > 0;
  const headingId = controlId(path, 'heading');
  const bodyId = controlId(path, 'body');
  const { open, toggle } = useFold(code, openByDefault);
  const setOpen = useFoldCommand();
  const hasErrors = useErrorsUnder(path);

  const makeGroup = () => {
    const criterion = getValues(at(path)) as Criterion;
    const child: Criterion = { id: newCode(getValues(), 'criterion'), label: { ...criterion.label }, max: criterion.max, ...(criterion.rule ? { rule: criterion.rule } : {}) };
    setOpen([child.id], true);
    setValue(at(`${path}.rule`), undefined as never, { shouldDirty: true });
    setValue(at(`${path}.children`), [child] as never, { shouldDirty: true });
    focusSoon(controlId(`${path}.children.0.label.vi`));
  };

  return (
    <section className={`criterion-card depth-${depth}${open ? '' : ' folded'}`} aria-labelledby={headingId} data-criterion={code} data-testid={`criterion-${code}`}>
      <div className="item-head">
        <FoldHeading
          level={depth === 0 ? 'h3' : 'h4'}
          id={headingId}
          bodyId={bodyId}
          open={open}
          onToggle={toggle}
          testId={`fold-${code}`}
          meta={
            <>
              {Number.isFinite(max) ? <span className="fold-meta">{t('schemes.editor.foldedMax', { count: (max as number) / 100 })}</span> : null}
              {!open && hasErrors ? <span className="pill pill-bad">{t('schemes.editor.needsFix')}</span> : null}
            </>
          }
        >
          {number}. {name}
        </FoldHeading>
        <ItemActions path={path} name={name} first={first} last={last} onUp={onUp} onDown={onDown} onRemove={onRemove} />
      </div>
      <div id={bodyId} className="fold-body">
        {open ? (
          <>
            {/* Only the criterion's own fields: the sub-criteria below keep their fold buttons when the campaign is closed. */}
            <fieldset disabled={readOnly} className="plain">
              <LabelFields path={path} />
              <div className="grid-3">
                <NumberField name={`${path}.max`} kind="points" label={t('schemes.editor.max')} />
                <CodeField name={`${path}.id`} code={code} hint={t('schemes.editor.codeHint')} className="span-2" />
              </div>
              {basis ? (
                <div className="grid-2">
                  <TextField name={`${path}.basis.vi`} label={t('schemes.editor.basisVi')} multiline />
                  <TextField name={`${path}.basis.en`} label={t('schemes.editor.basisEn')} multiline />
                </div>
              ) : null}
              {readOnly ? null : (
                <div className="inline-actions">
                  {basis ? (
                    <button type="button" className="link" onClick={() => setValue(at(`${path}.basis`), undefined as never, { shouldDirty: true })}>
                      {t('schemes.editor.removeBasis')}
                    </button>
                  ) : (
                    <button
                      type="button"
                      className="link"
                      onClick={() => {
                        setValue(at(`${path}.basis`), { vi: '', en: '' } as never, { shouldDirty: true });
                        focusSoon(controlId(`${path}.basis.vi`));
                      }}
                    >
                      {t('schemes.editor.addBasis')}
                    </button>
                  )}
                  {isGroup ? null : (
                    <button type="button" className="link" onClick={makeGroup}>
                      {t('schemes.editor.makeGroup')}
                    </button>
                  )}
                </div>
              )}
              {isGroup ? null : <RuleEditor path={path} rule={rule} />}
            </fieldset>
            {isGroup ? (
              <div className="sub-criteria" role="group" aria-label={t('schemes.editor.subCriteria', { name })}>
                <p className="muted small">{t('schemes.editor.groupNote')}</p>
                <CriterionList path={`${path}.children`} depth={depth + 1} prefix={`${number}.`} addLabel={t('schemes.editor.addSub')} defaultMax={100} />
              </div>
            ) : null}
          </>
        ) : null}
      </div>
    </section>
  );
}
