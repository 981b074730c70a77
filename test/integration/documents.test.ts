import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RoundResult } from '../../shared/contract/calls';
import { FORMATS_OF, MOTTO, NATIONAL_TITLE, type DocumentKind } from '../../shared/documents/model';
import { pointsText } from '../../shared/documents/vietnamese';
import { roundResult } from '../../electron/services/rounds';
import { SYSTEM_ACTOR } from '../../electron/services/context';
import { DEMO_YEAR, setUpCore } from '../support/core';
import { temporaryDataDir } from '../support/data-dir';
import { accountSession } from '../support/accounts';

type App = Awaited<ReturnType<typeof setUpCore>>;

// The demo's completed year is the one before the year in progress.
const YEAR = DEMO_YEAR - 1;
const KINDS: DocumentKind[] = ['submission', 'minutes', 'list', 'scores', 'report', 'notice'];

let app: App;
const work = temporaryDataDir('tdcs-documents-');
const made = join(work.dir, 'made');
const converted = join(work.dir, 'converted');
const results = new Map<1 | 2, RoundResult>();
/** Every file the application wrote, by round and kind. */
const files: { round: 1 | 2; kind: DocumentKind; format: string; path: string }[] = [];

/** A PDF's text in reading order (a table cell's lines stay together). */
function pdfText(path: string): string {
  return execFileSync('pdftotext', [path, '-'], { encoding: 'utf8' });
}

/** One LibreOffice run for every DOCX and XLSX (a private profile, so parallel runs do not clash). */
function convertWithLibreOffice(paths: string[]): void {
  const profile = pathToFileURL(join(work.dir, 'lo-profile')).href;
  // A list comes as .docx and .xlsx under one name: each format gets its own folder.
  for (const format of ['docx', 'xlsx']) {
    mkdirSync(join(converted, format), { recursive: true });
    const chosen = paths.filter((path) => path.endsWith(`.${format}`));
    execFileSync('soffice', ['--headless', '--norestore', `-env:UserInstallation=${profile}`, '--convert-to', 'pdf', '--outdir', join(converted, format), ...chosen], { stdio: 'pipe', timeout: 240_000 });
  }
}

const convertedOf = (path: string) => join(converted, path.endsWith('.xlsx') ? 'xlsx' : 'docx', `${path.split('/').at(-1)?.replace(/\.(docx|xlsx)$/, '')}.pdf`);

beforeAll(async () => {
  app = await setUpCore({ mode: 'branch', demo: true });
  mkdirSync(made, { recursive: true });
  const context = { db: app.core.db, dataDir: app.dataDir, now: () => new Date().toISOString(), keys: () => { throw new Error('no keys'); }, actor: SYSTEM_ACTOR };
  for (const round of [1, 2] as const) {
    results.set(round, roundResult(context, YEAR, round));
    const overview = await app.call('documents.overview', { campaignYear: YEAR, round });
    for (const document of overview.documents) {
      // One nominee's report and one office's notice per round: every kind is converted once, not per subject.
      const subject = document.subjects ? (document.subjects.find((entry) => entry.proposed) ?? document.subjects[0])?.id ?? null : undefined;
      for (const format of document.formats) {
        const model = await app.call('documents.preview', { campaignYear: YEAR, round, kind: document.kind, subject });
        const path = join(made, `${round}-${model.fileStem}.${format}`);
        await app.call('documents.generate', { campaignYear: YEAR, round, kind: document.kind, subject, format, to: path });
        files.push({ round, kind: document.kind, format, path });
      }
    }
  }
  convertWithLibreOffice(files.filter((file) => file.format !== 'pdf').map((file) => file.path));
}, 600_000);

afterAll(() => {
  app.close();
  work.remove();
});

describe('the council’s documents of a completed demo year', () => {
  it('every document of both rounds is final and written in each of its formats', async () => {
    for (const round of [1, 2] as const) {
      const overview = await app.call('documents.overview', { campaignYear: YEAR, round });
      expect(overview.documents.map((document) => [document.kind, document.state])).toEqual(KINDS.map((kind) => [kind, 'final']));
    }
    for (const kind of KINDS) for (const format of FORMATS_OF[kind]) expect(files.filter((file) => file.kind === kind && file.format === format)).toHaveLength(2);
    expect(readdirSync(made).filter((name) => name.includes('.partial'))).toEqual([]);
  });

  it('LibreOffice converts every DOCX and XLSX to PDF', () => {
    for (const file of files.filter((entry) => entry.format !== 'pdf')) expect(existsSync(convertedOf(file.path)), file.path).toBe(true);
  });

  it('the application’s own PDFs embed every font they use', () => {
    for (const file of files.filter((entry) => entry.format === 'pdf')) {
      const rows = execFileSync('pdffonts', [file.path], { encoding: 'utf8' }).trim().split('\n').slice(2);
      expect(rows.length, file.path).toBeGreaterThan(0);
      for (const row of rows) expect(row.split(/\s+/).at(-5), `${file.path}: ${row}`).toBe('yes');
    }
  });

  it('the letters carry the national title and the motto, and no character is lost', () => {
    for (const file of files.filter((entry) => entry.format !== 'xlsx')) {
      const text = pdfText(file.format === 'pdf' ? file.path : convertedOf(file.path));
      expect(text, file.path).toContain(NATIONAL_TITLE);
      expect(text, file.path).toContain(MOTTO);
      expect(text, file.path).not.toContain('\uFFFD');
    }
  });

  it('the lists name the proposed nominees with their diacritics and totals to the hundredth, in Word, PDF and Excel alike', async () => {
    const individuals = results.get(2) as RoundResult;
    const collectives = results.get(1) as RoundResult;
    const names = individuals.rows.filter((row) => individuals.selection.selected.includes(row.dossierId)).map((row) => row.personName);
    expect(names).toContain('Nguyễn Thị Hồng Nhung');
    expect(names.some((name) => name?.startsWith('Đặng '))).toBe(true);
    for (const [round, result] of [
      [1, collectives],
      [2, individuals],
    ] as const) {
      const list = files.filter((file) => file.round === round && file.kind === 'list');
      const pdf = pdfText(list.find((file) => file.format === 'pdf')?.path ?? '');
      const word = pdfText(convertedOf(list.find((file) => file.format === 'docx')?.path ?? ''));
      const proposed = result.rows.filter((row) => result.selection.selected.includes(row.dossierId));
      expect(proposed.length).toBeGreaterThan(0);
      for (const row of proposed) {
        for (const text of [pdf, word]) {
          expect(text.replace(/\s+/g, ' ')).toContain(row.personName ?? row.unitName);
          expect(text).toContain(pointsText(row.total));
        }
      }
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.readFile(list.find((file) => file.format === 'xlsx')?.path ?? '');
      const sheet = workbook.worksheets[0] as ExcelJS.Worksheet;
      const totals: number[] = [];
      sheet.eachRow((row) => row.eachCell((cell) => void (typeof cell.value === 'number' && cell.numFmt === '0.00' ? totals.push(cell.value) : undefined)));
      for (const row of proposed) expect(totals).toContain(row.total / 100);
      expect(sheet.views[0]?.state).toBe('frozen');
      expect(sheet.pageSetup.printArea).toMatch(/^A1:[A-Z]+\d+$/);
    }
    // The women's union named in full where the documents name it (the position of an individual).
    expect(pdfText(files.find((file) => file.round === 2 && file.kind === 'list' && file.format === 'pdf')?.path ?? '').replace(/\s+/g, ' ')).toContain('Hội Liên hiệp Phụ nữ');
  });

  it('the minutes record the members, the quorum, each nominee’s votes and the tie the council decided, with its reason', () => {
    const minutes = pdfText(files.find((file) => file.round === 1 && file.kind === 'minutes' && file.format === 'pdf')?.path ?? '').replace(/\s+/g, ' ');
    const result = results.get(1) as RoundResult;
    for (const member of result.members) expect(minutes).toContain(member.fullName);
    expect(minutes).toContain('vắng mặt, gửi phiếu bằng văn bản');
    expect(result.decisions).toHaveLength(1);
    expect(minutes).toContain('Lý do: Hai đơn vị bằng điểm');
    expect(minutes).toContain('Cuộc họp kết thúc vào hồi 11 giờ 15 cùng ngày');
  });

  it('the score table in Excel keeps every dossier, its points as numbers and its checks as formulas', async () => {
    const result = results.get(1) as RoundResult;
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(files.find((file) => file.round === 1 && file.kind === 'scores' && file.format === 'xlsx')?.path ?? '');
    const sheet = workbook.worksheets[0] as ExcelJS.Worksheet;
    const formulas: string[] = [];
    sheet.eachRow((row) => row.eachCell((cell) => void (cell.formula ? formulas.push(cell.formula) : undefined)));
    expect(formulas.some((formula) => formula.startsWith('COUNTA('))).toBe(true);
    expect(formulas.some((formula) => formula.startsWith('AVERAGE('))).toBe(true);
    const count = formulas.length > 0 ? sheet.getColumn(3).values.find((value) => typeof value === 'object' && value !== null && 'result' in value) : null;
    expect((count as { result: number } | null)?.result).toBe(result.rows.length);
  });

  it('the Word files follow Decree 30’s page: A4, margins 20/20/30/15 mm, Times New Roman, page numbers from page 2', async () => {
    for (const file of files.filter((entry) => entry.format === 'docx')) {
      const zip = await JSZip.loadAsync(readFileSync(file.path));
      const document = (await zip.file('word/document.xml')?.async('string')) ?? '';
      const styles = (await zip.file('word/styles.xml')?.async('string')) ?? '';
      const landscape = file.kind === 'scores';
      expect(document, file.path).toMatch(landscape ? /<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"\/>/ : /<w:pgSz w:w="11906" w:h="16838" w:orient="portrait"\/>/);
      expect(document).toMatch(/<w:pgMar w:top="1134" w:right="850" w:bottom="1134" w:left="1701"/);
      expect(document).toContain('<w:titlePg/>');
      expect(styles).toMatch(/<w:rFonts w:ascii="Times New Roman" w:cs="Times New Roman" w:eastAsia="Times New Roman" w:hAnsi="Times New Roman"\/>/);
      expect(styles).toContain('<w:sz w:val="28"/>');
      // The national title bold at 12 pt, the motto bold and underlined at 13 pt.
      expect(document).toMatch(/<w:b\/><w:bCs\/>.*?<w:sz w:val="24"\/>.*?<w:t xml:space="preserve">CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM<\/w:t>/s);
      expect(document).toMatch(/<w:b\/><w:bCs\/><w:i w:val="false"\/><w:iCs w:val="false"\/><w:sz w:val="26"\/><w:szCs w:val="26"\/><w:u w:val="single"\/><\/w:rPr><w:t xml:space="preserve">Độc lập - Tự do - Hạnh phúc<\/w:t>/);
      const headers = await Promise.all(Object.keys(zip.files).filter((name) => /^word\/header\d+\.xml$/.test(name)).map((name) => zip.file(name)?.async('string')));
      expect(headers.some((header) => header?.includes('PAGE'))).toBe(true);
    }
  });

  it('page 1 of the submission and of the score table render to images', () => {
    for (const kind of ['submission', 'scores'] as const) {
      const file = files.find((entry) => entry.kind === kind && entry.format === 'pdf' && entry.round === 1);
      // Kept beside the end-to-end screenshots: the README shows them (docs/screenshots/documents-*-page1.png).
      const artifacts = join(__dirname, '..', '..', 'test-artifacts');
      mkdirSync(artifacts, { recursive: true });
      execFileSync('pdftoppm', ['-r', '60', '-png', '-singlefile', '-f', '1', '-l', '1', file?.path ?? '', join(artifacts, `documents-${kind}-page1`)]);
      expect(readdirSync(artifacts)).toContain(`documents-${kind}-page1.png`);
    }
  });
});

describe('the branch edits a template', () => {
  async function editedTemplate(change: (xml: string) => string): Promise<string> {
    const template = await app.call('documents.exportTemplate', { kind: 'submission' });
    const zip = await JSZip.loadAsync(Buffer.from(template.content, 'base64'));
    zip.file('word/document.xml', change((await zip.file('word/document.xml')?.async('string')) ?? ''));
    const edited = join(work.dir, `edited-${Date.now()}.docx`);
    writeFileSync(edited, await zip.generateAsync({ type: 'nodebuffer' }));
    return edited;
  }

  it('a changed heading, saved again by LibreOffice, is imported and printed; a broken one is refused naming it, and the one in use stays', async () => {
    const edited = await editedTemplate((xml) => xml.replace('>TỜ TRÌNH<', '>TỜ TRÌNH ĐỀ NGHỊ KHEN THƯỞNG<'));
    // Saved once more by an office suite, as a person editing it would.
    const resaved = join(work.dir, 'resaved');
    execFileSync('soffice', ['--headless', '--norestore', `-env:UserInstallation=${pathToFileURL(join(work.dir, 'lo-profile')).href}`, '--convert-to', 'docx:MS Word 2007 XML', '--outdir', resaved, edited], { stdio: 'pipe', timeout: 120_000 });
    const file = join(resaved, edited.split('/').at(-1) ?? '');
    await app.call('documents.importTemplate', { kind: 'submission', fileName: 'mau-to-trinh.docx', content: readFileSync(file).toString('base64') });
    const printed = async () => {
      const pdf = await app.call('documents.generate', { campaignYear: YEAR, round: 1, kind: 'submission', format: 'pdf' });
      const path = join(work.dir, `printed-${Date.now()}.pdf`);
      writeFileSync(path, Buffer.from(pdf.content ?? '', 'base64'));
      return pdfText(path);
    };
    expect(await printed()).toContain('TỜ TRÌNH ĐỀ NGHỊ KHEN THƯỞNG');

    const broken = await editedTemplate((xml) => xml.replace('năm {nam}</w:t>', 'năm {nam</w:t>').replace('cho {so_tap_the} tập thể', 'cho {so_tap_thể} tập thể').replace('Kính gửi: Chủ tịch', 'Kính gửi: {nguoi_nhan} Chủ tịch'));
    const refusal = await app.errorOf('documents.importTemplate', { kind: 'submission', fileName: 'mau-hong.docx', content: readFileSync(broken).toString('base64') });
    expect(refusal.code).toBe('documents.template.refused');
    const named = (refusal.issues ?? []).map((issue) => `${issue.key} ${issue.params.placeholder ?? ''}`);
    expect(named).toContain('documents.templates.brokenPlaceholder {nam');
    expect(named).toContain('documents.templates.brokenPlaceholder {so_tap_thể}');
    expect(named).toContain('documents.templates.unknownPlaceholder {nguoi_nhan}');
    expect(await printed()).toContain('TỜ TRÌNH ĐỀ NGHỊ KHEN THƯỞNG');
    const templates = await app.call('documents.templates', {});
    expect(templates.find((entry) => entry.kind === 'submission')?.fileName).toBe('mau-to-trinh.docx');
  }, 180_000);

  it('a file that is not a template is refused by its bytes before any reader parses it', async () => {
    const refusal = await app.errorOf('documents.importTemplate', { kind: 'minutes', fileName: 'bien-ban.docx', content: Buffer.from('PK\u0003\u0004 not really a zip').toString('base64') });
    expect(refusal.code).toBe('documents.template.notTemplate');
  });

  it('the core checks each call: a viewer reads the documents but makes none, a clerk neither', async () => {
    const ask = async (session: string, name: string, input: unknown) => app.core.call({ call: name, input, session }, { paths: 'any' });
    const viewer = await accountSession(app.core, { username: 'xem.van.ban', role: 'viewer', password: 'chi-xem-2025' });
    const clerk = await accountSession(app.core, { username: 'lap.ho.so', role: 'clerk', password: 'lap-ho-so-2025' });
    const request = { campaignYear: YEAR, round: 1, kind: 'list', subject: null };
    expect((await ask(viewer, 'documents.overview', { campaignYear: YEAR, round: 1 })).ok).toBe(true);
    expect((await ask(viewer, 'documents.preview', request)).ok).toBe(true);
    for (const [session, name, input] of [
      [viewer, 'documents.start', { ...request, format: 'pdf' }],
      [viewer, 'documents.generate', { ...request, format: 'pdf' }],
      [viewer, 'documents.saveSettings', { campaignYear: YEAR, settings: {} }],
      [clerk, 'documents.overview', { campaignYear: YEAR, round: 1 }],
      [clerk, 'documents.preview', request],
    ] as const) {
      const response = await ask(session, name, input);
      expect(response.ok, name).toBe(false);
      if (!response.ok) expect(response.error.code, name).toBe('auth.forbidden');
    }
  });
});
