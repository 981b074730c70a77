import Database from 'better-sqlite3';

/**
 * Which build of better-sqlite3 this process loads. Inside Electron only the build for Electron's ABI loads (the
 * default Node build throws), so every database this process opens — the installation's, a backup's copy, a file to
 * restore — must be opened with the same binding. Nothing outside electron/db/ calls `new Database`.
 */
let nativeBinding: string | undefined = process.env.TDCS_NATIVE_BINDING || undefined;

/** Sets the binding for the whole process (Electron's main process, once, before anything is opened). */
export function useNativeBinding(path: string | undefined): void {
  if (path) nativeBinding = path;
}

export function currentNativeBinding(): string | undefined {
  return nativeBinding;
}

export type SqliteFile = Database.Database;

/** Opens an SQLite file with the process's binding: nothing else, no pragmas, no migrations. */
export function openSqliteFile(file: string, options: { readonly?: boolean; fileMustExist?: boolean } = {}): SqliteFile {
  return new Database(file, { readonly: options.readonly ?? false, fileMustExist: options.fileMustExist ?? false, nativeBinding });
}
