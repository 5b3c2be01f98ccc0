// The per-render nonce of the webviews' Content-Security-Policy. globalThis.crypto.getRandomValues
// is a cryptographically secure source in Node 18+ and in browsers (the web extension host) alike.

/** 16 random bytes, base64: fresh for every render. */
export function webviewNonce(): string {
  const bytes = new Uint8Array(16);
  globalThis.crypto.getRandomValues(bytes);
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
}
