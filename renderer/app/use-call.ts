import { useEffect, useState } from 'react';
import type { CallInput, CallName, CallOutput } from '../../shared/contract/calls';
import { call } from './api';

interface CallState<K extends CallName> {
  key: string;
  value: CallOutput<K> | null;
  error: unknown;
}

/** Makes a read call whenever its input changes; what it returns always belongs to the current input. */
export function useCall<K extends CallName>(name: K, input: CallInput<K> | null): { value: CallOutput<K> | null; error: unknown; loading: boolean; reload: () => void } {
  const key = input === null ? '' : `${name}:${JSON.stringify(input)}`;
  const [state, setState] = useState<CallState<K>>({ key: '', value: null, error: null });
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    if (input === null) return;
    let current = true;
    call(name, input).then(
      (value) => current && setState({ key, value, error: null }),
      (error: unknown) => current && setState({ key, value: null, error }),
    );
    return () => {
      current = false;
    };
    // The key stands for the input: a new object with the same content is not a new request.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, generation]);

  const fresh = state.key === key;
  return {
    value: fresh ? state.value : null,
    error: fresh ? state.error : null,
    loading: input !== null && !fresh,
    reload: () => setGeneration((value) => value + 1),
  };
}
