/**
 * Draws a QR code in the terminal with `qrcode-terminal`, a development dependency of this
 * repository: the library itself never draws QR codes (an integrator's choice). It is imported
 * dynamically so that the demo still runs, printing only the URI, where it is not installed.
 * @module
 */

interface QrcodeTerminal {
  generate(text: string, options: { small: boolean }, callback: (qr: string) => void): void;
}

/** The QR code of `text` as terminal text, or `undefined` when `qrcode-terminal` is not installed. */
export async function renderQrForTerminal(text: string): Promise<string | undefined> {
  // A computed specifier: the package ships no types and is optional at run time.
  const specifier = ['qrcode', 'terminal'].join('-');
  let mod: { default?: QrcodeTerminal } & Partial<QrcodeTerminal>;
  try {
    mod = (await import(specifier)) as typeof mod;
  } catch {
    return undefined;
  }
  const qr =
    mod.default ?? (typeof mod.generate === 'function' ? (mod as QrcodeTerminal) : undefined);
  if (qr === undefined) return undefined;
  return new Promise((resolve) => qr.generate(text, { small: true }, resolve));
}
