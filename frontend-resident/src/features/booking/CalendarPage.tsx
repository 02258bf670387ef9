import { useId, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import type { ApiError } from '../../../../frontend-shared/api/problem';
import { NotFoundPage } from '../../app/Layout';
import { useSite } from '../../app/site';
import { Loading } from '../../components/Loading';
import { Page } from '../../components/Page';
import { ProblemAlert, ProblemPage } from '../../components/ProblemAlert';
import { Steps } from '../../components/Steps';
import { t } from '../../i18n/t';
import { tokyoDateOf } from '../../../../frontend-shared/dates/japan';
import { Calendar } from '../../components/Calendar';
import { useChoice } from './choice';
import { resize, useDraft, type ChosenSlot } from './draft';
import { useHolds } from './api';

export function CalendarPage() {
  const { procedureId = '', locationId = '' } = useParams();
  const site = useSite();
  const choice = useChoice(procedureId, locationId);
  const { draft, update } = useDraft();
  const navigate = useNavigate();
  const holds = useHolds(site.slug);
  const partyId = useId();
  const sameChoice = draft.procedureId === procedureId && draft.locationId === locationId;
  const [party, setParty] = useState(sameChoice ? draft.party : 1);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  if (choice.pending) return <Loading />;
  if (choice.error) return <ProblemPage error={choice.error} retry={choice.retry} />;
  if (!choice.procedure || !choice.location) return <NotFoundPage />;
  const { procedure, location } = choice;

  async function choose(slot: ChosenSlot) {
    const stillHeld =
      sameChoice &&
      draft.hold &&
      draft.slot?.start === slot.start &&
      draft.party === party &&
      new Date(draft.hold.expiresAt).getTime() > Date.now();
    if (stillHeld) {
      navigate(`/book/${procedureId}/${locationId}/form`);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      // The new places first: should they be gone, the resident keeps what they held.
      let previous = draft.hold;
      const take = () => holds.take(locationId, procedureId, slot, party);
      const hold = await take().catch(async (caught: unknown) => {
        // One may hold only a share of a day's places at once, and the places held
        // already count: given back, the new ones may fit. Tried once more, then told.
        if (!previous || (caught as ApiError).code !== 'booking.hold_share_reached') throw caught;
        await holds.releaseNow(previous);
        previous = null;
        update({ slot: null, hold: null });
        return take();
      });
      if (previous && previous.id !== hold.id) holds.release(previous);
      update((current) => ({
        procedureId,
        locationId,
        party,
        slot: { start: slot.start, end: slot.end },
        hold,
        applicants: resize(sameChoice ? current.applicants : [], party),
        contact: sameChoice ? current.contact : { phone: '', email: '' },
        created: null,
      }));
      navigate(`/book/${procedureId}/${locationId}/form`);
    } catch (caught) {
      // useHolds has fetched the availability again: the slot may be gone.
      setError(caught as ApiError);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Page title={t('calendar.heading')}>
      <Steps current={1} />
      <p className="chosen">{t('calendar.for', { procedure: procedure.name, location: location.name })}</p>
      {procedure.max_applicants > 1 && (
        <div className="field">
          <label htmlFor={partyId} className="field-label">
            {t('calendar.party')}
          </label>
          <p className="field-hint" id={`${partyId}-hint`}>
            {t('calendar.partyHelp')}
          </p>
          <select
            id={partyId}
            aria-describedby={`${partyId}-hint`}
            value={party}
            onChange={(event) => setParty(Number(event.target.value))}
          >
            {Array.from({ length: procedure.max_applicants }, (_, index) => index + 1).map((count) => (
              <option key={count} value={count}>
                {t('calendar.partyOption', { count })}
              </option>
            ))}
          </select>
        </div>
      )}
      {error && <ProblemAlert error={error} />}
      {busy && (
        <p role="status" className="muted">
          {t('calendar.choosing')}
        </p>
      )}
      <Calendar
        tenant={site.slug}
        locationId={locationId}
        procedureId={procedureId}
        party={party}
        onChoose={choose}
        busy={busy}
        initialDay={sameChoice && draft.slot ? tokyoDateOf(draft.slot.start) : null}
        held={sameChoice && draft.slot && draft.hold ? { start: draft.slot.start, places: draft.party } : null}
      />
    </Page>
  );
}
