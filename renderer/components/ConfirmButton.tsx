import { useId, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import './confirm-button.css';

interface ConfirmButtonProps {
  /** What the button says; the dialog repeats it as its title unless `title` is given. */
  label: ReactNode;
  title?: ReactNode;
  message: ReactNode;
  confirmLabel: ReactNode;
  onConfirm: () => void;
  disabled?: boolean;
  className?: string;
  /** The button's DOM id, for a link elsewhere on the page that brings the focus here. */
  id?: string;
  testId?: string;
}

/** A button that asks first, in a modal dialog the keyboard can drive: focus starts on Cancel, Escape cancels. */
export function ConfirmButton({ label, title, message, confirmLabel, onConfirm, disabled, className, id, testId }: ConfirmButtonProps) {
  const { t } = useTranslation();
  const dialog = useRef<HTMLDialogElement>(null);
  const opener = useRef<HTMLButtonElement>(null);
  const titleId = useId();
  const messageId = useId();

  const close = () => dialog.current?.close();

  return (
    <>
      <button
        ref={opener}
        id={id}
        type="button"
        className={className}
        disabled={disabled}
        data-testid={testId}
        onClick={() => dialog.current?.showModal()}
      >
        {label}
      </button>
      <dialog
        ref={dialog}
        className="confirm-dialog"
        aria-labelledby={titleId}
        aria-describedby={messageId}
        onClose={() => opener.current?.focus()}
        data-testid={testId ? `${testId}-dialog` : undefined}
      >
        <h2 id={titleId}>{title ?? label}</h2>
        <div id={messageId} className="confirm-message">
          {message}
        </div>
        <div className="confirm-actions">
          <button type="button" className="secondary" onClick={close} data-testid={testId ? `${testId}-cancel` : undefined}>
            {t('app.cancel')}
          </button>
          <button
            type="button"
            onClick={() => {
              close();
              onConfirm();
            }}
            data-testid={testId ? `${testId}-confirm` : undefined}
          >
            {confirmLabel}
          </button>
        </div>
      </dialog>
    </>
  );
}
