// A small candlestick chart on a <canvas>: candles keyed by bucket start, redrawn once per frame when
// something changed. The canvas's data-candles attribute holds the number of candles, data-received
// the number of candles that came from the server (for tests).

const MAX_CANDLES = 600;
const AXIS_WIDTH = 72;
const AXIS_HEIGHT = 22;
const COLORS = { up: '#4ade80', down: '#f87171', grid: '#2a333d', text: '#9aa7b4', last: '#7cb7ff' };

export class CandleChart {
  constructor(canvas) {
    this.canvas = canvas;
    this.candles = [];
    this.received = 0;
    this.dirty = true;
    new ResizeObserver(() => this.invalidate()).observe(canvas);
  }

  /** Replaces every candle (history for a new instrument or interval). */
  reset(candles) {
    this.candles = candles.map(toCandle).sort((a, b) => a.t - b.t).slice(-MAX_CANDLES);
    this.invalidate();
  }

  /** Adds a candle or replaces the one with the same start (a revision of the open bucket). */
  upsert(raw) {
    const c = toCandle(raw);
    this.canvas.dataset.received = String(++this.received);
    const list = this.candles;
    const last = list[list.length - 1];
    if (!last || c.t > last.t) {
      list.push(c);
      if (list.length > MAX_CANDLES) list.shift();
    } else {
      const i = list.findIndex((x) => x.t === c.t);
      if (i >= 0) list[i] = c;
    }
    this.invalidate();
  }

  /**
   * Extends the forming candle from a trade price, so an interval shows movement before the server
   * closes its bucket; the server's candle for that bucket replaces it when it comes.
   */
  tick(timeMs, price, intervalMs) {
    const t = Math.floor(timeMs / intervalMs) * intervalMs;
    const list = this.candles;
    const last = list[list.length - 1];
    if (last && last.t === t) {
      last.h = Math.max(last.h, price);
      last.l = Math.min(last.l, price);
      last.c = price;
    } else if (!last || t > last.t) {
      list.push({ t, o: price, h: price, l: price, c: price, v: 0 });
      if (list.length > MAX_CANDLES) list.shift();
    } else {
      return;
    }
    this.invalidate();
  }

  invalidate() {
    this.canvas.dataset.candles = String(this.candles.length);
    if (this.dirty && this.frame) return;
    this.dirty = true;
    this.frame = requestAnimationFrame(() => {
      this.frame = null;
      this.dirty = false;
      this.draw();
    });
  }

  draw() {
    const { canvas } = this;
    const dpr = window.devicePixelRatio || 1;
    const w = canvas.clientWidth;
    const h = canvas.clientHeight;
    if (canvas.width !== Math.round(w * dpr) || canvas.height !== Math.round(h * dpr)) {
      canvas.width = Math.round(w * dpr);
      canvas.height = Math.round(h * dpr);
    }
    const g = canvas.getContext('2d');
    g.setTransform(dpr, 0, 0, dpr, 0, 0);
    g.clearRect(0, 0, w, h);
    g.font = '11px system-ui, sans-serif';
    const plotW = w - AXIS_WIDTH;
    const plotH = h - AXIS_HEIGHT;
    const step = 9;
    const shown = this.candles.slice(-Math.max(1, Math.floor(plotW / step)));
    if (shown.length === 0) {
      g.fillStyle = COLORS.text;
      g.fillText('waiting for candles…', 12, 20);
      return;
    }
    let lo = Math.min(...shown.map((c) => c.l));
    let hi = Math.max(...shown.map((c) => c.h));
    if (hi === lo) { hi += 1; lo -= 1; }
    const pad = (hi - lo) * 0.08;
    lo -= pad; hi += pad;
    const y = (p) => 6 + (plotH - 12) * (hi - p) / (hi - lo);

    g.strokeStyle = COLORS.grid;
    g.fillStyle = COLORS.text;
    g.lineWidth = 1;
    for (let i = 0; i <= 4; i++) {
      const p = lo + (hi - lo) * i / 4;
      const yy = Math.round(y(p)) + 0.5;
      g.beginPath(); g.moveTo(0, yy); g.lineTo(plotW, yy); g.stroke();
      g.fillText(p.toFixed(2), plotW + 6, yy + 4);
    }
    const x0 = plotW - shown.length * step;
    shown.forEach((c, i) => {
      const x = x0 + i * step + step / 2;
      g.strokeStyle = g.fillStyle = c.c >= c.o ? COLORS.up : COLORS.down;
      g.beginPath(); g.moveTo(Math.round(x) + 0.5, y(c.h)); g.lineTo(Math.round(x) + 0.5, y(c.l)); g.stroke();
      const top = y(Math.max(c.o, c.c));
      g.fillRect(Math.round(x) - 3, top, 7, Math.max(1, y(Math.min(c.o, c.c)) - top));
      if (i % 20 === 0) {
        g.fillStyle = COLORS.text;
        g.fillText(new Date(c.t).toLocaleTimeString([], { hour12: false }), x - 20, h - 6);
      }
    });
    const last = shown[shown.length - 1];
    const ly = y(last.c);
    g.fillStyle = COLORS.last;
    g.fillRect(plotW, ly - 8, AXIS_WIDTH, 16);
    g.fillStyle = '#0f1419';
    g.fillText(last.c.toFixed(2), plotW + 6, ly + 4);
  }
}

function toCandle(c) {
  return { t: Date.parse(c.start), o: +c.open, h: +c.high, l: +c.low, c: +c.close, v: +c.volume };
}
