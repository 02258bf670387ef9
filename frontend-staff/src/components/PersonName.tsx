// A clerk reads a name by its parts: in a narrow cell 見本 花子 may go on two lines as
// 見本 / 花子, never as 見本花 / 子, and a reading never as ミホンハ / ナコ. Names are
// stored with one space between family and given name (madoguchi-domain's PersonName),
// so each part is kept whole (styles.css, `.person-name-part`) and the space between
// them stays the one place a line may end.
import { Fragment } from 'react';

/** The name's parts and the spaces between them, in order: joined, the name again. */
export function nameParts(name: string): string[] {
  return name.split(/(\s+)/).filter((piece) => piece !== '');
}

export function PersonName({ name }: { name: string }) {
  return (
    <span className="person-name">
      {nameParts(name).map((piece, i) =>
        /^\s+$/.test(piece) ? (
          <Fragment key={i}>{piece}</Fragment>
        ) : (
          <span key={i} className="person-name-part">
            {piece}
          </span>
        ),
      )}
    </span>
  );
}

/** Several people's names in a line, `、` between them, each name kept as above. */
export function PersonNames({ names }: { names: readonly string[] }) {
  return (
    <>
      {names.map((name, i) => (
        <Fragment key={i}>
          {i > 0 && '、'}
          <PersonName name={name} />
        </Fragment>
      ))}
    </>
  );
}
