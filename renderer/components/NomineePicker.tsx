import { useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { foldForSearch } from '../../shared/domain/text';
import './nominee-picker.css';

/** One name the picker offers: a unit or a person, with what tells it apart (its kind, its unit). */
export interface PickerItem {
  id: string;
  name: string;
  detail: string;
  /** The office's own (its units and their people): offered first. */
  own: boolean;
}

interface NomineePickerProps {
  id: string;
  label: string;
  items: PickerItem[];
  value: string;
  onChange: (id: string) => void;
  testId: string;
  /** The headings of the office's own names and of the others. */
  ownHeading: string;
  othersHeading: string;
}

/** How many names each group lists before asking for a few more letters: a long list is no help to anyone. */
const SHOWN_PER_GROUP = 60;

/**
 * A searchable list of nominees (the ARIA combobox pattern): type part of a name, accents not needed ("hoi nong dan"
 * finds "Hội Nông dân"); the office's own units and people come first; arrows move, Enter chooses, Escape closes.
 */
export function NomineePicker({ id, label, items, value, onChange, testId, ownHeading, othersHeading }: NomineePickerProps) {
  const { t } = useTranslation();
  const listId = useId();
  const chosen = items.find((item) => item.id === value) ?? null;
  const [query, setQuery] = useState<string | null>(null);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  // Folded once per list: thousands of names are searched at every keystroke.
  const folded = useMemo(() => new Map(items.map((item) => [item.id, foldForSearch(`${item.name} ${item.detail}`)])), [items]);
  const words = foldForSearch(query ?? '').split(' ').filter(Boolean);
  const matching = items.filter((item) => words.every((word) => (folded.get(item.id) ?? '').includes(word)));
  const groups = [
    { key: 'own', heading: ownHeading, all: matching.filter((item) => item.own) },
    { key: 'others', heading: othersHeading, all: matching.filter((item) => !item.own) },
  ]
    .filter((group) => group.all.length > 0)
    .map((group) => ({ ...group, shown: group.all.slice(0, SHOWN_PER_GROUP) }));
  const options = groups.flatMap((group) => group.shown);
  const activeIndex = Math.min(active, Math.max(0, options.length - 1));
  const optionId = (item: PickerItem) => `${id}-option-${item.id}`;

  const choose = (item: PickerItem) => {
    onChange(item.id);
    setQuery(null);
    setOpen(false);
  };

  const onKeyDown = (event: React.KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (!open) setOpen(true);
      else setActive(Math.max(0, Math.min(options.length - 1, activeIndex + (event.key === 'ArrowDown' ? 1 : -1))));
    } else if (event.key === 'Enter' && open) {
      event.preventDefault();
      const item = options[activeIndex];
      if (item) choose(item);
    } else if (event.key === 'Escape' && open) {
      event.preventDefault();
      setOpen(false);
      setQuery(null);
    }
  };

  return (
    <div className="field nominee-picker">
      <label htmlFor={id}>{label}</label>
      <input
        ref={input}
        id={id}
        type="text"
        role="combobox"
        aria-expanded={open}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={open && options[activeIndex] ? optionId(options[activeIndex]) : undefined}
        autoComplete="off"
        placeholder={t('picker.search')}
        value={query ?? (chosen ? chosen.name : '')}
        data-value={value}
        data-testid={testId}
        onChange={(event) => {
          setQuery(event.target.value);
          setActive(0);
          setOpen(true);
        }}
        onFocus={(event) => event.target.select()}
        onClick={() => setOpen(true)}
        onKeyDown={onKeyDown}
        onBlur={(event) => {
          // A click on an option first: the list closes once the choice is made.
          if (!event.relatedTarget || !(event.relatedTarget as HTMLElement).closest?.(`#${CSS.escape(listId)}`)) {
            setOpen(false);
            setQuery(null);
          }
        }}
      />
      {chosen && !open ? <span className="field-hint">{chosen.detail}</span> : null}
      <div id={listId} role="listbox" aria-label={label} className="picker-list" hidden={!open} tabIndex={-1}>
        {open && options.length === 0 ? (
          <p className="muted picker-empty" role="status">
            {t('picker.noMatch', { query: query ?? '' })}
          </p>
        ) : null}
        {open
          ? groups.map((group) => (
              <div key={group.key} role="group" aria-labelledby={`${id}-${group.key}`} data-group={group.key}>
                <div id={`${id}-${group.key}`} className="picker-heading" role="presentation">
                  {group.heading} <span className="muted">({t('picker.count', { count: group.all.length })})</span>
                </div>
                {group.shown.map((item) => {
                  const index = options.indexOf(item);
                  return (
                    <div
                      key={item.id}
                      id={optionId(item)}
                      role="option"
                      aria-selected={index === activeIndex}
                      className={`picker-option${index === activeIndex ? ' picker-active' : ''}${item.id === value ? ' picker-chosen' : ''}`}
                      data-value={item.id}
                      onMouseDown={(event) => event.preventDefault()}
                      onMouseEnter={() => setActive(index)}
                      onClick={() => choose(item)}
                    >
                      <span className="picker-name">{item.name}</span> <span className="muted small">{item.detail}</span>
                    </div>
                  );
                })}
                {group.all.length > group.shown.length ? <p className="muted small picker-more">{t('picker.more', { count: group.all.length - group.shown.length })}</p> : null}
              </div>
            ))
          : null}
      </div>
    </div>
  );
}
