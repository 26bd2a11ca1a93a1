// A WebSocket that reconnects with exponential backoff and jitter. After each (re)connect it calls
// onOpen so the owner can resubscribe; state changes go to onState.

const MIN_DELAY_MS = 500;
const MAX_DELAY_MS = 10_000;
/** The close code a server uses to refuse a client (bad token, too many connections). */
const REFUSED = 1008;

export class Feed {
  constructor(url, { onOpen, onMessage, onState }) {
    this.url = url;
    this.onOpen = onOpen;
    this.onMessage = onMessage;
    this.onState = onState;
    this.attempt = 0;
    this.socket = null;
    this.timer = null;
    this.state = 'connecting';
  }

  connect() {
    clearTimeout(this.timer);
    const ws = new WebSocket(typeof this.url === 'function' ? this.url() : this.url);
    this.socket = ws;
    ws.onopen = () => {
      this.attempt = 0;
      this.setState('live');
      this.onOpen();
    };
    ws.onmessage = (e) => {
      let msg;
      try {
        msg = JSON.parse(e.data);
      } catch {
        return;
      }
      this.onMessage(msg, e.data);
    };
    ws.onclose = (e) => {
      if (this.socket !== ws) return;
      this.socket = null;
      this.scheduleReconnect(e.code, e.reason);
    };
  }

  /** Sends a message (an object, or JSON text already built); false when not connected. */
  send(message) {
    if (this.socket && this.socket.readyState === WebSocket.OPEN) {
      this.socket.send(typeof message === 'string' ? message : JSON.stringify(message));
      return true;
    }
    return false;
  }

  /** Closes this socket and connects again at once (after a token change). */
  restart() {
    const old = this.socket;
    this.socket = null;
    if (old) old.close(1000, 'restart');
    this.attempt = 0;
    this.connect();
  }

  scheduleReconnect(code, reason) {
    const base = Math.min(MAX_DELAY_MS, MIN_DELAY_MS * 2 ** this.attempt);
    const delay = Math.round(base / 2 + Math.random() * base / 2);
    this.attempt++;
    this.setState(code === REFUSED ? 'refused' : 'reconnecting', { delay, code, reason });
    this.timer = setTimeout(() => this.connect(), delay);
  }

  setState(state, detail = {}) {
    this.state = state;
    this.onState(state, detail);
  }
}
