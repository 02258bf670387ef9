import { useId } from 'react';

/** Japanese strings of the figure; kept together so they can move to message keys later. */
export const noticeLetterText = {
  title: '交付通知書の「製造管理番号」の場所',
  description: '交付通知書の右上にある「製造管理番号」の欄に、英数字3文字と数字6桁（例：A1B234567）が書かれています。',
  letterHeading: '個人番号カード交付通知書',
  numberLabel: '製造管理番号',
  sampleNumber: 'A1B234567',
  callout: 'ここに書かれています',
} as const;

const FONT = 'system-ui, sans-serif';
const MONO = 'ui-monospace, Menlo, Consolas, "DejaVu Sans Mono", monospace';

/** Highlight colour: 7.3:1 against white, so it passes both text (4.5:1) and non-text (3:1) contrast. */
const ACCENT = '#b00020';
const INK = '#1a1a1a';
const LABEL_INK = '#333333';
/** Sheet outline: 4.5:1 against white, so the edge of the paper stays visible on a white page. */
const EDGE = '#767676';
const BAR = '#c9ced6';

/**
 * Our own simplified drawing of the notification letter (交付通知書) that shows where the card's
 * management number (製造管理番号) is printed. The viewBox is 360 units wide; at the smallest
 * expected width (about 280 px) one unit is about 0.78 px, so the 16–22 unit text stays at 12 px or more.
 */
export function NoticeLetterFigure({ highlight = true }: { highlight?: boolean }) {
  const id = useId();
  const titleId = `${id}-title`;
  const descId = `${id}-desc`;
  const arrowId = `${id}-arrow`;

  return (
    <svg
      role="img"
      aria-labelledby={titleId}
      aria-describedby={descId}
      lang="ja"
      viewBox="0 0 360 400"
      width="360"
      height="400"
      style={{ display: 'block', width: '100%', maxWidth: 600, height: 'auto' }}
      fontFamily={FONT}
    >
      <title id={titleId}>{noticeLetterText.title}</title>
      <desc id={descId}>{noticeLetterText.description}</desc>

      {/* The sheet of paper */}
      <rect x="6" y="6" width="348" height="388" rx="4" fill="#ffffff" stroke={EDGE} strokeWidth="1.5" />

      {/* Header band with the letter's title */}
      <rect x="6.75" y="6.75" width="346.5" height="46" rx="3" fill="#e6ecf3" />
      <text x="180" y="37" textAnchor="middle" fontSize="19" fontWeight="700" fill={INK}>
        {noticeLetterText.letterHeading}
      </text>

      {/* Addressee: postcode, address and name placeholders */}
      <rect x="22" y="74" width="56" height="9" rx="4.5" fill={BAR} />
      <rect x="22" y="93" width="130" height="9" rx="4.5" fill={BAR} />
      <rect x="22" y="110" width="110" height="9" rx="4.5" fill={BAR} />
      <rect x="22" y="134" width="90" height="13" rx="6.5" fill={BAR} />

      {/* The management number block, upper right */}
      <g>
        <rect x="178" y="70" width="160" height="74" fill="#ffffff" stroke={INK} strokeWidth="1.5" />
        <rect x="178.75" y="70.75" width="158.5" height="27" fill="#eeeeee" />
        <line x1="178" y1="98" x2="338" y2="98" stroke={INK} strokeWidth="1" />
        <text x="258" y="90.5" textAnchor="middle" fontSize="16" fontWeight="700" fill={LABEL_INK}>
          {noticeLetterText.numberLabel}
        </text>
        <text
          x="258"
          y="129"
          textAnchor="middle"
          fontSize="22"
          fontFamily={MONO}
          fontWeight="700"
          fill={INK}
          letterSpacing="1"
        >
          {noticeLetterText.sampleNumber}
        </text>
      </g>

      {/* Body text placeholders */}
      <rect x="22" y="244" width="316" height="9" rx="4.5" fill={BAR} />
      <rect x="22" y="262" width="300" height="9" rx="4.5" fill={BAR} />
      <rect x="22" y="280" width="310" height="9" rx="4.5" fill={BAR} />
      <rect x="22" y="298" width="200" height="9" rx="4.5" fill={BAR} />

      {/* A small form-like block near the bottom */}
      <rect x="22" y="318" width="316" height="60" fill="none" stroke={BAR} strokeWidth="1.5" />
      <line x1="22" y1="348" x2="338" y2="348" stroke={BAR} strokeWidth="1.5" />
      <line x1="110" y1="318" x2="110" y2="378" stroke={BAR} strokeWidth="1.5" />
      <rect x="32" y="328.5" width="64" height="9" rx="4.5" fill={BAR} />
      <rect x="122" y="328.5" width="150" height="9" rx="4.5" fill={BAR} />
      <rect x="32" y="358.5" width="52" height="9" rx="4.5" fill={BAR} />
      <rect x="122" y="358.5" width="180" height="9" rx="4.5" fill={BAR} />

      {highlight && (
        <g>
          <defs>
            <marker
              id={arrowId}
              viewBox="0 0 10 10"
              refX="8"
              refY="5"
              markerWidth="4"
              markerHeight="4"
              orient="auto-start-reverse"
            >
              <path d="M0,0 L10,5 L0,10 z" fill={ACCENT} />
            </marker>
          </defs>
          {/* Ring around the number block */}
          <rect x="170" y="62" width="176" height="90" rx="10" fill="none" stroke={ACCENT} strokeWidth="5" />
          {/* Arrow from the callout up to the ring */}
          <line x1="258" y1="194" x2="258" y2="160" stroke={ACCENT} strokeWidth="5" markerEnd={`url(#${arrowId})`} />
          {/* Callout label */}
          <rect x="140" y="194" width="208" height="36" rx="6" fill={ACCENT} />
          <text x="244" y="218.5" textAnchor="middle" fontSize="18" fontWeight="700" fill="#ffffff">
            {noticeLetterText.callout}
          </text>
        </g>
      )}
    </svg>
  );
}
