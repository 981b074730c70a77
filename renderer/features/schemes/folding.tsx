import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { get, useFormState } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { Criterion, Scheme } from '../../../shared/scoring/types';
import { at, useSchemeForm } from './fields';

/** An order to fold or unfold the items with these codes (expand all, collapse all, open the way to a field). */
interface FoldCommand {
  seq: number;
  open: boolean;
  codes: ReadonlySet<string>;
}

interface FoldContextValue {
  command: FoldCommand;
  /** An item's last fold state, by its code: saving or undoing remounts every item. */
  recall: (code: string) => boolean | undefined;
  remember: (code: string, open: boolean) => void;
  setOpen: (codes: readonly string[], open: boolean) => void;
}

const FoldContext = createContext<FoldContextValue>({ command: { seq: 0, open: false, codes: new Set() }, recall: () => undefined, remember: () => undefined, setOpen: () => undefined });

/** Holds the fold state of the criteria and conditions of one scheme editor. */
export function FoldProvider({ children }: { children: ReactNode }) {
  const remembered = useRef(new Map<string, boolean>());
  const [command, setCommand] = useState<FoldCommand>({ seq: 0, open: false, codes: new Set() });
  const recall = useCallback((code: string) => remembered.current.get(code), []);
  const remember = useCallback((code: string, open: boolean) => {
    remembered.current.set(code, open);
  }, []);
  const setOpen = useCallback((codes: readonly string[], open: boolean) => {
    // Items inside a folded group are not on screen: they find their state here once they are.
    for (const code of codes) remembered.current.set(code, open);
    setCommand((previous) => ({ seq: previous.seq + 1, open, codes: new Set(codes) }));
  }, []);
  const value = useMemo(() => ({ command, recall, remember, setOpen }), [command, recall, remember, setOpen]);
  return <FoldContext.Provider value={value}>{children}</FoldContext.Provider>;
}

/** Whether the item with this code is unfolded, and how to switch it; a new item starts as `openByDefault` says. */
export function useFold(code: string, openByDefault: boolean): { open: boolean; toggle: () => void } {
  const { command, recall, remember } = useContext(FoldContext);
  const [state, setState] = useState(() => ({ open: recall(code) ?? openByDefault, seq: command.seq }));
  let { open } = state;
  if (state.seq !== command.seq) {
    // A command arrived since the last render: it decides for the items it names, the others stay as they are.
    open = command.codes.has(code) ? command.open : state.open;
    setState({ open, seq: command.seq });
  }
  useEffect(() => remember(code, open), [remember, code, open]);
  const toggle = useCallback(() => setState((current) => ({ ...current, open: !current.open })), []);
  return { open, toggle };
}

/** Unfolds or folds the items with these codes, wherever they are. */
export function useFoldCommand(): (codes: readonly string[], open: boolean) => void {
  return useContext(FoldContext).setOpen;
}

/** Whether some field under `path` has an error: a folded item says so in its heading. */
export function useErrorsUnder(path: string): boolean {
  const { control } = useSchemeForm();
  const { errors } = useFormState({ control, name: at(path) });
  return get(errors, path) !== undefined;
}

/** The codes of criteria at any depth. */
export function criterionCodes(criteria: readonly (Criterion | undefined)[] | undefined): string[] {
  return (criteria ?? []).flatMap((criterion) => (criterion ? [criterion.id, ...criterionCodes(criterion.children)] : []));
}

/** The codes of the criteria (or the condition) a field's path goes through, outermost first: what to unfold to reach it. */
export function codesOnPath(path: string, scheme: Partial<Scheme>): string[] {
  const parts = path.split('.');
  if (parts[0] === 'gates') {
    const gate = scheme.gates?.[Number(parts[1])];
    return gate ? [gate.id] : [];
  }
  const rest = parts[0] === 'criteria' ? parts.slice(1) : parts[0] === 'bonus' && parts[1] === 'criteria' ? parts.slice(2) : null;
  if (!rest) return [];
  const codes: string[] = [];
  let list = parts[0] === 'criteria' ? scheme.criteria : scheme.bonus?.criteria;
  for (let index = 0; index < rest.length; index += 2) {
    const criterion = list?.[Number(rest[index])];
    if (!criterion) break;
    codes.push(criterion.id);
    if (rest[index + 1] !== 'children') break;
    list = criterion.children;
  }
  return codes;
}

interface FoldHeadingProps {
  level: 'h3' | 'h4';
  id: string;
  bodyId: string;
  open: boolean;
  onToggle: () => void;
  testId: string;
  /** The item's name, on the button. */
  children: ReactNode;
  /** What to see of a folded item without opening it (its maximum, whether something needs fixing). */
  meta?: ReactNode;
}

/** The heading of a foldable item: a button that folds and unfolds it, named by the item. */
export function FoldHeading({ level, id, bodyId, open, onToggle, testId, children, meta }: FoldHeadingProps) {
  const Heading = level;
  return (
    <Heading id={id} className="fold-heading">
      <button type="button" className="fold-toggle" aria-expanded={open} aria-controls={bodyId} onClick={onToggle} data-testid={testId}>
        <span className="fold-mark" aria-hidden="true">
          {open ? '▾' : '▸'}
        </span>
        {children}
      </button>
      {meta}
    </Heading>
  );
}

/** "Expand all" and "Collapse all" for one section of the editor; `codes` reads the section's items when clicked. */
export function FoldAllButtons({ section, codes, testId }: { section: string; codes: () => string[]; testId: string }) {
  const { t } = useTranslation();
  const setOpen = useFoldCommand();
  return (
    <div className="fold-all">
      <button type="button" className="link" aria-label={t('schemes.editor.expandAllIn', { section })} onClick={() => setOpen(codes(), true)} data-testid={`${testId}-expand-all`}>
        {t('schemes.editor.expandAll')}
      </button>
      <button type="button" className="link" aria-label={t('schemes.editor.collapseAllIn', { section })} onClick={() => setOpen(codes(), false)} data-testid={`${testId}-collapse-all`}>
        {t('schemes.editor.collapseAll')}
      </button>
    </div>
  );
}
