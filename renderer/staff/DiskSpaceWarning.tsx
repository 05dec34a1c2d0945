/**
 * Today's warning to administrators that the data folder's disk is running short of space (the
 * server sends it to administrators only). Said before it happens: on a full disk nothing saves.
 */
import type { TodaySummary } from '../../electron/api/contract';
import { Notice } from '../components/ui';

type LowDiskSpace = NonNullable<TodaySummary['lowDiskSpace']>;

const MB = 1024 * 1024;
const GB = 1024 * MB;

/** 327155712 → '312 MB'; 1288490188 → '1.2 GB' (as Windows counts them). */
export function bytesInWords(bytes: number): string {
  if (bytes >= GB) return `${(bytes / GB).toFixed(1)} GB`;
  return `${Math.max(0, Math.round(bytes / MB))} MB`;
}

export function DiskSpaceWarning({ space }: { space: LowDiskSpace }) {
  return (
    <Notice kind="warning">
      <strong>The computer’s disk is nearly full: {bytesInWords(space.freeBytes)} free.</strong> Reception Kiosk needs at least{' '}
      {bytesInWords(space.neededBytes)} free (twice its database of {bytesInWords(space.databaseBytes)}, plus 500 MB) to keep saving records and
      making backups. When the disk is full, nothing can be saved. Free some space on the disk that holds <code>{space.folder}</code>, or tell the
      person who looks after the school’s computers.
    </Notice>
  );
}
