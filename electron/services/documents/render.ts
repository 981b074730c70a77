import JSZip from 'jszip';
import { AppError } from '../../../shared/contract/errors';
import { tablesOf } from '../../../shared/documents/build';
import { FORMATS_OF, type DocumentFormat, type DocumentModel } from '../../../shared/documents/model';
import { documentToDocx } from './docx';
import { documentToPdf } from './pdf';
import { tablesToXlsx } from './xlsx';

export const MIME_TYPES: Record<DocumentFormat | 'zip', string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  zip: 'application/zip',
};

/** The heading lines a workbook's sheet carries above its table: the organs, then the title. */
function workbookHeading(model: DocumentModel): string[] {
  const letterhead = model.blocks.find((block) => block.type === 'letterhead');
  const titles = model.blocks.filter((block) => block.type === 'paragraph' && block.runs.some((run) => run.bold) && !block.rule).slice(0, 1);
  const subtitle = model.blocks.find((block, index) => block.type === 'paragraph' && index > 0 && block.runs.some((run) => run.italic) && !block.runs.some((run) => run.bold));
  const text = (block: (typeof model.blocks)[number] | undefined) => (block && block.type === 'paragraph' ? block.runs.map((run) => run.text).join('') : '');
  return [
    [letterhead?.type === 'letterhead' ? letterhead.parentOrgan : '', letterhead?.type === 'letterhead' ? letterhead.organ : ''].filter((value) => value !== '').join(' — ').replace(/\s*\n\s*/g, ' '),
    titles.map(text).join(' '),
    text(subtitle),
    ...(model.draft ? [`DỰ THẢO — ${model.draft}`] : []),
  ].filter((line) => line !== '');
}

/** One document in one format. */
export async function renderDocument(model: DocumentModel, format: DocumentFormat): Promise<Buffer> {
  if (!FORMATS_OF[model.kind].includes(format)) throw new AppError('documents.noSuchFormat', { format });
  if (format === 'docx') return documentToDocx(model);
  if (format === 'pdf') return documentToPdf(model);
  return tablesToXlsx(tablesOf(model), { lines: workbookHeading(model), orientation: model.orientation }, model.title);
}

/** Several documents as one ZIP (a report per nominee, a notice per office), each under its own name. */
export async function zipOf(files: { name: string; content: Buffer }[]): Promise<Buffer> {
  const zip = new JSZip();
  for (const file of files) zip.file(file.name, file.content, { date: new Date(Date.UTC(2000, 0, 1)) });
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}
