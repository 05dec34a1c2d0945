/**
 * The words of the 'records-changed' alert (issue 14), one place for the console's banner (written
 * by the API) and Today. Plain Intl and no DOM, so the API imports it too: the renderer may import
 * only types from the API, so shared wording lives here, beside the screens and prints.
 */
function hhmm(iso: string, timeZone: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return 'unknown';
  return new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone }).format(d);
}

export function recordsChangedText(foundAt: string, lastGoodAt: string | null, timeZone: string): string {
  const lastGood = lastGoodAt ? hhmm(lastGoodAt, timeZone) : 'none yet';
  return (
    `Records may have been changed outside Reception Kiosk (found ${hhmm(foundAt, timeZone)}; last good check ${lastGood}). ` +
    'Keep using the app: new records are saved. Tell the head teacher and the DSL now. ' +
    'Do not restore or delete anything until IT has copied the data folder as it is.'
  );
}
