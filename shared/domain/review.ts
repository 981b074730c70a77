/** One council member's points for a dossier's manual criteria (hundredths), with a conflict-of-interest mark. */
export interface Review {
  id: string;
  dossierId: string;
  reviewer: string;
  scores: Record<string, number>;
  conflict: boolean;
  note: string;
  updatedAt: string;
}
