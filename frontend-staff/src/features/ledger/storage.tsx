// 保管場所: the boxes and shelves a municipality registered. Cards are filed and found
// by them, so the clerk picks one from the list rather than typing a name.
import type { FieldControlProps } from '../../components/Field';
import { useStorageLocations, type StorageLocation } from './api';

/** The names to offer: the registered ones, and `current` too when it is no longer among them. */
export function storageChoices(
  locations: readonly Pick<StorageLocation, 'name'>[] | undefined,
  current: string,
): string[] {
  const names = (locations ?? []).map((l) => l.name);
  return current && !names.includes(current) ? [current, ...names] : names;
}

/** A list of the registered locations; a plain field when the list cannot be had. */
export function StorageSelect({
  control,
  value,
  onChange,
  emptyLabel,
}: {
  control: FieldControlProps;
  value: string;
  onChange: (value: string) => void;
  emptyLabel: string;
}) {
  const locations = useStorageLocations();
  if (locations.isError)
    return <input {...control} value={value} onChange={(e) => onChange(e.target.value)} autoComplete="off" />;
  return (
    <select {...control} value={value} onChange={(e) => onChange(e.target.value)}>
      <option value="">{emptyLabel}</option>
      {storageChoices(locations.data, value).map((name) => (
        <option key={name} value={name}>
          {name}
        </option>
      ))}
    </select>
  );
}
