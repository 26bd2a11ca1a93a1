// REST access with the session's token (if any). A 401 raises Unauthorized so the page can ask for a token.

const TOKEN_KEY = 'tickengine.token';

export class Unauthorized extends Error {}

export function token() {
  return sessionStorage.getItem(TOKEN_KEY) || '';
}

export function setToken(value) {
  if (value) sessionStorage.setItem(TOKEN_KEY, value);
  else sessionStorage.removeItem(TOKEN_KEY);
}

export async function getJson(path) {
  const headers = token() ? { Authorization: `Bearer ${token()}` } : {};
  const res = await fetch(path, { headers });
  if (res.status === 401) throw new Unauthorized(`${path}: unauthorized`);
  if (!res.ok) throw new Error(`${path}: HTTP ${res.status}`);
  return res.json();
}

/** The WebSocket URL of a server path, with the token as a query parameter when one is set. */
export function wsUrl(path) {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  const q = token() ? `?token=${encodeURIComponent(token())}` : '';
  return `${scheme}//${location.host}${path}${q}`;
}

/** The instrument key the REST API takes, e.g. NSE:INFY. */
export function key(instrument) {
  return `${instrument.exchange}:${instrument.tradingsymbol}`;
}
