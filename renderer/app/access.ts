import { mayCall } from '../../shared/contract/access';
import type { CallName } from '../../shared/contract/calls';
import { useSession } from './session-store';

/**
 * Whether the signed-in person may make a call, read from the same access table the core enforces: the screens hide
 * what a role cannot do, and a forced call is still refused by the core.
 */
export function useMayCall(name: CallName): boolean {
  const role = useSession((state) => state.user?.role ?? null);
  return mayCall(name, role);
}

/** Whether the council's work (`name` stands for it) can be done here: the branch installation, and a role allowed to. */
export function useCouncilAccess(name: CallName = 'campaigns.update'): boolean {
  const mode = useSession((state) => state.status?.mode);
  const allowed = useMayCall(name);
  return mode === 'branch' && allowed;
}
