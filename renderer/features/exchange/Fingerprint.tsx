/** A fingerprint in its groups of four, large and monospaced, to be read aloud on the phone. */
export function Fingerprint({ value, size = 'large', testId }: { value: string; size?: 'large' | 'small'; testId?: string }) {
  const groups = value.split('-');
  return (
    <span className={`fingerprint fingerprint-${size}`} data-fingerprint={value} data-testid={testId}>
      {groups.map((group, index) => (
        <span key={index}>
          {index > 0 ? (
            <span className="fingerprint-dash" aria-hidden="true">
              -
            </span>
          ) : null}
          <span className="fingerprint-group">{group}</span>
        </span>
      ))}
    </span>
  );
}
