import type { Person } from '../../../shared/domain/person';
import type { Unit } from '../../../shared/domain/unit';
import { dossierProvenance } from '../../db/exchange';
import { findPerson } from '../../db/people';
import { findUnit } from '../../db/units';
import type { ServiceContext } from '../context';

/** Whose a record is, as an office's submission sees it: the sending office's, not known here yet, or someone else's. */
export type Holder = 'sender' | 'new' | 'other';

/**
 * What an office owns at the branch, as the branch knows it: its own unit and the units filed under it, the people
 * who work in those units, and the dossiers sent by an installation enrolled for that office. Everything else — the
 * branch's own dossiers, units and people, and other offices' — a submission may not change or nominate.
 */
export class OfficeHoldings {
  private readonly units = new Map<string, Unit | null>();

  constructor(
    private readonly context: ServiceContext,
    /** The sending office's unit, as recorded when it enrolled (never as its file claims). */
    readonly officeUnitId: string | null,
  ) {}

  unit(id: string): { holder: Holder; known: Unit | null } {
    if (!this.units.has(id)) this.units.set(id, findUnit(this.context.db, id));
    const known = this.units.get(id) ?? null;
    if (!known) return { holder: 'new', known };
    const office = this.officeUnitId;
    return { holder: office !== null && (known.id === office || known.parentOfficeId === office) ? 'sender' : 'other', known };
  }

  person(id: string): { holder: Holder; known: Person | null } {
    const known = findPerson(this.context.db, id);
    if (!known) return { holder: 'new', known };
    return { holder: this.unit(known.unitId).holder === 'sender' ? 'sender' : 'other', known };
  }

  dossier(id: string): 'sender' | 'new' | 'branch' | 'otherOffice' {
    const provenance = dossierProvenance(this.context.db, id);
    if (!provenance) return 'new';
    if (provenance.origin === null) return 'branch';
    return this.officeUnitId !== null && provenance.officeUnitId === this.officeUnitId ? 'sender' : 'otherOffice';
  }
}
