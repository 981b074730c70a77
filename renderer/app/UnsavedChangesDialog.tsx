import { useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { answerDeparture, useUnsavedEdits } from './unsaved-guard';
import '../components/confirm-button.css';

/** Asks, in a modal dialog the keyboard can drive, whether to leave a page with unsaved edits: focus starts on Stay, Escape stays. */
export function UnsavedChangesDialog() {
  const { t } = useTranslation();
  const pending = useUnsavedEdits((state) => state.pending);
  const dialog = useRef<HTMLDialogElement>(null);
  const stay = useRef<HTMLButtonElement>(null);
  const titleId = useId();
  const messageId = useId();

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (pending && !element.open) {
      element.showModal();
      stay.current?.focus();
    }
    if (!pending && element.open) element.close();
  }, [pending]);

  return (
    <dialog
      ref={dialog}
      className="confirm-dialog"
      aria-labelledby={titleId}
      aria-describedby={messageId}
      // Escape closes the dialog: that is staying.
      onClose={() => {
        if (useUnsavedEdits.getState().pending) answerDeparture(false);
      }}
      data-testid="unsaved-dialog"
    >
      <h2 id={titleId}>{t('unsavedChanges.title')}</h2>
      <div id={messageId} className="confirm-message">
        {pending?.message ?? t('unsavedChanges.message')}
      </div>
      <div className="confirm-actions">
        <button ref={stay} type="button" className="secondary" onClick={() => answerDeparture(false)} data-testid="unsaved-stay">
          {t('unsavedChanges.stay')}
        </button>
        <button type="button" className="danger" onClick={() => answerDeparture(true)} data-testid="unsaved-leave">
          {t('unsavedChanges.leave')}
        </button>
      </div>
    </dialog>
  );
}
