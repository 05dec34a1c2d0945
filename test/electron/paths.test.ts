import { describe, expect, it } from 'vitest';
import { machineDataDir, resolveDataPaths } from '../../electron/shell/paths';

describe('where the records live', () => {
  it('uses one per-machine folder on each platform', () => {
    expect(machineDataDir('win32', { ProgramData: 'C:\\ProgramData' })).toBe('C:\\ProgramData\\Reception Kiosk');
    expect(machineDataDir('linux', {})).toBe('/var/lib/reception-kiosk');
    expect(machineDataDir('darwin', {})).toBe('/Users/Shared/Reception Kiosk');
  });

  it('keeps the database, logs and backups together in that folder', () => {
    const p = resolveDataPaths('linux', {}, () => true);
    expect(p).toEqual({ dir: '/var/lib/reception-kiosk', database: '/var/lib/reception-kiosk/kiosk.sqlite', logs: '/var/lib/reception-kiosk/logs', fellBack: false });
  });

  it('falls back to a per-user folder when the machine folder cannot be written (an AppImage), and says so', () => {
    const p = resolveDataPaths('linux', { XDG_DATA_HOME: '/home/office/.local/share' }, () => false);
    expect(p).toMatchObject({ dir: '/home/office/.local/share/reception-kiosk', fellBack: true });
  });

  it('lets KIOSK_DB choose the file, with logs beside it', () => {
    const p = resolveDataPaths('linux', { KIOSK_DB: '/tmp/demo/k.sqlite' }, () => false);
    expect(p).toEqual({ dir: '/tmp/demo', database: '/tmp/demo/k.sqlite', logs: '/tmp/demo/logs', fellBack: false });
  });
});
