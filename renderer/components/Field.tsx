import type { ReactNode } from 'react';
import type { FieldError } from 'react-hook-form';
import { FieldErrorText } from './errors';

interface FieldProps {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: FieldError | undefined;
  children: ReactNode;
  className?: string;
}

/** A labelled form control with its hint and its error beneath. */
export function Field({ id, label, hint, error, children, className }: FieldProps) {
  return (
    <div className={`field${error ? ' field-invalid' : ''}${className ? ` ${className}` : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children}
      {hint ? <span className="field-hint">{hint}</span> : null}
      <FieldErrorText error={error} id={`${id}-error`} />
    </div>
  );
}
