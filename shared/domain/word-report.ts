import { z } from 'zod';
import type { ImportNote } from './import-table';
import type { NomineeGroup } from './kinds';
import { REPORT_HEADINGS } from './report-template';
import { foldForSearch } from './text';

/** A piece of a Word document as the report keeps it: headings, paragraphs, list items and simple tables. */
export type ReportBlock =
  | { type: 'heading'; text: string }
  | { type: 'paragraph'; text: string }
  | { type: 'item'; ordered: boolean; level: number; number: number; text: string }
  | { type: 'table'; rows: string[][] };

export const wordReportRequestSchema = z.strictObject({
  /** Whose headings the report is mapped to: a collective's or an individual's. */
  group: z.enum(['collective', 'individual']),
  fileName: z.string().trim().min(1).max(255),
  /** The .docx file's bytes, base64. */
  content: z.string().min(1),
});

export type WordReportRequest = z.infer<typeof wordReportRequestSchema>;

/** A Word report read as the dossier's report text, shown for confirmation before it replaces anything. */
export interface WordReport {
  fileName: string;
  text: string;
  words: number;
  /** The branch's headings found in the file, each with the title as the file wrote it. */
  sections: { heading: string; found: string }[];
  /** The branch's headings the file does not have. */
  missing: string[];
  notes: ImportNote[];
}

/** What the title of each section of the branch's report may say, whatever the office's exact wording. */
const SECTION_WORDS: Record<NomineeGroup, string[][]> = {
  collective: [['so luoc', 'dac diem', 'tinh hinh'], ['thanh tich'], ['khen thuong', 'hinh thuc', 'danh hieu']],
  individual: [['so luoc', 'ly lich', 'ban than'], ['thanh tich'], ['khen thuong', 'hinh thuc', 'danh hieu']],
};

/** The national title and motto of an administrative document: the report keeps its content, not its letterhead. */
const LETTERHEAD = ['cong hoa xa hoi chu nghia viet nam', 'doc lap - tu do - hanh phuc', 'doc lap – tu do – hanh phuc', 'doc lap tu do hanh phuc'];
/** The letterhead's number and its place and date ("Số: 12/BC-HND", "Tân Biên, ngày 05 tháng 12 năm 2025"). */
const LETTERHEAD_LINES = [/^so\s*:\s*\S+$/, /^[^,]{1,40},\s*ngay\s+\S+\s+thang\s+\S+\s+nam\s+\S+$/];

const ROMAN = /^(i{1,3}|iv|v|vi{0,3})\s*[.:)\-–]\s*(.+)$/;

/** Which of the branch's sections a title opens (0, 1, 2), if any: "II. Thành tích đạt được" opens the second. */
function sectionOf(group: NomineeGroup, block: ReportBlock): number | null {
  if (block.type !== 'heading' && block.type !== 'paragraph') return null;
  const folded = foldForSearch(block.text);
  if (folded.split(' ').length > 20) return null;
  const numbered = ROMAN.exec(folded);
  const title = numbered ? (numbered[2] as string) : block.type === 'heading' ? folded : null;
  if (title === null) return null;
  const index = SECTION_WORDS[group].findIndex((words) => (numbered ? words.some((word) => title.includes(word)) : words.some((word) => title.startsWith(word))));
  return index < 0 ? null : index;
}

function isLetterhead(text: string): boolean {
  const folded = foldForSearch(text).replace(/[.,;]+$/, '');
  return LETTERHEAD.includes(folded) || LETTERHEAD_LINES.some((pattern) => pattern.test(folded));
}

/**
 * Turns the blocks of a Word report into the report's text: each section whose title matches one of the branch's
 * (I. sơ lược…, II. thành tích…, III. các hình thức khen thưởng…) gets the branch's heading; the letterhead before the
 * first section (national title, motto, number, place and date, or the table that holds them) is left out; lists keep their marks and tables their rows.
 */
export function reportFromBlocks(group: NomineeGroup, blocks: ReportBlock[]): Omit<WordReport, 'fileName' | 'words'> {
  const headings = REPORT_HEADINGS[group];
  const sections: WordReport['sections'] = [];
  const lines: string[] = [];
  const notes: ImportNote[] = [];
  let letterhead = 0;
  const found = new Set<number>();
  for (const block of blocks) {
    if (block.type === 'table') {
      if (found.size === 0 && block.rows.some((row) => row.some((cell) => cell.split('\n').some(isLetterhead)))) {
        letterhead += 1;
        continue;
      }
      for (const row of block.rows) lines.push(row.map((cell) => cell.replace(/\s*\n\s*/g, ' / ')).join(' | '));
      lines.push('');
      continue;
    }
    if (found.size === 0 && isLetterhead(block.text)) {
      letterhead += 1;
      continue;
    }
    const section = sectionOf(group, block);
    if (section !== null && !found.has(section)) {
      found.add(section);
      const heading = headings[section] as string;
      sections.push({ heading, found: block.text });
      lines.push('', heading);
      continue;
    }
    if (block.type === 'heading') lines.push('', block.text);
    else if (block.type === 'item') lines.push(`${'  '.repeat(block.level)}${block.ordered ? `${block.number}.` : '-'} ${block.text}`);
    else lines.push(block.text);
  }
  if (letterhead > 0) notes.push({ key: 'wordNote.letterhead', params: { count: letterhead } });
  const text = lines
    .join('\n')
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  sections.sort((a, b) => headings.indexOf(a.heading) - headings.indexOf(b.heading));
  return { text, sections, missing: headings.filter((_heading, index) => !found.has(index)), notes };
}
