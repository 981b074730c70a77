// Makes the office files the import tests read, the way offices make them, and writes them to test/fixtures/office/:
// the people list saved by LibreOffice as an old Excel file (.xls), the collective's achievement report saved as a
// Word document (.docx) and as an old one (.doc), and both the report and the list protected by a password.
// Run once by hand (needs LibreOffice: apt-get install libreoffice-calc-nogui libreoffice-writer-nogui); the files are
// committed, so the tests never need LibreOffice.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const target = join(root, 'test', 'fixtures', 'office');
/** The password of the protected fixtures: the tests only check that the file is recognised as protected. */
const PASSWORD = 'TanBien2025';

const work = mkdtempSync(join(tmpdir(), 'tdcs-office-'));
try {
  // Beside the repository's node_modules, so that the bundle finds exceljs.
  const bundle = join(root, 'dist', 'office-fixtures.mjs');
  await build({ entryPoints: [join(root, 'test', 'support', 'office-files.ts')], bundle: true, platform: 'node', format: 'esm', outfile: bundle, logLevel: 'warning', packages: 'external', absWorkingDir: root });
  const { officeWorkbook, OFFICE_REPORT_HTML } = await import(pathToFileURL(bundle).href);

  const soffice = (filter, file) => execFileSync('soffice', ['--headless', `-env:UserInstallation=${pathToFileURL(join(work, 'profile')).href}`, '--convert-to', filter, '--outdir', work, file], { stdio: 'inherit' });
  // LibreOffice saves Office Open XML with a password only from its dialog: officecrypto-tool (installed here for this
  // script alone, not a dependency of the application) writes the same agile encryption Office uses.
  execFileSync('npm', ['install', '--no-save', '--no-audit', '--no-fund', '--prefix', work, 'officecrypto-tool@0.0.19'], { stdio: 'inherit' });
  const officeCrypto = createRequire(join(work, 'node_modules', 'x.js'))('officecrypto-tool');
  const encrypt = async (from, to) => writeFileSync(to, await officeCrypto.encrypt(readFileSync(from), { password: PASSWORD }));

  const list = join(work, 'danh-sach-ca-nhan.xlsx');
  writeFileSync(list, await officeWorkbook());
  soffice('xls:MS Excel 97', list);
  const report = join(work, 'bao-cao-thanh-tich.html');
  writeFileSync(report, OFFICE_REPORT_HTML);
  soffice('docx:MS Word 2007 XML', report);
  soffice('doc:MS Word 97', join(work, 'bao-cao-thanh-tich.docx'));
  await encrypt(join(work, 'bao-cao-thanh-tich.docx'), join(work, 'bao-cao-mat-khau.docx'));
  await encrypt(list, join(work, 'danh-sach-mat-khau.xlsx'));

  mkdirSync(target, { recursive: true });
  for (const name of ['danh-sach-ca-nhan.xls', 'danh-sach-mat-khau.xlsx', 'bao-cao-thanh-tich.docx', 'bao-cao-thanh-tich.doc', 'bao-cao-mat-khau.docx']) {
    copyFileSync(join(work, name), join(target, name));
    console.log(`wrote test/fixtures/office/${name}`);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
