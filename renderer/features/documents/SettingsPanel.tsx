import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { keyedErrorMap } from '../../../shared/contract/validation';
import type { DocumentSettingsView } from '../../../shared/documents/outputs';
import { documentSettingsSchema, type DocumentSettings } from '../../../shared/documents/settings';
import { call } from '../../app/api';
import { useMayCall } from '../../app/access';
import { ErrorBanner } from '../../components/errors';
import { Field } from '../../components/Field';

const SYMBOLS = ['submission', 'minutes', 'notice'] as const;

/** The campaign's document settings: organs, place, date, signer, number symbols and numbers; validated and logged. */
export function SettingsPanel({ view, onSaved }: { view: DocumentSettingsView; onSaved: (view: DocumentSettingsView) => void }) {
  const { t } = useTranslation();
  const [failure, setFailure] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const mayEdit = useMayCall('documents.saveSettings') && view.editable;
  const { register, handleSubmit, formState } = useForm<DocumentSettings>({ resolver: zodResolver(documentSettingsSchema, { error: keyedErrorMap }), defaultValues: view.settings });
  const errors = formState.errors;
  const submit = handleSubmit(async (settings) => {
    setFailure(null);
    setSaved(false);
    try {
      onSaved(await call('documents.saveSettings', { campaignYear: view.campaignYear, settings }));
      setSaved(true);
    } catch (error) {
      setFailure(error);
    }
  });
  return (
    <form className="card documents-settings" onSubmit={(event) => void submit(event)} noValidate data-testid="documents-settings">
      <h2>{t('documents.settings.title')}</h2>
      <p className="muted">{t('documents.settings.hint')}</p>
      {!view.editable ? <p className="banner banner-warn">{t('documents.settings.readOnly')}</p> : !view.own ? <p className="banner banner-info">{t('documents.settings.inherited')}</p> : null}
      <fieldset disabled={!mayEdit}>
        <div className="documents-settings-grid">
          <Field id="doc-parent" label={t('documents.settings.parentOrgan')} hint={t('documents.settings.organHint')} error={errors.parentOrgan}>
            <textarea id="doc-parent" rows={2} {...register('parentOrgan')} />
          </Field>
          <Field id="doc-organ" label={t('documents.settings.organ')} hint={t('documents.settings.organHint')} error={errors.organ}>
            <textarea id="doc-organ" rows={2} {...register('organ')} data-testid="documents-settings-organ" />
          </Field>
          <Field id="doc-place" label={t('documents.settings.place')} error={errors.place}>
            <input id="doc-place" {...register('place')} />
          </Field>
          <Field id="doc-date" label={t('documents.settings.date')} hint={t('documents.settings.dateHint')} error={errors.date}>
            <input id="doc-date" type="date" {...register('date')} />
          </Field>
          <Field id="doc-capacity" label={t('documents.settings.signerCapacity')} error={errors.signer?.capacity}>
            <input id="doc-capacity" {...register('signer.capacity')} />
          </Field>
          <Field id="doc-title" label={t('documents.settings.signerTitle')} error={errors.signer?.title}>
            <input id="doc-title" {...register('signer.title')} />
          </Field>
          <Field id="doc-signer" label={t('documents.settings.signerName')} hint={t('documents.settings.signerNameHint')} error={errors.signer?.name}>
            <input id="doc-signer" {...register('signer.name')} />
          </Field>
        </div>
        <h3>{t('documents.settings.symbols')}</h3>
        <div className="documents-settings-grid">
          {SYMBOLS.map((kind) => (
            <Field key={kind} id={`doc-symbol-${kind}`} label={t(`documents.settings.symbolOf.${kind}`)} error={errors.symbols?.[kind]}>
              <input id={`doc-symbol-${kind}`} {...register(`symbols.${kind}`)} data-testid={`documents-symbol-${kind}`} />
            </Field>
          ))}
        </div>
        <h3>{t('documents.settings.numbers')}</h3>
        <div className="documents-settings-grid">
          {SYMBOLS.map((kind) => (
            <Field key={kind} id={`doc-number-${kind}`} label={t(`documents.settings.symbolOf.${kind}`)} error={errors.numbers?.[kind]}>
              <input id={`doc-number-${kind}`} inputMode="numeric" {...register(`numbers.${kind}`)} />
            </Field>
          ))}
        </div>
      </fieldset>
      <ErrorBanner error={failure} />
      {saved ? <p className="banner banner-ok" role="status">{t('documents.settings.saved')}</p> : null}
      {mayEdit ? (
        <div className="form-actions">
          <button type="submit" data-testid="documents-settings-save">
            {t('documents.settings.save')}
          </button>
        </div>
      ) : null}
    </form>
  );
}
