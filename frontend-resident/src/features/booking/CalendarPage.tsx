import { useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import type { ApiError } from '../../api/client';
import { NotFound } from '../../app/Layout';
import { useSite } from '../../app/site';
import { Loading } from '../../components/Loading';
import { Page } from '../../components/Page';
import { ProblemAlert } from '../../components/ProblemAlert';
import { Steps } from '../../components/Steps';
import { t } from '../../i18n/t';
import { Calendar } from '../calendar/Calendar';
import { useChoice } from './choice';
import { resize, useDraft, type ChosenSlot } from './draft';
import { releaseHold, takeHold } from './holds';

export function CalendarPage() {
  const { procedureId = '', locationId = '' } = useParams();
  const site = useSite();
  const choice = useChoice(procedureId, locationId);
  const { draft, update } = useDraft();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const partyId = useId();
  const sameChoice = draft.procedureId === procedureId && draft.locationId === locationId;
  const [party, setParty] = useState(sameChoice ? draft.party : 1);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  if (choice.pending) return <Loading />;
  if (choice.error) return <ProblemAlert error={choice.error} />;
  if (!choice.procedure || !choice.location) return <NotFound home />;
  const { procedure, location } = choice;

  async function choose(slot: ChosenSlot) {
    setBusy(true);
    setError(null);
    releaseHold(site.slug, draft.hold);
    try {
      const hold = await takeHold(site.slug, locationId, procedureId, slot, party);
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
      setError(caught as ApiError);
      update({ hold: null });
      await queryClient.invalidateQueries({ queryKey: ['availability'] });
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
          <select id={partyId} aria-describedby={`${partyId}-hint`} value={party} onChange={(event) => setParty(Number(event.target.value))}>
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
      <Calendar tenant={site.slug} locationId={locationId} procedureId={procedureId} party={party} onChoose={choose} busy={busy} />
    </Page>
  );
}
