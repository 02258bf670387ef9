import { Furigana } from './Furigana';

/** Staff-written text, shown as text: line breaks kept, markup never interpreted. */
export function NoticeBody({ body }: { body: string }) {
  return (
    <p className="notice-body">
      <Furigana text={body} />
    </p>
  );
}
