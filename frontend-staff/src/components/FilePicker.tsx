// A file field in the screen's language. The browser's own control says "Choose File /
// No file chosen" in the browser's language, whatever the screen says; here the real
// <input type=file> stays in the page (keyboard, screen readers and tests use it as it
// is) but transparent, laid over a button drawn in Japanese, with the chosen file names
// beside it.
import { useId, useState, type ChangeEvent, type Ref } from 'react';
import { t } from '../i18n/t';
import './FilePicker.css';

/** What the picker says beside its button: the chosen names, a few at most. */
export function chosenText(names: readonly string[]): string {
  const [first] = names;
  if (first === undefined) return t('filePicker.none');
  if (names.length <= 3) return names.join('、');
  return t('filePicker.many', { first, rest: names.length - 1 });
}

export function FilePicker({
  id,
  label,
  accept,
  multiple = false,
  disabled = false,
  inputRef,
  onChoose,
  chosen,
  describedBy,
  invalid = false,
}: {
  /** The input's id, for the field's own `<label htmlFor>`. */
  id: string;
  /**
   * Only when no field label names the input: the button's text, which then is its label.
   * Otherwise the button says 「ファイルを選ぶ」 and is hidden from screen readers, which
   * hear the field's label instead (one label per control).
   */
  label?: string;
  accept?: string;
  multiple?: boolean;
  disabled?: boolean;
  inputRef?: Ref<HTMLInputElement>;
  /** The files just chosen, and the input (to empty it, so the same file can be chosen again). */
  onChoose: (files: File[], input: HTMLInputElement) => void;
  /**
   * The names to show, when the screen keeps the choice itself (and may forget it, as
   * after starting over); left out, the picker shows its last choice.
   */
  chosen?: readonly string[];
  /** The ids of the field's hint and error. */
  describedBy?: string;
  invalid?: boolean;
}) {
  const nameId = useId();
  const [picked, setPicked] = useState<string[]>([]);
  const names = chosen ?? picked;

  function change(event: ChangeEvent<HTMLInputElement>) {
    const files = [...(event.target.files ?? [])];
    setPicked(files.map((file) => file.name));
    onChoose(files, event.target);
  }

  return (
    <span className="file-picker">
      <span className="file-picker-control">
        {/* On top of the button, so that a click on it is a click on the input itself:
            the dialog opens without script, as from the browser's own button. */}
        <input
          ref={inputRef}
          id={id}
          className="file-picker-input"
          type="file"
          accept={accept}
          multiple={multiple}
          disabled={disabled}
          onChange={change}
          aria-describedby={[describedBy, nameId].filter(Boolean).join(' ')}
          aria-invalid={invalid || undefined}
        />
        {label ? (
          <label htmlFor={id} className="file-picker-button">
            {label}
          </label>
        ) : (
          <span className="file-picker-button" aria-hidden="true">
            {t('filePicker.choose')}
          </span>
        )}
      </span>
      <span id={nameId} className={names.length > 0 ? 'file-picker-name' : 'file-picker-name file-picker-none'}>
        {chosenText(names)}
      </span>
    </span>
  );
}
