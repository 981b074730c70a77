import { createContext, useContext, useState, type ReactNode } from 'react';
import { useController, useFieldArray, useFormContext, type Control, type FieldArrayMethodProps, type FieldError, type FieldPath, type FieldValues } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { decodeIssueMessage, keyedMessage } from '../../../shared/contract/validation';
import type { Scheme } from '../../../shared/scoring/types';
import { Field } from '../../components/Field';
import { formatNumber, parseNumber, type NumberKind } from './scheme-form';

/** A dotted path into the scheme; deep paths (criteria.1.children.0.max) are beyond react-hook-form's path types. */
export function at(path: string): FieldPath<Scheme> {
  return path as FieldPath<Scheme>;
}

/** The DOM id of the control for a path, so labels, error links and focus can find it. */
export function controlId(path: string, suffix = ''): string {
  return `scheme-${path.replace(/\./g, '-')}${suffix ? `-${suffix}` : ''}`;
}

interface EditorContextValue {
  /** Codes of the saved scheme: dossiers hold data under them, so they stay as they are. */
  savedCodes: Set<string>;
  readOnly: boolean;
}

export const EditorContext = createContext<EditorContextValue>({ savedCodes: new Set(), readOnly: false });

export function useEditorContext(): EditorContextValue {
  return useContext(EditorContext);
}

export function useSchemeForm() {
  return useFormContext<Scheme>();
}

/** The part of a field array this editor uses, for items of any type. */
export interface ListAt<Item> {
  fields: (Item & { fieldKey: string })[];
  append: (item: Item, options?: FieldArrayMethodProps) => void;
  remove: (index: number) => void;
  move: (from: number, to: number) => void;
}

/** A field array anywhere in the scheme (criteria, children of a group, threshold steps…), keyed apart from the items' own `id`. */
export function useListAt<Item extends FieldValues>(name: string): ListAt<Item> {
  const { control } = useSchemeForm();
  const array = useFieldArray<{ list: FieldValues[] }, 'list', 'fieldKey'>({
    control: control as unknown as Control<{ list: FieldValues[] }>,
    name: name as 'list',
    keyName: 'fieldKey',
  });
  return array as unknown as ListAt<Item>;
}

interface FieldProps {
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  className?: string;
}

function describedBy(id: string, error: FieldError | undefined): string | undefined {
  return error ? `${id}-error` : undefined;
}

export function TextField({ name, label, hint, className, multiline }: FieldProps & { multiline?: boolean }) {
  const { control } = useSchemeForm();
  const { field, fieldState } = useController({ control, name: at(name) });
  const { ref, value, onChange, onBlur } = field;
  const id = controlId(name);
  const common = {
    id,
    name,
    value: typeof value === 'string' ? value : '',
    onBlur,
    'aria-invalid': fieldState.error ? true : undefined,
    'aria-describedby': describedBy(id, fieldState.error),
  };
  return (
    <Field id={id} label={label} hint={hint} error={fieldState.error} className={className}>
      {multiline ? (
        <textarea {...common} ref={ref} rows={2} onChange={(event) => onChange(event.target.value)} />
      ) : (
        <input {...common} ref={ref} autoComplete="off" onChange={(event) => onChange(event.target.value)} />
      )}
    </Field>
  );
}

/** The Vietnamese and English names of the scheme (no path) or of one of its items, side by side. */
export function LabelFields({ path }: { path?: string }) {
  const { t } = useTranslation();
  const prefix = path ? `${path}.` : '';
  return (
    <div className="grid-2">
      <TextField name={`${prefix}label.vi`} label={t('schemes.editor.labelVi')} />
      <TextField name={`${prefix}label.en`} label={t('schemes.editor.labelEn')} />
    </div>
  );
}

/** An item's code: typed while the item is new, shown as it is once saved, since dossiers hold data under it. */
export function CodeField({ name, code, hint, className }: { name: string; code: string; hint?: ReactNode; className?: string }) {
  const { t } = useTranslation();
  const { savedCodes } = useEditorContext();
  if (!savedCodes.has(code)) return <TextField name={name} label={t('schemes.editor.code')} hint={hint} className={className} />;
  return (
    <div className="field">
      <span>{t('schemes.editor.code')}</span>
      <code className="code" title={t('schemes.editor.codeHint')}>
        {code}
      </code>
    </div>
  );
}

/** Bounds of a points field are checked in hundredths; the person reads them in points. */
function inPoints(error: FieldError | undefined): FieldError | undefined {
  if (!error?.message) return error;
  const { key, params } = decodeIssueMessage(error.message);
  if (key !== 'validation.tooLarge' && key !== 'validation.tooSmall') return error;
  const scaled = Object.fromEntries(Object.entries(params).map(([name, value]) => [name, typeof value === 'number' ? value / 100 : value]));
  return { ...error, message: keyedMessage(key, scaled) };
}

/** A number typed as text (a comma or a point for decimals) and kept in the form as a number, points as hundredths. */
export function NumberField({ name, label, hint, className, kind }: FieldProps & { kind: NumberKind }) {
  const { i18n } = useTranslation();
  const { control } = useSchemeForm();
  const { field, fieldState } = useController({ control, name: at(name) });
  const { ref, value: stored, onChange, onBlur } = field;
  const [typed, setTyped] = useState<{ text: string; value: number | null } | null>(null);
  // What was typed stays on screen while it still stands for the form's value (a reset or an undo replaces it).
  const text = typed !== null && Object.is(typed.value, stored) ? typed.text : formatNumber(stored, kind, i18n.language);
  const id = controlId(name);
  const error = kind === 'points' ? inPoints(fieldState.error) : fieldState.error;
  return (
    <Field id={id} label={label} hint={hint} error={error} className={className}>
      <input
        id={id}
        ref={ref}
        name={name}
        inputMode="decimal"
        autoComplete="off"
        value={text}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, error)}
        onBlur={onBlur}
        onChange={(event) => {
          const value = parseNumber(event.target.value, kind);
          setTyped({ text: event.target.value, value });
          onChange(value);
        }}
      />
    </Field>
  );
}

export interface Option {
  value: string;
  label: string;
}

/** A choice among options; `toValue`/`fromValue` map the option's text to the form's value (booleans, for instance). */
export function SelectField({
  name,
  label,
  hint,
  className,
  options,
  placeholder,
  onChoose,
  unknownLabel = (value) => value,
  toValue = (text) => text,
  fromValue = (value) => (typeof value === 'string' ? value : ''),
}: FieldProps & {
  options: Option[];
  placeholder?: string;
  /** Replaces the plain change, for choices that reshape the scheme (a rule's type, a condition's type). */
  onChoose?: (text: string) => void;
  /** How to show a value that is not among the options (an indicator removed from the scheme). */
  unknownLabel?: (value: string) => string;
  toValue?: (text: string) => unknown;
  fromValue?: (value: unknown) => string;
}) {
  const { control } = useSchemeForm();
  const { field, fieldState } = useController({ control, name: at(name) });
  const { ref, value, onChange, onBlur } = field;
  const id = controlId(name);
  const current = fromValue(value);
  const known = current === '' || options.some((option) => option.value === current);
  return (
    <Field id={id} label={label} hint={hint} error={fieldState.error} className={className}>
      <select
        id={id}
        ref={ref}
        name={name}
        value={current}
        aria-invalid={fieldState.error ? true : undefined}
        aria-describedby={describedBy(id, fieldState.error)}
        onBlur={onBlur}
        onChange={(event) => (onChoose ? onChoose(event.target.value) : onChange(toValue(event.target.value)))}
      >
        {placeholder !== undefined || current === '' ? <option value="">{placeholder ?? ''}</option> : null}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
        {known ? null : <option value={current}>{unknownLabel(current)}</option>}
      </select>
    </Field>
  );
}
