import type { FieldError as FormFieldError } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { AppErrorShape } from '../../shared/contract/errors';
import { decodeIssueMessage } from '../../shared/contract/validation';
import { describeError } from '../../shared/i18n';
import { ApiError } from '../app/api';

/** Any thrown value as the application's error shape. */
export function errorShape(error: unknown): AppErrorShape {
  return error instanceof ApiError ? error.shape : { code: 'internal' };
}

/** A function that turns any error into one line in the current language. */
export function useErrorText(): (error: unknown) => string {
  const { t } = useTranslation();
  return (error) => describeError(errorShape(error), (key, params) => t(key, params ?? {}));
}

export function ErrorBanner({ error }: { error: unknown }) {
  const text = useErrorText();
  if (!error) return null;
  return (
    <div className="banner banner-error" role="alert">
      {text(error)}
    </div>
  );
}

/** A form field's error, translated from the key its schema put in the message. */
export function FieldErrorText({ error, id }: { error: FormFieldError | undefined; id?: string }) {
  const { t } = useTranslation();
  if (!error?.message) return null;
  const { key, params } = decodeIssueMessage(error.message);
  return (
    <span className="field-error" role="alert" id={id}>
      {t(key, params)}
    </span>
  );
}
