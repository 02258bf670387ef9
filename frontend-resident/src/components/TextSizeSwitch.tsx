import { useId, useState } from 'react';
import { t } from '../i18n/t';
import { chooseTextSize, storedTextSize, TEXT_SIZES, type TextSize } from '../lib/textSize';

const LABEL = { standard: 'textSize.standard', large: 'textSize.large', xlarge: 'textSize.xlarge' } as const;

/** 文字サイズ: 標準 / 大 / 特大, toggle buttons; the pressed one is the size in use. */
export function TextSizeSwitch() {
  const labelId = useId();
  const [size, setSize] = useState<TextSize>(storedTextSize);
  return (
    <div className="text-size" role="group" aria-labelledby={labelId}>
      <span id={labelId} className="text-size-label">
        {t('textSize.label')}
      </span>
      {/* The choices wrap together, below the label, before they wrap among themselves. */}
      <span className="text-size-options">
        {TEXT_SIZES.map((option) => (
          <button
            key={option}
            type="button"
            className={`text-size-${option}`}
            aria-pressed={option === size}
            onClick={() => {
              setSize(option);
              chooseTextSize(option);
            }}
          >
            {t(LABEL[option])}
          </button>
        ))}
      </span>
    </div>
  );
}
