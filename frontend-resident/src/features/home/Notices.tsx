import type { Notice } from '../../api/queries';
import { Furigana } from '../../components/Furigana';
import { NoticeBody } from '../../components/NoticeBody';

export function NoticeList({ notices, headingLevel = 3 }: { notices: Notice[]; headingLevel?: 2 | 3 }) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <ul className="notices">
      {notices.map((notice) => (
        <li key={notice.id} className="notice-item">
          <Heading className="notice-title">
            <Furigana text={notice.title} />
          </Heading>
          <NoticeBody body={notice.body} />
        </li>
      ))}
    </ul>
  );
}
