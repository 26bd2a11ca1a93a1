// The market-watch page: watch list over /ws/ticks, a candle chart over /api/candles and /ws/candles,
// market depth, search, connection status and token handling.

import { getJson, key, setToken, token, Unauthorized, wsUrl } from './api.js';
import { CandleChart } from './chart.js';
import { Feed } from './feed.js';
import { formatPrice, WatchList } from './watchlist.js';
import { Search } from './search.js';

const DEFAULT_INDICES = ['NIFTY 50', 'NIFTY BANK'];
const NIFTY_50 = ['ADANIENT', 'ADANIPORTS', 'APOLLOHOSP', 'ASIANPAINT', 'AXISBANK', 'BAJAJ-AUTO', 'BAJAJFINSV',
  'BAJFINANCE', 'BEL', 'BHARTIARTL', 'BPCL', 'BRITANNIA', 'CIPLA', 'COALINDIA', 'DRREDDY', 'EICHERMOT', 'ETERNAL',
  'GRASIM', 'HCLTECH', 'HDFCBANK', 'HDFCLIFE', 'HEROMOTOCO', 'HINDALCO', 'HINDUNILVR', 'ICICIBANK', 'INDUSINDBK',
  'INFY', 'ITC', 'JIOFIN', 'JSWSTEEL', 'KOTAKBANK', 'LT', 'M&M', 'MARUTI', 'NESTLEIND', 'NTPC', 'ONGC',
  'POWERGRID', 'RELIANCE', 'SBILIFE', 'SBIN', 'SHRIRAMFIN', 'SUNPHARMA', 'TATACONSUM', 'TATAMOTORS', 'TATASTEEL',
  'TCS', 'TECHM', 'TITAN', 'TRENT', 'ULTRACEMCO', 'WIPRO'];
const HISTORY_MS = { '1s': 5 * 60_000, '1m': 6 * 3600_000 };
const INTERVAL_MS = { '1s': 1000, '1m': 60_000 };

const $ = (id) => document.getElementById(id);
const instruments = new Map(); // token -> instrument
const state = { selected: null, interval: '1s', lastSequence: null, depth: new Map() };
const feedStates = {};

const chart = new CandleChart($('chart'));
const watch = new WatchList($('watch'), { onSelect: select, onRemove: remove });

// Up to this many ticks per frame when the page falls behind, instead of one frame per tick.
const TICK_BATCH = 100;

const ticks = new Feed(() => `${wsUrl('/ws/ticks')}${token() ? '&' : '?'}batch=${TICK_BATCH}`, {
  onOpen: () => {
    const tokens = [...instruments.keys()];
    if (tokens.length === 0) return;
    // Sequences exceed 2^53, so resume_from is copied as text rather than through a JS number.
    const resume = state.lastSequence != null ? `,"resume_from":${state.lastSequence}` : '';
    ticks.send(`{"action":"subscribe","tokens":${JSON.stringify(tokens)}${resume}}`);
  },
  onMessage: onTickMessage,
  onState: (s, d) => showState('ticks', s, d),
});

const candles = new Feed(() => wsUrl('/ws/candles'), {
  onOpen: () => {
    if (state.selected != null) {
      candles.send({ action: 'subscribe', tokens: [state.selected], interval: state.interval });
      loadHistory(); // fill what was missed while disconnected
    }
  },
  onMessage: (m) => {
    if (m.type === 'error') console.warn(`server: ${m.message}`);
    if (m.type === 'candle' && m.data.instrument_token === state.selected && m.data.interval === state.interval) {
      chart.upsert(m.data);
    }
  },
  onState: (s, d) => showState('candles', s, d),
});

// Ticks wait here (latest per instrument) and are drawn once per animation frame.
const pendingTicks = new Map();
let renderQueued = false;

function onTickMessage(m, raw) {
  if (m.type === 'error') console.warn(`server: ${m.message}`);
  if (m.type === 'gap') {
    // The server could not replay from our sequence and sends the latest snapshot instead.
    document.body.dataset.gaps = String(+(document.body.dataset.gaps || 0) + 1);
    console.info(`resume: ${m.message}`);
  }
  const list = m.type === 'tick' ? [m.data] : m.type === 'ticks' ? m.data : [];
  if (list.length === 0) return;
  const seq = lastSequence(raw);
  if (seq) state.lastSequence = seq;
  for (const t of list) pendingTicks.set(t.instrument_token, t);
  if (!renderQueued) {
    renderQueued = true;
    requestAnimationFrame(renderTicks);
  }
}

function renderTicks() {
  renderQueued = false;
  for (const t of pendingTicks.values()) {
    if (t.depth) state.depth.set(t.instrument_token, t.depth);
    if (t.last_price === undefined) {
      // mode "depth": the order book only, no trade; it moves neither the price nor the chart.
      if (t.instrument_token === state.selected) showDepth(t.depth);
      continue;
    }
    watch.update(t);
    if (t.instrument_token === state.selected) {
      showSelected(t);
      const time = Date.parse(t.timestamp || t.last_trade_time) || Date.now();
      chart.tick(time, +t.last_price, INTERVAL_MS[state.interval]);
    }
  }
  pendingTicks.clear();
}

/** The digits of the last "sequence" in a frame, exactly (they do not fit a JS number). */
function lastSequence(raw) {
  const at = raw.lastIndexOf('"sequence":');
  const m = at < 0 ? null : /^\d+/.exec(raw.slice(at + 11, at + 40));
  return m ? m[0] : null;
}

function showState(which, s, detail) {
  feedStates[which] = s;
  const states = Object.values(feedStates);
  const el = $('status');
  const overall = states.includes('refused') ? 'offline'
    : states.length === 2 && states.every((x) => x === 'live') ? 'live'
      : states.includes('reconnecting') ? 'reconnecting' : 'connecting';
  el.dataset.state = overall;
  if (s === 'refused') {
    el.textContent = 'refused by server';
    el.title = detail.reason || '';
    if (/auth|token/i.test(detail.reason || '')) askForToken(detail.reason);
  } else if (overall === 'reconnecting') {
    el.textContent = `reconnecting in ${Math.ceil((detail.delay || 0) / 1000)}s…`;
  } else if (overall !== 'offline') {
    el.textContent = overall;
    el.title = '';
  }
}

function add(instrument) {
  if (instruments.has(instrument.instrument_token)) return;
  instruments.set(instrument.instrument_token, instrument);
  watch.add(instrument);
  ticks.send({ action: 'subscribe', tokens: [instrument.instrument_token] });
  if (state.selected == null) select(instrument.instrument_token);
}

function remove(token) {
  if (!instruments.has(token)) return;
  instruments.delete(token);
  watch.remove(token);
  ticks.send({ action: 'unsubscribe', tokens: [token] });
  if (state.selected === token) select(instruments.keys().next().value ?? null);
}

function select(token) {
  if (state.selected != null && state.selected !== token) {
    candles.send({ action: 'unsubscribe', tokens: [state.selected], interval: state.interval });
  }
  const changed = state.selected !== token;
  state.selected = token;
  watch.select(token);
  const i = instruments.get(token);
  $('detail-title').textContent = i ? `${i.exchange}:${i.tradingsymbol}` : '—';
  if (!changed) return;
  $('detail-price').textContent = '—';
  showDepth(state.depth.get(token));
  if (token == null) {
    chart.reset([]);
    return;
  }
  candles.send({ action: 'subscribe', tokens: [token], interval: state.interval });
  chart.reset([]);
  loadHistory();
}

function chooseInterval(interval) {
  if (interval === state.interval) return;
  if (state.selected != null) candles.send({ action: 'unsubscribe', tokens: [state.selected], interval: state.interval });
  state.interval = interval;
  for (const b of document.querySelectorAll('[data-interval]')) {
    b.setAttribute('aria-pressed', String(b.dataset.interval === interval));
  }
  if (state.selected != null) candles.send({ action: 'subscribe', tokens: [state.selected], interval });
  chart.reset([]);
  loadHistory();
}

async function loadHistory() {
  const token = state.selected;
  const interval = state.interval;
  const i = instruments.get(token);
  if (!i) return;
  const from = new Date(Date.now() - HISTORY_MS[interval]).toISOString();
  try {
    const list = await getJson(`/api/candles/${encodeURIComponent(key(i))}?interval=${interval}&from=${from}`);
    if (state.selected !== token || state.interval !== interval) return;
    const live = chart.candles.filter((c) => !list.some((h) => Date.parse(h.start) === c.t));
    chart.reset(list);
    live.forEach((c) => chart.upsert({ start: new Date(c.t).toISOString(), open: c.o, high: c.h, low: c.l, close: c.c, volume: c.v }));
  } catch (e) {
    handleError(e);
  }
}

function showSelected(t) {
  const el = $('detail-price');
  el.textContent = formatPrice(t.last_price);
  const close = t.ohlc ? +t.ohlc.close : 0;
  el.className = `price num ${close && +t.last_price > close ? 'up' : close && +t.last_price < close ? 'down' : ''}`;
  if (t.depth) showDepth(t.depth);
}

function showDepth(depth) {
  const body = $('depth').tBodies[0];
  $('depth-note').hidden = depth != null;
  const rows = [];
  for (let i = 0; i < 5; i++) {
    const b = depth?.buy?.[i];
    const s = depth?.sell?.[i];
    const cell = (level, text, cls = '') => `<td class="num ${cls}">${level ? text : '—'}</td>`;
    rows.push(`<tr>${cell(b, b?.orders)}${cell(b, b?.quantity)}${cell(b, formatPrice(b?.price), 'bid')}`
      + `${cell(s, formatPrice(s?.price), 'ask')}${cell(s, s?.quantity)}${cell(s, s?.orders)}</tr>`);
  }
  body.innerHTML = rows.join('');
}

function handleError(e) {
  if (e instanceof Unauthorized) askForToken('');
  else console.warn(e.message);
}

function askForToken(message) {
  $('token-form').hidden = false;
  $('token-error').textContent = message;
  $('token-input').focus();
}

async function loadDefaults() {
  const all = await getJson('/api/instruments?q=&limit=1000');
  const bySymbol = new Map(all.filter((i) => i.exchange === 'NSE').map((i) => [i.tradingsymbol, i]));
  for (const s of [...DEFAULT_INDICES, ...NIFTY_50]) {
    const i = bySymbol.get(s);
    if (i) add(i);
  }
}

async function start() {
  try {
    await loadDefaults();
  } catch (e) {
    handleError(e);
    return;
  }
  $('token-form').hidden = true;
  $('token-button').hidden = !token();
  ticks.connect();
  candles.connect();
}

$('token-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  setToken($('token-input').value.trim());
  try {
    await getJson('/api/instruments?q=NIFTY&limit=1');
  } catch (err) {
    askForToken(err instanceof Unauthorized ? 'That token was not accepted.' : err.message);
    return;
  }
  if (instruments.size === 0) start();
  else { ticks.restart(); candles.restart(); $('token-form').hidden = true; }
});
$('token-button').addEventListener('click', () => askForToken(''));
for (const b of document.querySelectorAll('[data-interval]')) {
  b.addEventListener('click', () => chooseInterval(b.dataset.interval));
}
new Search($('search-input'), $('search-results'), {
  find: (q) => getJson(`/api/instruments?q=${encodeURIComponent(q)}&limit=20`),
  has: (t) => instruments.has(t),
  toggle: (i) => (instruments.has(i.instrument_token) ? remove(i.instrument_token) : add(i)),
  onError: handleError,
});
showDepth(null);
start();
