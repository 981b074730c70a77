import { useSession } from './session-store';

/** Whether the signed-in user may do the council's work here: the branch installation, and a secretary or an administrator. */
export function useCouncilAccess(): boolean {
  const mode = useSession((state) => state.status?.mode);
  const role = useSession((state) => state.user?.role);
  return mode === 'branch' && role !== undefined && role !== 'clerk';
}
