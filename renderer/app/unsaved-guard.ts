import { useEffect, useState } from 'react';
import { create } from 'zustand';

/** A departure waiting for the person's answer: what the page with unsaved edits says, and how to go on. */
export interface PendingDeparture {
  message: string;
  leave: () => void;
}

interface UnsavedEditsState {
  /** The pages on screen that would lose edits if the person left now, each with what it would say. */
  guards: { id: symbol; message: string }[];
  /** The question being asked (UnsavedChangesDialog), if any. */
  pending: PendingDeparture | null;
}

export const useUnsavedEdits = create<UnsavedEditsState>(() => ({ guards: [], pending: null }));

/** True when some page on screen holds edits that leaving would lose. */
export function hasUnsavedEdits(): boolean {
  return useUnsavedEdits.getState().guards.length > 0;
}

/**
 * Goes on at once when nothing would be lost; otherwise asks first and goes on only if the person agrees.
 * Everything that takes the person off a page — the router, signing out — goes through here.
 */
export function leaveOrAsk(leave: () => void): void {
  const first = useUnsavedEdits.getState().guards[0];
  if (first) useUnsavedEdits.setState({ pending: { message: first.message, leave } });
  else leave();
}

/** The person's answer to the pending question: leave (the edits are lost) or stay where they are. */
export function answerDeparture(leave: boolean): void {
  const { pending } = useUnsavedEdits.getState();
  useUnsavedEdits.setState({ pending: null });
  if (leave) pending?.leave();
}

function askBeforeUnload(event: BeforeUnloadEvent): void {
  // The browser asks in its own words (the desktop window's main process asks in ours); a page's text is ignored.
  event.preventDefault();
  event.returnValue = '';
}

// Closing or reloading the window asks only while some page has unsaved edits.
useUnsavedEdits.subscribe((state, previous) => {
  if (state.guards.length > 0 && previous.guards.length === 0) window.addEventListener('beforeunload', askBeforeUnload);
  if (state.guards.length === 0 && previous.guards.length > 0) window.removeEventListener('beforeunload', askBeforeUnload);
});

/**
 * Protects a page's unsaved edits while `message` is set (say what would be lost, in the person's language):
 * leaving the page asks first, and so does closing or reloading the window. Null once saved or discarded.
 */
export function useUnsavedGuard(message: string | null): void {
  const [id] = useState(() => Symbol('unsaved edits'));
  useEffect(() => {
    if (message === null) return undefined;
    useUnsavedEdits.setState(({ guards }) => ({ guards: [...guards.filter((guard) => guard.id !== id), { id, message }] }));
    return () => useUnsavedEdits.setState(({ guards }) => ({ guards: guards.filter((guard) => guard.id !== id) }));
  }, [id, message]);
}
