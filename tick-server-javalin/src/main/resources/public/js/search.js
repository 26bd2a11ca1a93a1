// Instrument search as an ARIA combobox: type to search, ↑/↓ to move, Enter to add (or remove when
// already watched), Escape to close.

const DEBOUNCE_MS = 150;

export class Search {
  constructor(input, list, { find, has, toggle, onError }) {
    Object.assign(this, { input, list, find, has, toggle, onError });
    this.results = [];
    this.active = -1;
    this.seq = 0;
    input.addEventListener('input', () => {
      clearTimeout(this.timer);
      this.timer = setTimeout(() => this.run(), DEBOUNCE_MS);
    });
    input.addEventListener('keydown', (e) => this.keydown(e));
    input.addEventListener('blur', () => setTimeout(() => this.close(), 150));
    list.addEventListener('mousedown', (e) => {
      const li = e.target.closest('li');
      if (li) {
        e.preventDefault();
        this.choose(+li.dataset.index);
      }
    });
  }

  async run() {
    const q = this.input.value.trim();
    const seq = ++this.seq;
    if (!q) {
      this.close();
      return;
    }
    try {
      const results = await this.find(q);
      if (seq === this.seq) this.show(results);
    } catch (e) {
      this.onError(e);
    }
  }

  show(results) {
    this.results = results;
    this.active = results.length ? 0 : -1;
    this.list.innerHTML = '';
    results.forEach((r, i) => {
      const li = document.createElement('li');
      li.id = `search-option-${i}`;
      li.role = 'option';
      li.dataset.index = i;
      li.dataset.symbol = `${r.exchange}:${r.tradingsymbol}`;
      const name = document.createElement('span');
      name.textContent = `${r.exchange}:${r.tradingsymbol}`;
      const tag = document.createElement('span');
      tag.className = 'tag';
      tag.textContent = this.has(r.instrument_token) ? 'watching · Enter removes' : r.instrument_type || r.segment;
      li.append(name, tag);
      this.list.append(li);
    });
    if (results.length === 0) {
      const li = document.createElement('li');
      li.textContent = 'No match';
      li.setAttribute('aria-disabled', 'true');
      this.list.append(li);
    }
    this.list.hidden = false;
    this.input.setAttribute('aria-expanded', 'true');
    this.highlight();
  }

  close() {
    this.list.hidden = true;
    this.input.setAttribute('aria-expanded', 'false');
    this.input.removeAttribute('aria-activedescendant');
    this.active = -1;
  }

  highlight() {
    [...this.list.children].forEach((li, i) => li.setAttribute('aria-selected', String(i === this.active)));
    if (this.active >= 0) {
      this.input.setAttribute('aria-activedescendant', `search-option-${this.active}`);
      this.list.children[this.active].scrollIntoView({ block: 'nearest' });
    }
  }

  keydown(e) {
    const n = this.results.length;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (this.list.hidden) {
        this.run();
        return;
      }
      if (n) this.active = (this.active + (e.key === 'ArrowDown' ? 1 : n - 1)) % n;
      this.highlight();
    } else if (e.key === 'Enter') {
      e.preventDefault();
      if (this.active >= 0) this.choose(this.active);
    } else if (e.key === 'Escape') {
      this.close();
    }
  }

  choose(index) {
    const r = this.results[index];
    if (!r) return;
    this.toggle(r);
    this.input.value = '';
    this.close();
  }
}
