// The booking being made, kept in memory only: personal data is never written to the
// browser's storage. A reload starts again from the calendar, with nothing left behind.
import { createContext, useContext, useMemo, useState, type ReactNode } from 'react';
import type { components } from '../../api/client';

export interface ChosenSlot {
  start: string;
  end: string;
}

/**
 * What the confirmation page hands back to the form (as the navigation's state) when the
 * server refused one field after the form was left: the field's id and its fault.
 */
export interface ReturnedFault {
  fault: { field: string; code: string };
}

export interface Hold {
  id: string;
  expiresAt: string;
}

export interface ApplicantDraft {
  management_number: string;
  name: string;
  name_kana: string;
  birth_date: string;
  address: string;
}

export interface ContactDraft {
  phone: string;
  email: string;
}

export const emptyApplicant: ApplicantDraft = {
  management_number: '',
  name: '',
  name_kana: '',
  birth_date: '',
  address: '',
};

export interface Draft {
  procedureId: string;
  locationId: string;
  party: number;
  slot: ChosenSlot | null;
  hold: Hold | null;
  applicants: ApplicantDraft[];
  contact: ContactDraft;
  /** What the server answered once booked: shown on the completion page. */
  created: components['schemas']['BookingCreated'] | null;
  /** Where the confirmation mail went, for the completion page. */
  mailedTo: string;
}

const initial: Draft = {
  procedureId: '',
  locationId: '',
  party: 1,
  slot: null,
  hold: null,
  applicants: [emptyApplicant],
  contact: { phone: '', email: '' },
  created: null,
  mailedTo: '',
};

interface DraftState {
  draft: Draft;
  update: (change: Partial<Draft> | ((draft: Draft) => Partial<Draft>)) => void;
  reset: () => void;
  /** Booked: only the answer stays, so that Back cannot book the same again and the next person starts blank. */
  booked: (created: components['schemas']['BookingCreated']) => void;
}

const DraftContext = createContext<DraftState | null>(null);

export function DraftProvider({ children }: { children: ReactNode }) {
  const [draft, setDraft] = useState<Draft>(initial);
  const value = useMemo<DraftState>(
    () => ({
      draft,
      update: (change) =>
        setDraft((current) => ({ ...current, ...(typeof change === 'function' ? change(current) : change) })),
      reset: () => setDraft(initial),
      booked: (created) => setDraft((current) => ({ ...initial, created, mailedTo: current.contact.email.trim() })),
    }),
    [draft],
  );
  return <DraftContext.Provider value={value}>{children}</DraftContext.Provider>;
}

export function useDraft(): DraftState {
  const state = useContext(DraftContext);
  if (!state) throw new Error('useDraft outside DraftProvider');
  return state;
}

/** The applicants list resized to the party, keeping what was typed. */
export function resize(applicants: ApplicantDraft[], party: number): ApplicantDraft[] {
  return Array.from({ length: party }, (_, index) => applicants[index] ?? emptyApplicant);
}
