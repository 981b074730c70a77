import yauzl from 'yauzl';

/** What an Office file turned out to be, read from its bytes and never from its name. */
export type OfficeCheck =
  | { kind: 'zip'; entries: Set<string> }
  /** An OLE2 compound file: an old .xls or .doc, or a password-protected Office file. */
  | { kind: 'ole2'; encrypted: boolean }
  | { kind: 'tooLarge' }
  | { kind: 'damaged' }
  | { kind: 'other' };

/** Limits of a ZIP opened for an import: entries, and bytes once every entry is unpacked (zip bombs stop here). */
export interface ZipLimits {
  entries: number;
  unpackedBytes: number;
}

const OLE2 = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
/** The stream Office's "Encrypt with Password" puts the real (ZIP) file in, named in UTF-16 in the compound file's directory. */
const ENCRYPTED_PACKAGE = Buffer.from('EncryptedPackage', 'utf16le');

export function isZip(bytes: Buffer): boolean {
  return bytes.subarray(0, 4).equals(ZIP);
}

export function isOle2(bytes: Buffer): boolean {
  return bytes.subarray(0, 8).equals(OLE2);
}

/**
 * Opens a ZIP within limits: every entry is unpacked once (yauzl checks each against the size its header declares), so
 * a library that unpacks it afterwards never meets more than `unpackedBytes`. Returns the entries' names.
 */
function unpackWithinLimits(bytes: Buffer, limits: ZipLimits, inflate: boolean): Promise<OfficeCheck> {
  return new Promise((resolve) => {
    yauzl.fromBuffer(bytes, { lazyEntries: true, validateEntrySizes: true }, (openError, zip) => {
      if (openError || !zip) return resolve({ kind: 'damaged' });
      if (zip.entryCount > limits.entries) {
        zip.close();
        return resolve({ kind: 'tooLarge' });
      }
      const entries = new Set<string>();
      let total = 0;
      let done = false;
      const finish = (result: OfficeCheck): void => {
        if (done) return;
        done = true;
        zip.close();
        resolve(result);
      };
      zip.on('error', () => finish({ kind: 'damaged' }));
      zip.on('end', () => finish({ kind: 'zip', entries }));
      zip.on('entry', (entry: yauzl.Entry) => {
        entries.add(entry.fileName);
        total += entry.uncompressedSize;
        if (total > limits.unpackedBytes) return finish({ kind: 'tooLarge' });
        if (!inflate || entry.fileName.endsWith('/')) return zip.readEntry();
        zip.openReadStream(entry, (streamError, stream) => {
          if (streamError || !stream) return finish({ kind: 'damaged' });
          let read = 0;
          stream.on('data', (chunk: Buffer) => {
            read += chunk.length;
            // validateEntrySizes stops a header that lies; this stops a stream that runs on regardless.
            if (read > entry.uncompressedSize) {
              stream.destroy();
              finish({ kind: 'tooLarge' });
            }
          });
          stream.on('error', () => finish({ kind: 'damaged' }));
          stream.on('end', () => {
            if (!done) zip.readEntry();
          });
        });
        return undefined;
      });
      zip.readEntry();
      return undefined;
    });
  });
}

/**
 * Says what an Office file is before any library parses it: a ZIP (its entries, unpacked once within the limits when
 * `inflate` is set), an OLE2 compound file (old format, or encrypted), or something else.
 */
export async function checkOfficeFile(bytes: Buffer, limits: ZipLimits, inflate = true): Promise<OfficeCheck> {
  if (isOle2(bytes)) return { kind: 'ole2', encrypted: bytes.includes(ENCRYPTED_PACKAGE) };
  if (!isZip(bytes)) return { kind: 'other' };
  return unpackWithinLimits(bytes, limits, inflate);
}

/** The parts that make a ZIP a Word document (Office Open XML, WordprocessingML). */
export function isWordPackage(entries: Set<string>): boolean {
  return entries.has('[Content_Types].xml') && entries.has('word/document.xml');
}

/** The parts that make a ZIP an Excel workbook (Office Open XML, SpreadsheetML). */
export function isExcelPackage(entries: Set<string>): boolean {
  return entries.has('[Content_Types].xml') && entries.has('xl/workbook.xml');
}
