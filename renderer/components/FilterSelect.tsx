import type { ReactNode } from 'react';
import './filters.css';

export interface FilterOption {
  value: string;
  label: ReactNode;
}

interface FilterSelectProps<Value extends string> {
  label: ReactNode;
  value: Value;
  options: readonly FilterOption[];
  onChange: (value: Value) => void;
  testId?: string;
}

/** One labelled filter of a list's toolbar; the first option usually means "all". */
export function FilterSelect<Value extends string>({ label, value, options, onChange, testId }: FilterSelectProps<Value>) {
  return (
    <label className="filter">
      <span>{label}</span>
      <select value={value} onChange={(event) => onChange(event.target.value as Value)} data-testid={testId}>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </label>
  );
}
