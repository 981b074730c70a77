import type { CallName, ValidInput } from './calls';

type PathsOf = { [K in CallName]?: (input: ValidInput<K>) => (string | undefined)[] };

/**
 * The inputs that name a file on this computer. The core accepts such a path only from the command line or when the
 * transport says a person chose it (the desktop's open and save dialogs); browser mode carries bytes, never paths.
 */
export const PATH_INPUTS: PathsOf = {
  'exchange.export': (input) => [input.to],
  'exchange.exportStart': (input) => [input.to],
  'exchange.dryRun': (input) => ['path' in input.source ? input.source.path : undefined],
  'exchange.apply': (input) => ['path' in input.source ? input.source.path : undefined],
  'backup.create': (input) => [input.to],
  'backup.inspect': (input) => ['path' in input.source ? input.source.path : undefined],
  'backup.restore': (input) => ['path' in input.source ? input.source.path : undefined],
  'documents.generate': (input) => [input.to],
};

/** The file paths a call's (validated) input names. */
export function pathsIn<K extends CallName>(name: K, input: ValidInput<K>): string[] {
  const paths = (PATH_INPUTS[name] as ((input: ValidInput<K>) => (string | undefined)[]) | undefined)?.(input) ?? [];
  return paths.filter((path): path is string => typeof path === 'string');
}
