/** One council member's points for a dossier's manual criteria (hundredths), with a conflict-of-interest mark. */
export interface Review {
  id: string;
  dossierId: string;
  /** The member's name as the sheet was saved. */
  reviewer: string;
  /** The council member (null for a sheet saved before members were recorded). */
  memberId: string | null;
  scores: Record<string, number>;
  conflict: boolean;
  note: string;
  updatedAt: string;
}
