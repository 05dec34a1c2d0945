/** The A4 printer test: the school's name and logo, date and time, a QR code, a 150 mm ruler and a 100 mm × 50 mm box. */
import { useState } from 'react';
import { useLoad } from '../../app/api';
import { QrCode } from '../../components/QrCode';
import { dateAndTime } from '../format';
import { groupToken, Sheet, useImagesReady, useSchool, useSchoolTimeZone, type PrintState } from './common';

/** A ruler drawn in millimetres: a tick each mm, longer each 5 mm, numbered each cm. */
function Ruler({ mm }: { mm: number }) {
  const ticks = Array.from({ length: mm + 1 }, (_, i) => i);
  return (
    <svg className="ruler" width={`${mm + 6}mm`} height="10mm" viewBox={`-3 0 ${mm + 6} 10`} role="img" aria-label={`A ruler ${mm} mm long`}>
      <line x1={0} y1={0.15} x2={mm} y2={0.15} stroke="#000" strokeWidth={0.3} />
      {ticks.map((i) => (
        <line key={i} x1={i} y1={0} x2={i} y2={i % 10 === 0 ? 5 : i % 5 === 0 ? 3.5 : 2} stroke="#000" strokeWidth={0.2} />
      ))}
      {ticks
        .filter((i) => i % 10 === 0)
        .map((i) => (
          <text key={`t${i}`} x={i} y={8.6} fontSize={2.8} textAnchor="middle" fill="#000">
            {i / 10}
          </text>
        ))}
    </svg>
  );
}

export function TestPage() {
  const { schoolName, logo } = useSchool();
  const token = useLoad('newTestToken');
  const { timeZone, done } = useSchoolTimeZone();
  const [printedAt] = useState(() => new Date());
  const [imagesReady, markLoaded] = useImagesReady(logo ? ['qr', 'logo'] : ['qr']);
  const state: PrintState = token.error ? 'error' : token.data && done && imagesReady ? 'ready' : 'loading';
  return (
    <Sheet paper="a4" state={state} error={token.error && `The test page could not be made: ${token.error.message}`} label="Test page">
      <div className="a4-frame">
        <header className="a4-header">
          {logo && <img className="a4-logo" src={logo} alt={`${schoolName} logo`} onLoad={() => markLoaded('logo')} onError={() => markLoaded('logo')} />}
          <div>
            <p className="a4-school">{schoolName}</p>
            <h1 className="a4-title">Printer test: A4</h1>
            <p className="a4-when">Printed {done ? dateAndTime(printedAt, timeZone) : ''}</p>
          </div>
        </header>

        <section className="a4-section" aria-labelledby="test-size">
          <h2 id="test-size">Size and alignment</h2>
          <p>The ruler should measure exactly 15 cm and the box exactly 100 mm by 50 mm. If not, set the printer to print at 100% (“Actual size”), not “Fit to page”.</p>
          <Ruler mm={150} />
          <div className="align-box">
            <span>100 mm × 50 mm</span>
          </div>
          <p>The thin frame around this page should be complete on all four sides. If an edge is missing, the printer cannot print that close to the edge of the paper.</p>
        </section>

        <section className="a4-section a4-scan" aria-labelledby="test-scan">
          <h2 id="test-scan">Scanning</h2>
          <div className="a4-scan-row">
            {token.data && <QrCode text={token.data.token} mm={40} alt={`QR code of the test token ${token.data.token}`} onReady={() => markLoaded('qr')} />}
            <div>
              <p>The office scanner should read this QR code as:</p>
              <p className="a4-token" data-token={token.data?.token}>
                {token.data ? groupToken(token.data.token) : ''}
              </p>
              <p>It is a test code only: it does not belong to any pupil, visitor or device.</p>
            </div>
          </div>
        </section>

        <section className="a4-section" aria-labelledby="test-text">
          <h2 id="test-text">Print quality</h2>
          <p className="a4-sample-large">Large text: Signed in, On site, Held in office</p>
          <p>Normal text: the quick brown fox jumps over the lazy dog. 0123456789</p>
          <p className="a4-sample-small">Small text: the quick brown fox jumps over the lazy dog. 0123456789</p>
          <div className="a4-greys" aria-hidden="true">
            <span className="grey-100" />
            <span className="grey-75" />
            <span className="grey-50" />
            <span className="grey-25" />
          </div>
        </section>
      </div>
    </Sheet>
  );
}
