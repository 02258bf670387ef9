import { useLocations, useProcedures } from '../../api/queries';
import { useSite } from '../../app/site';

/** The procedure and location named by the booking URL, once both lists are loaded. */
export function useChoice(procedureId: string, locationId: string) {
  const site = useSite();
  const procedures = useProcedures(site.slug);
  const locations = useLocations(site.slug);
  const procedure = procedures.data?.find((p) => p.id === procedureId);
  const location = locations.data?.find((l) => l.id === locationId && procedure?.location_ids.includes(l.id));
  return {
    pending: procedures.isPending || locations.isPending,
    error: procedures.error ?? locations.error ?? null,
    procedure,
    location,
    retry: () => {
      void procedures.refetch();
      void locations.refetch();
    },
  };
}
