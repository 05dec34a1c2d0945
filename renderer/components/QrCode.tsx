/**
 * A QR code as an <img> of an SVG data: URL (allowed by the CSP's img-src 'self' data:), at a
 * fixed size in millimetres so it prints the same on every printer. Error correction M with a
 * two-module quiet zone: enough for a scuffed label, small enough for a 62 mm label.
 * Until the code is drawn a placeholder marked data-pending stands in its place.
 */
import QRCode from 'qrcode';
import { useEffect, useState } from 'react';

/** The SVG of a QR code as a data: URL. */
export async function qrDataUrl(text: string): Promise<string> {
  const svg = await QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return `data:image/svg+xml;base64,${btoa(svg)}`;
}

interface QrCodeProps {
  text: string;
  /** Width and height in millimetres. */
  mm?: number;
  alt?: string;
  className?: string;
  /** Called once the image has loaded (printing waits for it). */
  onReady?: () => void;
}

export function QrCode({ text, mm = 30, alt = 'QR code', className = '', onReady }: QrCodeProps) {
  const [drawn, setDrawn] = useState<{ text: string; src: string } | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let live = true;
    setFailed(false);
    qrDataUrl(text).then(
      (src) => live && setDrawn({ text, src }),
      () => live && setFailed(true),
    );
    return () => {
      live = false;
    };
  }, [text]);
  const size = { width: `${mm}mm`, height: `${mm}mm` };
  if (failed) {
    return (
      <span className={`qr qr-failed ${className}`.trim()} style={size} role="img" aria-label="The QR code could not be drawn">
        QR code could not be drawn
      </span>
    );
  }
  if (!drawn || drawn.text !== text) return <span className={`qr qr-pending ${className}`.trim()} style={size} data-pending="" />;
  return <img className={`qr ${className}`.trim()} src={drawn.src} alt={alt} style={size} onLoad={onReady} />;
}
