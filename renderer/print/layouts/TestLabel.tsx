/** The label printer test (62 mm × 100 mm): school name, date and time, and a QR code of a fresh test token. */
import { useState } from 'react';
import { useLoad } from '../../app/api';
import { QrCode } from '../../components/QrCode';
import { dateAndTime } from '../format';
import { groupToken, Sheet, useImagesReady, useSchool, useSchoolTimeZone, type PrintState } from './common';

export function TestLabel() {
  const { schoolName } = useSchool();
  const token = useLoad('newTestToken');
  const { timeZone, done } = useSchoolTimeZone();
  const [printedAt] = useState(() => new Date());
  const [imagesReady, markLoaded] = useImagesReady(['qr']);
  const state: PrintState = token.error ? 'error' : token.data && done && imagesReady ? 'ready' : 'loading';
  return (
    <Sheet paper="label62" state={state} error={token.error && `The test label could not be made: ${token.error.message}`} label="Test label">
      <p className="label-school">{schoolName}</p>
      <h1 className="label-title">Printer test</h1>
      <p className="label-when">{done ? dateAndTime(printedAt, timeZone) : ' '}</p>
      {token.data && (
        <>
          <QrCode text={token.data.token} mm={34} className="label-qr" alt={`QR code of the test token ${token.data.token}`} onReady={() => markLoaded('qr')} />
          <p className="label-token" data-token={token.data.token}>
            {groupToken(token.data.token)}
          </p>
        </>
      )}
      <p className="label-footer">Label printer: 62 mm</p>
    </Sheet>
  );
}
