import type { CSSProperties } from 'react';
import { MOTTO, NATIONAL_TITLE, type DocumentBlock, type DocumentModel, type Signer, type TableBlock, type TextRun } from '../../../shared/documents/model';

/** Points to CSS pixels on the preview's scale (an A4 page 794 px wide at 96 dpi). */
const px = (points: number) => `${(points * 4) / 3}px`;

function Runs({ runs }: { runs: TextRun[] }) {
  return (
    <>
      {runs.map((run, index) => {
        const style: CSSProperties = { fontWeight: run.bold ? 700 : 400, fontStyle: run.italic ? 'italic' : 'normal', textDecoration: run.underline ? 'underline' : 'none' };
        return (
          <span key={index} style={style}>
            {run.text}
          </span>
        );
      })}
    </>
  );
}

function Lines({ text, bold }: { text: string; bold?: boolean }) {
  return (
    <>
      {text.split('\n').map((line, index) => (
        <div key={index} style={{ fontWeight: bold ? 700 : 400 }}>
          {line}
        </div>
      ))}
    </>
  );
}

function SignerBlock({ signer }: { signer: Signer }) {
  return (
    <div className="doc-signer">
      {signer.capacity ? <strong>{signer.capacity}</strong> : null}
      <strong>{signer.title}</strong>
      {signer.note ? <em className="doc-small">{signer.note}</em> : null}
      <div className="doc-sign-room" />
      <strong>{signer.name}</strong>
    </div>
  );
}

/** A table of a document (or of a page's print view), with the widths it prints with. */
export function DocumentTable({ block }: { block: TableBlock }) {
  const total = block.widths.reduce((sum, value) => sum + value, 0);
  return (
    <table className="doc-table" style={{ fontSize: px(block.size ?? 12) }}>
      <colgroup>
        {block.widths.map((width, index) => (
          <col key={index} style={{ width: `${(width / total) * 100}%` }} />
        ))}
      </colgroup>
      <thead>
        {block.header.map((cells, row) => (
          <tr key={row}>
            {cells.map((cell, index) => (
              <th key={index} colSpan={cell.span}>
                {cell.text}
              </th>
            ))}
          </tr>
        ))}
      </thead>
      <tbody>
        {block.rows.map((cells, row) => (
          <tr key={row}>
            {cells.map((cell, index) => (
              <td key={index} colSpan={cell.span} style={{ textAlign: cell.align ?? 'left', fontWeight: cell.bold ? 700 : 400 }}>
                {cell.text}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Block({ block }: { block: DocumentBlock }) {
  switch (block.type) {
    case 'paragraph':
      if (block.rule) return <hr className="doc-rule" />;
      return (
        <p
          className={block.pageBreakBefore ? 'doc-p doc-page-break' : 'doc-p'}
          style={{ textAlign: block.align ?? 'left', textIndent: block.indent ? '1.27cm' : 0, fontSize: px(block.size ?? 14), marginTop: px(block.before ?? 0), marginBottom: px(block.after ?? 0) }}
        >
          <Runs runs={block.runs} />
        </p>
      );
    case 'letterhead':
      return (
        <div className={block.pageBreakBefore ? 'doc-letterhead doc-page-break' : 'doc-letterhead'}>
          <div className="doc-organ">
            <Lines text={block.parentOrgan} />
            <Lines text={block.organ} bold />
            <hr className="doc-rule" />
            {block.number ? <div className="doc-number">{block.number}</div> : null}
          </div>
          <div className="doc-nation">
            <strong>{NATIONAL_TITLE}</strong>
            <strong className="doc-motto">{MOTTO}</strong>
            {block.placeDate ? <em>{block.placeDate}</em> : null}
          </div>
        </div>
      );
    case 'table':
      return <DocumentTable block={block} />;
    case 'signature':
      return (
        <div className="doc-signature">
          <div>
            {block.recipients ? (
              <div className="doc-recipients">
                <strong>
                  <em>Nơi nhận:</em>
                </strong>
                {block.recipients.map((line, index) => (
                  <div key={index}>{line}</div>
                ))}
              </div>
            ) : block.left ? (
              <SignerBlock signer={block.left} />
            ) : null}
          </div>
          <SignerBlock signer={block.right} />
        </div>
      );
  }
}

/**
 * A document as it will print, from the same model the DOCX and the PDF are written from: the page's width and
 * margins, the heading, the text. Names from dossiers are shown as text (React never reads them as markup).
 */
export function DocumentPreview({ model }: { model: DocumentModel }) {
  return (
    <div className={`doc-paper doc-${model.orientation}`} data-testid="document-preview" lang="vi">
      {model.blocks.map((block, index) => (
        <Block key={index} block={block} />
      ))}
    </div>
  );
}
