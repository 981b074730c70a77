import { z } from 'zod';
import { keyedMessage } from '../contract/validation';

/** A number symbol of Decree 30: code groups joined by "-", no spaces ("TTr-HĐTĐKT"). */
const symbolSchema = z
  .string()
  .trim()
  .min(2)
  .max(40)
  .regex(/^[\p{L}0-9]+(-[\p{L}0-9]+)*$/u, { error: keyedMessage('documents.settings.badSymbol') });

/** The clerk's number of a document once it is registered; empty leaves room to write it by hand. */
const numberSchema = z
  .string()
  .trim()
  .max(10)
  .regex(/^\d*$/, { error: keyedMessage('documents.settings.badNumber') });

/** An organ's name in the heading: at most three lines (the heading's left column is narrow). */
const organLines = z
  .string()
  .trim()
  .min(2)
  .max(200)
  .refine((value) => value.split('\n').length <= 3, { error: keyedMessage('documents.settings.tooManyLines') });

/** What the council's documents print about who issues them: organs, place, date, signer, number symbols. */
export const documentSettingsSchema = z.strictObject({
  /** The parent organ, uppercase in the heading ("NGÂN HÀNG CHÍNH SÁCH XÃ HỘI"); a line break where the heading should break. */
  parentOrgan: organLines,
  /** The issuing organ, uppercase and bold ("HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG"). */
  organ: organLines,
  place: z.string().trim().min(2).max(100),
  /** The documents' date; empty prints the date of the round's meeting. */
  date: z.iso.date().or(z.literal('')),
  signer: z.strictObject({
    capacity: z.string().trim().max(100),
    title: z.string().trim().min(2).max(100),
    /** Empty: the chair of the campaign's council signs. */
    name: z.string().trim().max(120),
  }),
  symbols: z.strictObject({ submission: symbolSchema, minutes: symbolSchema, notice: symbolSchema }),
  numbers: z.strictObject({ submission: numberSchema, minutes: numberSchema, notice: numberSchema }),
});

export type DocumentSettings = z.infer<typeof documentSettingsSchema>;

/** What a branch starts from: the council of a provincial branch signing for itself, in Tây Ninh. */
export function defaultDocumentSettings(organisationName: string | null): DocumentSettings {
  return {
    parentOrgan: organisationName?.trim() ? organisationName.trim().toLocaleUpperCase('vi') : 'NGÂN HÀNG CHÍNH SÁCH XÃ HỘI\nCHI NHÁNH TỈNH TÂY NINH',
    organ: 'HỘI ĐỒNG THI ĐUA -\nKHEN THƯỞNG',
    place: 'Tây Ninh',
    date: '',
    signer: { capacity: 'TM. HỘI ĐỒNG', title: 'CHỦ TỊCH', name: '' },
    symbols: { submission: 'TTr-HĐTĐKT', minutes: 'BB-HĐTĐKT', notice: 'TB-HĐTĐKT' },
    numbers: { submission: '', minutes: '', notice: '' },
  };
}
