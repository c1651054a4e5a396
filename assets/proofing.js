// A share link's proofing: the recipient marks photos (pick, reject, a rating of 1 to 5, a
// comment) in the grid and in the lightbox, sees how many are picked, can show the picks only,
// and sends the selection. Marks are kept by the server (POST marks with the page's CSRF token),
// so they survive a reload and reach the photographer; other tabs of the link catch up when they
// come back to the front. Keys, as Lightroom has them: P pick, X reject, 0-5 rating (0 clears),
// on a focused tile or in the lightbox. Without JavaScript the gallery is read-only.
const grid = document.querySelector('.grid');
const state = { csrf: null, sent: null, marks: {}, changedSinceSent: false, downloads: 'none' };

async function load() {
  const response = await fetch('marks', { credentials: 'same-origin', cache: 'no-store' });
  if (!response.ok) return;
  const body = await response.json();
  state.csrf = body.csrf;
  state.sent = body.sent;
  state.marks = body.marks;
  state.downloads = body.downloads;
  state.changedSinceSent = Object.values(state.marks).some((m) => state.sent && m.updated > state.sent);
  render();
}

async function post(path, body) {
  const response = await fetch(path, {
    method: 'POST', credentials: 'same-origin',
    headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': state.csrf || '' },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${path}: ${response.status}`);
  return response.json();
}

const markOf = (slug) => state.marks[slug] || { state: null, rating: null, comment: null };

async function change(slug, update) {
  if (!state.csrf) return;
  const next = { ...markOf(slug), ...update };
  const stored = await post('marks', { photo: slug, state: next.state, rating: next.rating, comment: next.comment });
  if (stored.state || stored.rating || stored.comment) state.marks[slug] = stored;
  else delete state.marks[slug];
  if (state.sent) state.changedSinceSent = true;
  render();
}

// The changes a key or a button asks for.
const toggleState = (slug, wanted) => change(slug, { state: markOf(slug).state === wanted ? null : wanted });
const rate = (slug, stars) => change(slug, { rating: stars === 0 || markOf(slug).rating === stars ? null : stars });
function comment(slug) {
  const text = window.prompt('Your comment on this photo', markOf(slug).comment || '');
  if (text !== null) change(slug, { comment: text.trim() || null });
}

function keyAction(event, slug) {
  if (!slug || event.ctrlKey || event.metaKey || event.altKey) return false;
  const key = event.key.toLowerCase();
  if (key === 'p') toggleState(slug, 'pick');
  else if (key === 'x') toggleState(slug, 'reject');
  else if (/^[0-5]$/.test(key)) rate(slug, Number(key));
  else return false;
  event.preventDefault();
  return true;
}

function button(label, action, extra = {}) {
  const b = document.createElement('button');
  b.type = 'button';
  b.textContent = label;
  b.addEventListener('click', (e) => { e.preventDefault(); e.stopPropagation(); action(); });
  Object.assign(b.dataset, extra);
  return b;
}

// The controls of one photo: Pick, Reject, a rating, Comment.
function controls(slugOf) {
  const box = document.createElement('div');
  box.className = 'proof-controls';
  box.append(
    button('Pick', () => toggleState(slugOf(), 'pick'), { action: 'pick' }),
    button('Reject', () => toggleState(slugOf(), 'reject'), { action: 'reject' }),
  );
  const rating = document.createElement('select');
  rating.setAttribute('aria-label', 'Rating');
  for (const [value, text] of [['0', 'No rating'], ['1', '★'], ['2', '★★'], ['3', '★★★'], ['4', '★★★★'], ['5', '★★★★★']]) {
    rating.add(new Option(text, value));
  }
  rating.addEventListener('click', (e) => e.stopPropagation());
  rating.addEventListener('change', () => change(slugOf(), { rating: Number(rating.value) || null }));
  box.append(rating, button('Comment', () => comment(slugOf()), { action: 'comment' }));
  return box;
}

function showMark(box, mark) {
  box.querySelector('[data-action=pick]').setAttribute('aria-pressed', String(mark.state === 'pick'));
  box.querySelector('[data-action=reject]').setAttribute('aria-pressed', String(mark.state === 'reject'));
  box.querySelector('select').value = String(mark.rating || 0);
  const note = box.querySelector('[data-action=comment]');
  note.setAttribute('aria-pressed', String(Boolean(mark.comment)));
  note.title = mark.comment || '';
  for (const el of box.querySelectorAll('button, select')) el.disabled = !state.csrf;
}

// The toolbar above the grid.
const bar = document.createElement('div');
bar.className = 'proof-bar';
bar.setAttribute('role', 'region');
bar.setAttribute('aria-label', 'Your selection');
const count = document.createElement('span');
count.className = 'proof-count';
count.setAttribute('aria-live', 'polite');
const onlyPicks = document.createElement('label');
const onlyBox = document.createElement('input');
onlyBox.type = 'checkbox';
onlyBox.addEventListener('change', () => grid.classList.toggle('proof-only-picks', onlyBox.checked));
onlyPicks.append(onlyBox, ' Show picks only');
const sendButton = button('Send my selection', async () => {
  const { sent } = await post('send', {});
  state.sent = sent;
  state.changedSinceSent = false;
  render();
}, { action: 'send' });
const sentNote = document.createElement('span');
sentNote.className = 'proof-sent';
// Downloads, where the link offers them: the picks or everything as a ZIP.
const downloadLinks = document.createElement('span');
downloadLinks.className = 'proof-downloads';
for (const [href, text] of [['download/picks.zip', 'Download picks (ZIP)'], ['download/all.zip', 'Download all (ZIP)']]) {
  const a = document.createElement('a');
  a.href = href;
  a.textContent = text;
  downloadLinks.append(a);
}
bar.append(count, onlyPicks, sendButton, sentNote, downloadLinks);

const tiles = grid ? [...grid.querySelectorAll('a.tile')] : [];
for (const tile of tiles) {
  // The tile's place in the justified row goes to a wrapper holding it and its controls (a link
  // may not hold buttons).
  const wrap = document.createElement('div');
  wrap.className = 'proof-tile';
  wrap.style.setProperty('--ar', tile.style.getPropertyValue('--ar'));
  tile.replaceWith(wrap);
  wrap.append(tile, controls(() => tile.dataset.slug));
  tile.addEventListener('keydown', (e) => keyAction(e, tile.dataset.slug));
}
if (grid) grid.before(bar);

function render() {
  downloadLinks.hidden = state.downloads === 'none';
  if (lightboxDownload) lightboxDownload.hidden = state.downloads === 'none';
  const picked = Object.values(state.marks).filter((m) => m.state === 'pick').length;
  count.textContent = `${picked} picked`;
  sendButton.disabled = !state.csrf;
  sentNote.textContent = state.sent
    ? `Sent ${new Date(state.sent).toLocaleString()}${state.changedSinceSent ? ', changed since' : ''}`
    : '';
  for (const tile of tiles) {
    const mark = markOf(tile.dataset.slug);
    const wrap = tile.parentElement;
    wrap.dataset.state = mark.state || '';
    showMark(wrap.querySelector('.proof-controls'), mark);
  }
  if (lightboxControls && currentSlug) showMark(lightboxControls, markOf(currentSlug));
}

// The same controls in the lightbox, for the photo shown.
let lightboxControls = null;
let lightboxDownload = null;
let currentSlug = null;
function attach(lightbox) {
  lightbox.on('uiRegister', () => {
    lightbox.pswp.ui.registerElement({
      name: 'proofing', order: 8, isButton: false, appendTo: 'root',
      onInit: (element, pswp) => {
        lightboxControls = controls(() => currentSlug);
        lightboxControls.classList.add('proof-lightbox');
        lightboxDownload = document.createElement('a');
        lightboxDownload.textContent = 'Download';
        lightboxDownload.hidden = state.downloads === 'none';
        lightboxControls.append(lightboxDownload);
        element.append(lightboxControls);
        pswp.on('change', () => {
          currentSlug = pswp.currSlide.data.element?.dataset.slug || null;
          if (currentSlug) showMark(lightboxControls, markOf(currentSlug));
          if (currentSlug) lightboxDownload.href = `download/${currentSlug}`;
        });
      },
    });
  });
  document.addEventListener('keydown', (e) => {
    if (document.documentElement.dataset.lightbox === 'open' && !e.target.closest?.('select')) keyAction(e, currentSlug);
  });
}
if (window.vernissageLightbox) attach(window.vernissageLightbox);
else document.addEventListener('vernissage:lightbox', (e) => attach(e.detail), { once: true });

document.addEventListener('visibilitychange', () => { if (document.visibilityState === 'visible') load(); });
load();
