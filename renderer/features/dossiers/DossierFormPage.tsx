import { sortByName } from '../../../shared/domain/collation';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DossierDetail } from '../../../shared/contract/calls';
import type { AttachmentInfo } from '../../../shared/domain/attachment';
import { schemeFor, type Campaign } from '../../../shared/domain/campaign';
import { contentToFormValues, emptyFormValues, type DossierFormValues } from '../../../shared/domain/dossier-form';
import { INDIVIDUAL_KINDS, isCollectiveKind, type IndividualKind, type NomineeKind } from '../../../shared/domain/kinds';
import { call } from '../../app/api';
import { useCouncilAccess } from '../../app/access';
import { useRouter, type Route } from '../../app/router';
import { useSession } from '../../app/session-store';
import { useCall } from '../../app/use-call';
import { ErrorBanner } from '../../components/errors';
import { NomineePicker, type PickerItem } from '../../components/NomineePicker';
import { AdjustmentsPanel } from '../council/AdjustmentsPanel';
import { CouncilPanel } from '../council/CouncilPanel';
import { useUnits } from '../units/store';
import { DossierEditor } from './DossierEditor';
import { useDossiers } from './store';
import { useCampaignYear } from '../campaign/campaign-year';

/** The autosaved draft's key, as the service names it (electron/services/dossiers.ts draftKey). */
function draftKeyOf(dossierId: string | null, kind: string, nominee: string): string {
  return dossierId ? `dossier:${dossierId}` : `new:${kind}:${nominee}`;
}

interface NomineeChoice {
  group: 'collective' | 'individual';
  unitId: string;
  individualKind: IndividualKind;
  personId: string;
}

/** The nominee a new-dossier address names (chosen before a reload), or nothing chosen yet. */
function choiceOf(route: Route): NomineeChoice {
  const kind = route.page === 'newDossier' ? route.kind : undefined;
  const nominee = route.page === 'newDossier' ? (route.nominee ?? '') : '';
  if (kind && !isCollectiveKind(kind)) return { group: 'individual', unitId: '', individualKind: kind, personId: nominee };
  return { group: 'collective', unitId: kind ? nominee : '', individualKind: 'groupHead', personId: '' };
}

/** A draft worth restoring: kept after the dossier's last save. */
function usableDraft(draft: { form: unknown; updatedAt: string } | null, savedAt: string | null): { form: DossierFormValues; updatedAt: string } | null {
  if (!draft || (savedAt !== null && draft.updatedAt <= savedAt)) return null;
  return { form: draft.form as DossierFormValues, updatedAt: draft.updatedAt };
}

function ExistingDossier({ detail, onChange }: { detail: DossierDetail; onChange: (detail: DossierDetail) => void }) {
  const { t } = useTranslation();
  const councilStaff = useCouncilAccess('reviews.list');
  const adjusts = useCouncilAccess('adjustments.save');
  const branch = useSession((state) => state.status?.mode === 'branch');
  const loadDossiers = useDossiers((state) => state.loadDossiers);
  const { dossier, scheme } = detail;
  // At the branch, a dossier received from its office is the office's record: shown as sent, never edited here.
  const received = branch && (dossier.status === 'received' || dossier.status === 'returned');
  const key = draftKeyOf(dossier.id, dossier.nomineeKind, dossier.personId ?? dossier.unitId);
  const { value: draft, loading: draftLoading } = useCall('drafts.get', { key });
  const [attachments, setAttachments] = useState<AttachmentInfo[] | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  if (draftLoading) return <p className="muted">{t('app.loading')}</p>;

  const setStatus = async (status: 'ready' | 'draft'): Promise<void> => {
    setFailure(null);
    try {
      onChange(await call('dossiers.setStatus', { id: dossier.id, status }));
      setAttachments(null);
      void loadDossiers(dossier.campaignYear);
    } catch (error) {
      setFailure(error);
    }
  };

  return (
    <section className="page">
      <header className="page-header">
        <div>
          <h1>{t('form.editTitle', { name: dossier.personName ?? dossier.unitName })}</h1>
          <p className="muted">
            {t(`kinds.${dossier.nomineeKind}`)}
            {dossier.personName ? ` · ${dossier.unitName}` : ''} · {t('form.revision', { revision: dossier.revision, status: t(`statuses.${dossier.status}`) })}
          </p>
        </div>
      </header>
      {dossier.status === 'returned' && dossier.returnReason ? (
        <div className="banner banner-error" role="alert" data-testid="returned-reason">
          {t('dossierWork.returned', { reason: dossier.returnReason })}
        </div>
      ) : null}
      {received ? (
        <div className="banner banner-warn" role="status" data-testid="received-notice">
          {t('trust.adjustments.receivedNotice', { revision: dossier.revision })}
        </div>
      ) : dossier.status === 'exported' || dossier.status === 'received' ? (
        <div className="banner banner-warn" role="status">
          {t('dossierWork.sentRevision', { revision: dossier.revision })}
        </div>
      ) : null}
      <ErrorBanner error={failure} />
      {councilStaff ? <CouncilPanel key={`${dossier.id}-${scheme.version}`} dossier={dossier} scheme={scheme} /> : null}
      {received && adjusts ? <AdjustmentsPanel detail={detail} onChange={onChange} /> : null}
      <DossierEditor
        key={`${dossier.id}-${scheme.id}-${scheme.version}`}
        scheme={scheme}
        updatedAt={dossier.updatedAt}
        campaignYear={dossier.campaignYear}
        nomineeKind={dossier.nomineeKind}
        dossierId={dossier.id}
        personId={dossier.personId}
        personGender={dossier.personGender}
        dossier={dossier}
        initialValues={contentToFormValues(scheme, dossier.unitId, dossier.content)}
        draftKey={key}
        restoredDraft={usableDraft(draft, dossier.updatedAt)}
        attachments={attachments ?? detail.attachments}
        onAttachments={(list) => {
          setAttachments(list);
          // Evidence can change the status (a sent dossier starts a new revision): read it again.
          void call('dossiers.get', { id: dossier.id }).then(onChange, setFailure);
        }}
        onSaved={(result) => {
          onChange(result);
          void loadDossiers(dossier.campaignYear);
        }}
        onStatus={setStatus}
        readOnly={received}
      />
    </section>
  );
}

function NewDossier({ campaign }: { campaign: Campaign }) {
  const { t } = useTranslation();
  const go = useRouter((state) => state.go);
  const replaceRoute = useRouter((state) => state.replace);
  const loadDossiers = useDossiers((state) => state.loadDossiers);
  const { units, load: loadUnits } = useUnits();
  const { value: people } = useCall('people.list', {});
  const [start] = useState(() => choiceOf(useRouter.getState().route));
  const [group, setGroup] = useState(start.group);
  const [unitId, setUnitId] = useState(start.unitId);
  const [individualKind, setIndividualKind] = useState(start.individualKind);
  const [personId, setPersonId] = useState(start.personId);

  useEffect(() => {
    void loadUnits();
  }, [loadUnits]);

  const candidates = useMemo(
    () => sortByName((units ?? []).filter((unit) => !unit.retired && isCollectiveKind(unit.kind)), (unit) => unit.name),
    [units],
  );
  const persons = useMemo(() => sortByName((people ?? []).filter((person) => !person.retired), (person) => person.fullName), [people]);
  // The office's own units (itself and those filed under it) and their people come first in the picker.
  const { value: identity } = useCall('exchange.identity', {});
  const ownUnits = useMemo(() => {
    const office = identity?.mode === 'office' ? identity.officeUnitId : null;
    return new Set((units ?? []).filter((unit) => office !== null && (unit.id === office || unit.parentOfficeId === office)).map((unit) => unit.id));
  }, [units, identity]);
  const unitItems = useMemo<PickerItem[]>(() => candidates.map((unit) => ({ id: unit.id, name: unit.name, detail: t(`kinds.${unit.kind}`), own: ownUnits.has(unit.id) })), [candidates, ownUnits, t]);
  const personItems = useMemo<PickerItem[]>(() => persons.map((person) => ({ id: person.id, name: person.fullName, detail: [person.position, person.unitName].filter(Boolean).join(' — '), own: ownUnits.has(person.unitId) })), [persons, ownUnits]);

  const unit = group === 'collective' ? candidates.find((candidate) => candidate.id === unitId) : undefined;
  const person = group === 'individual' ? persons.find((candidate) => candidate.id === personId) : undefined;
  const kind: NomineeKind | null = group === 'collective' ? (unit?.kind ?? null) : person ? individualKind : null;
  const nominee = group === 'collective' ? unitId : personId;
  const scheme = kind ? schemeFor(campaign, kind) : undefined;
  const key = kind ? draftKeyOf(null, kind, nominee) : null;
  const { value: draft, loading: draftLoading } = useCall('drafts.get', key ? { key } : null);

  // The address keeps the choice, so that a reload returns to this nominee and its autosaved draft (a unit's kind is known once the units are).
  useEffect(() => {
    if (group === 'individual') replaceRoute(personId ? { page: 'newDossier', kind: individualKind, nominee: personId } : { page: 'newDossier', kind: individualKind });
    else if (!unitId) replaceRoute({ page: 'newDossier' });
    else if (unit) replaceRoute({ page: 'newDossier', kind: unit.kind, nominee: unit.id });
  }, [group, unitId, unit, individualKind, personId, replaceRoute]);

  return (
    <section className="page">
      <header className="page-header">
        <h1>{t('form.newTitle')}</h1>
      </header>
      <div className="card">
        <fieldset className="nominee-choice">
          <legend>{t('dossierWork.nomineeGroup')}</legend>
          <label className="checkbox">
            <input type="radio" name="group" checked={group === 'collective'} onChange={() => setGroup('collective')} data-testid="group-collective" />
            {t('dossierWork.collective')}
          </label>
          <label className="checkbox">
            <input type="radio" name="group" checked={group === 'individual'} onChange={() => setGroup('individual')} data-testid="group-individual" />
            {t('dossierWork.individual')}
          </label>
        </fieldset>
        {group === 'collective' ? (
          <>
            {candidates.length === 0 ? <p className="empty">{t('form.unitsMissing')}</p> : null}
            <NomineePicker id="nominee" label={t('form.nominee')} items={unitItems} value={unitId} onChange={setUnitId} testId="nominee-select" ownHeading={t('picker.own')} othersHeading={ownUnits.size > 0 ? t('picker.others') : t('picker.allUnits')} />
          </>
        ) : (
          <div className="grid-2">
            <label htmlFor="individual-kind" className="field">
              <span>{t('dossierWork.individualKind')}</span>
              <select id="individual-kind" value={individualKind} onChange={(event) => setIndividualKind(event.target.value as IndividualKind)} data-testid="individual-kind">
                {INDIVIDUAL_KINDS.map((option) => (
                  <option key={option} value={option}>
                    {t(`kinds.${option}`)}
                  </option>
                ))}
              </select>
            </label>
            <NomineePicker id="person" label={t('form.nominee')} items={personItems} value={personId} onChange={setPersonId} testId="person-select" ownHeading={t('picker.ownPeople')} othersHeading={ownUnits.size > 0 ? t('picker.otherPeople') : t('picker.allPeople')} />
            {people && persons.length === 0 ? <p className="empty">{t('dossierWork.peopleMissing')}</p> : null}
          </div>
        )}
      </div>
      {kind && scheme && key && !draftLoading ? (
        <DossierEditor
          key={`${key}-${scheme.id}-${scheme.version}`}
          scheme={scheme}
          updatedAt={null}
          campaignYear={campaign.year}
          nomineeKind={kind}
          dossierId={null}
          personId={person?.id ?? null}
          personGender={person?.gender ?? null}
          dossier={null}
          initialValues={emptyFormValues(scheme, person?.unitId ?? unit?.id ?? '')}
          draftKey={key}
          restoredDraft={usableDraft(draft, null)}
          attachments={[]}
          onAttachments={() => undefined}
          onSaved={(result) => {
            void loadDossiers(campaign.year);
            go({ page: 'dossier', id: result.dossier.id });
          }}
          onStatus={async () => undefined}
        />
      ) : null}
    </section>
  );
}

/** A new dossier (choose the nominee, then fill in) or an existing one. */
export function DossierFormPage({ id }: { id: string | null }) {
  const { t } = useTranslation();
  const year = useCampaignYear();
  const { value: campaign, error: campaignError } = useCall('campaigns.get', { year });
  const { value: loaded, error: loadError } = useCall('dossiers.get', id ? { id } : null);
  const [changed, setChanged] = useState<DossierDetail | null>(null);
  const failure = campaignError ?? loadError;
  const detail = changed && changed.dossier.id === id ? changed : loaded;

  if (failure) return <ErrorBanner error={failure} />;
  if (!campaign || (id && !detail)) return <p className="muted">{t('app.loading')}</p>;
  if (detail) return <ExistingDossier detail={detail} onChange={setChanged} />;
  return <NewDossier campaign={campaign} />;
}
