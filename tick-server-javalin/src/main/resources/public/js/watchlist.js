// The watch-list table: one row per instrument, fixed columns, a flash on each price change, and
// keyboard navigation (roving tabindex: arrows move, Enter selects, Delete removes).

const price = new Intl.NumberFormat('en-IN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const whole = new Intl.NumberFormat('en-IN');
const FLASH_UP = 'rgba(74, 222, 128, 0.28)';
const FLASH_DOWN = 'rgba(248, 113, 113, 0.28)';
const FLASH_MS = 400;

export function formatPrice(v) {
  return v == null || Number.isNaN(+v) ? '—' : price.format(+v);
}

export class WatchList {
  constructor(table, { onSelect, onRemove }) {
    this.body = table.tBodies[0];
    this.onSelect = onSelect;
    this.onRemove = onRemove;
    this.rows = new Map();
    this.body.addEventListener('keydown', (e) => this.keydown(e));
    this.body.addEventListener('click', (e) => {
      const row = e.target.closest('tr');
      if (!row) return;
      if (e.target.closest('.remove')) this.onRemove(+row.dataset.token);
      else this.onSelect(+row.dataset.token);
    });
  }

  has(token) {
    return this.rows.has(token);
  }

  add(instrument) {
    if (this.rows.has(instrument.instrument_token)) return;
    const tr = document.createElement('tr');
    tr.dataset.token = instrument.instrument_token;
    tr.dataset.symbol = `${instrument.exchange}:${instrument.tradingsymbol}`;
    tr.tabIndex = this.rows.size === 0 ? 0 : -1;
    tr.innerHTML = '<th scope="row" class="sym"></th><td class="num ltp">—</td><td class="num chg">—</td>'
      + '<td class="num pct">—</td><td class="num vol">—</td>'
      + '<td><button type="button" class="remove" tabindex="-1">×</button></td>';
    tr.querySelector('.sym').textContent = instrument.tradingsymbol;
    tr.querySelector('.sym').title = instrument.name || instrument.tradingsymbol;
    tr.querySelector('.remove').setAttribute('aria-label', `Remove ${instrument.tradingsymbol}`);
    this.body.append(tr);
    this.rows.set(instrument.instrument_token, tr);
  }

  remove(token) {
    const tr = this.rows.get(token);
    if (!tr) return;
    const focused = tr === document.activeElement;
    const next = tr.nextElementSibling || tr.previousElementSibling;
    tr.remove();
    this.rows.delete(token);
    if (next && (tr.tabIndex === 0 || focused)) {
      this.focusRow(next, focused);
    }
  }

  select(token) {
    for (const [t, tr] of this.rows) tr.setAttribute('aria-selected', String(t === token));
  }

  /** Shows a tick (seed 004 data) in its row and flashes the price cell when it moved. */
  update(tick) {
    const tr = this.rows.get(tick.instrument_token);
    if (!tr) return;
    const last = +tick.last_price;
    const close = tick.ohlc ? +tick.ohlc.close : NaN;
    const ltp = tr.querySelector('.ltp');
    const before = +tr.dataset.last;
    tr.dataset.last = String(last);
    ltp.textContent = formatPrice(last);
    if (close > 0) {
      const chg = last - close;
      const dir = chg > 0 ? 'up' : chg < 0 ? 'down' : '';
      for (const [name, text] of [['chg', formatPrice(chg)], ['pct', `${(chg / close * 100).toFixed(2).replace(/^-(0\.00)$/, '$1')}%`]]) {
        const cell = tr.querySelector(`.${name}`);
        cell.textContent = text;
        cell.className = `num ${name} ${dir}`;
      }
    }
    if (tick.volume != null) tr.querySelector('.vol').textContent = tick.volume > 0 ? whole.format(tick.volume) : '—';
    if (!Number.isNaN(before) && before !== last) {
      ltp.animate([{ backgroundColor: last > before ? FLASH_UP : FLASH_DOWN }, { backgroundColor: 'transparent' }],
        { duration: FLASH_MS, easing: 'ease-out' });
    }
  }

  keydown(e) {
    const tr = e.target.closest('tr');
    if (!tr) return;
    const moves = { ArrowDown: tr.nextElementSibling, ArrowUp: tr.previousElementSibling,
      Home: this.body.firstElementChild, End: this.body.lastElementChild };
    if (e.key in moves) {
      e.preventDefault();
      if (moves[e.key]) this.focusRow(moves[e.key], true);
    } else if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      this.onSelect(+tr.dataset.token);
    } else if (e.key === 'Delete' || e.key === 'Backspace') {
      e.preventDefault();
      this.onRemove(+tr.dataset.token);
    }
  }

  focusRow(tr, focus) {
    for (const r of this.rows.values()) r.tabIndex = -1;
    tr.tabIndex = 0;
    if (focus) tr.focus();
  }
}
