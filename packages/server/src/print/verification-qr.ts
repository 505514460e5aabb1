/** The QR code printed in every footer: it opens `${publicUrl}/verify/<version>`. */
import QRCode from 'qrcode';

/** The address a version code is verified at. */
export function verificationUrl(publicUrl: string, version: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/verify/${encodeURIComponent(version)}`;
}

/** A PNG data: URL of the verification QR code (medium error correction survives a photocopy). */
export function verificationQrDataUrl(publicUrl: string, version: string): Promise<string> {
  return QRCode.toDataURL(verificationUrl(publicUrl, version), { errorCorrectionLevel: 'M', margin: 0, width: 200 });
}
