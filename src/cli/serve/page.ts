/**
 * The PC login page of `jitsuin serve`: plain HTML and one script, no framework. It asks the RP for
 * an offer, shows its QR code, the number to match and a countdown, polls the session state, takes
 * the login once the phone approved, and fetches a new offer when one expires.
 * @module
 */

/** The page. Element ids are what the browser test reads. */
export const LOGIN_PAGE_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>jitsuin — log in on this PC (TEST)</title>
<style>
  body { font-family: system-ui, sans-serif; max-width: 34rem; margin: 2rem auto; color: #1b1b1b; }
  h1 { font-size: 1.3rem; }
  .card { border: 1px solid #ccc; border-radius: 8px; padding: 1.2rem; text-align: center; }
  #qr { width: 288px; height: 288px; image-rendering: pixelated; background: #fff; }
  #code { font-size: 3rem; font-weight: 700; letter-spacing: .2rem; }
  #state { font-weight: 600; margin: .6rem 0; }
  #state[data-state="denied"], #state[data-state="expired"] { color: #a40000; }
  #state[data-state="collected"] { color: #006b1b; }
  #login { font-family: ui-monospace, monospace; font-size: 1.1rem; }
  .note { color: #555; font-size: .85rem; }
  [hidden] { display: none !important; }
</style>
</head>
<body>
<h1>Log in to hospital.example with your phone</h1>
<p class="note">TEST server: synthetic PKI, simulated phone. Nothing here is a real certificate or person.</p>
<div class="card">
  <div id="offer-box">
    <img id="qr" alt="QR code to scan with the app">
    <p>Pick this number on your phone:</p>
    <div id="code" aria-live="polite">--</div>
    <p>Expires in <span id="countdown">--</span> s</p>
  </div>
  <p id="state" data-state="loading" role="status">Loading…</p>
  <p id="login" hidden></p>
  <button id="again" type="button" hidden>New QR code</button>
</div>
<script src="/login.js"></script>
</body>
</html>
`;

/** The page's script (served as /login.js, so the page needs no inline script). */
export const LOGIN_PAGE_JS = `'use strict';
(() => {
  const $ = (id) => document.getElementById(id);
  const TEXT = {
    pending: 'Scan the QR code with the app',
    scanned: 'Scanned — pick the number on your phone',
    approved: 'Approved — logging you in…',
    denied: 'Denied on the phone — you are not logged in',
    expired: 'Expired — getting a new QR code…',
    collected: 'Logged in',
  };
  let offer = null;
  let timers = [];
  let generation = 0;

  function show(state, text) {
    const el = $('state');
    el.dataset.state = state;
    el.textContent = text ?? TEXT[state] ?? state;
  }

  async function call(path, body) {
    const r = await fetch(path, { method: 'POST', credentials: 'same-origin', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const type = r.headers.get('content-type') || '';
    const data = type.includes('json') ? await r.json() : await r.blob();
    if (!r.ok) throw Object.assign(new Error(data && data.code ? data.code : 'HTTP ' + r.status), { problem: data });
    return data;
  }

  function stop() {
    for (const t of timers) clearInterval(t);
    timers = [];
  }

  async function newOffer() {
    stop();
    const mine = ++generation;
    $('login').hidden = true;
    $('again').hidden = true;
    $('offer-box').hidden = false;
    offer = await call('/rp/qr/offer', {});
    const png = await call('/pc/qr.png', { uri: offer.uri });
    if (mine !== generation) return;
    const img = $('qr');
    if (img.src.startsWith('blob:')) URL.revokeObjectURL(img.src);
    img.src = URL.createObjectURL(png);
    img.dataset.offerId = offer.offerId;
    $('code').textContent = offer.code;
    show('pending');
    const tick = () => { $('countdown').textContent = String(Math.max(0, offer.exp - Math.floor(Date.now() / 1000))); };
    tick();
    timers.push(setInterval(tick, 250));
    timers.push(setInterval(() => poll(mine).catch(fault), 400));
  }

  let polling = false;
  async function poll(mine) {
    if (polling || mine !== generation) return;
    polling = true;
    try {
      const { state } = await call('/rp/qr/poll', { offerId: offer.offerId });
      if (mine !== generation) return;
      if (state === 'approved') {
        stop();
        show('approved');
        const login = await call('/rp/qr/collect', { offerId: offer.offerId });
        show('collected');
        $('offer-box').hidden = true;
        $('login').hidden = false;
        $('login').textContent = 'Logged in as ' + login.commonCode + ' (' + login.keyProtection + ')';
      } else if (state === 'expired') {
        show('expired');
        await newOffer();
      } else if (state === 'denied' || state === 'collected') {
        stop();
        show(state);
        $('offer-box').hidden = true;
        $('again').hidden = false;
      } else {
        show(state);
      }
    } finally {
      polling = false;
    }
  }

  function fault(e) {
    stop();
    show('error', 'Error: ' + (e && e.message ? e.message : String(e)));
    $('again').hidden = false;
  }

  $('again').addEventListener('click', () => newOffer().catch(fault));
  newOffer().catch(fault);
})();
`;
