// Album pages: opens the photos of the grid in PhotoSwipe (keyboard, swipe, pinch and wheel zoom)
// and keeps the address bar on the photo shown, so every photo in the lightbox has a link of its
// own (ALBUM/index.html#SLUG). Without JavaScript every tile is a plain link to the photo's page.
//
// Asset names carry a content hash, so the modules this script needs are named by the page (data-*
// attributes of its <script> tag) and loaded with import().
const script = document.querySelector('script[data-pswp-module]');
const grid = document.querySelector('.grid');
const url = (name) => new URL(script.dataset[name], document.baseURI).href;

// ThumbHash placeholders: drawn behind each image until it has loaded.
import(url('thumbhashModule')).then(({ thumbHashToDataURL }) => {
  for (const img of document.querySelectorAll('img[data-thumbhash]')) {
    if (img.complete && img.naturalWidth > 0) continue;
    const bytes = Uint8Array.from(atob(img.dataset.thumbhash), (c) => c.charCodeAt(0));
    img.style.backgroundImage = `url(${thumbHashToDataURL(bytes)})`;
    img.addEventListener('load', () => { img.style.backgroundImage = ''; }, { once: true });
  }
});

if (grid) {
  // The lightbox's stylesheet is wanted once a photo is opened, not for the page's first paint.
  const style = document.createElement('link');
  style.rel = 'stylesheet';
  style.href = url('lightboxStyle');
  document.head.append(style);
  const { default: PhotoSwipeLightbox } = await import(url('lightboxModule'));
  const tiles = [...grid.querySelectorAll('a.tile')];
  const slugOf = (tile) => tile.dataset.slug;

  const lightbox = new PhotoSwipeLightbox({
    gallery: grid,
    children: 'a.tile',
    pswpModule: () => import(url('pswpModule')),
    bgOpacity: 0.96,
    showHideAnimationType: 'fade',
    errorMsg: 'This photo could not be loaded.',
  });

  lightbox.on('uiRegister', () => {
    lightbox.pswp.ui.registerElement({
      name: 'caption',
      order: 9,
      isButton: false,
      appendTo: 'root',
      onInit: (element, pswp) => {
        pswp.on('change', () => {
          const tile = pswp.currSlide.data.element;
          element.textContent = tile ? tile.dataset.caption || '' : '';
          element.hidden = element.textContent === '';
        });
      },
    });
  });

  // The page's state for styles and scripts: "open" once the opening transition is over (keys
  // and swipes are taken from then on), "closed" after closing.
  const root = document.documentElement;
  lightbox.on('openingAnimationEnd', () => { root.dataset.lightbox = 'open'; });
  lightbox.on('destroy', () => { root.dataset.lightbox = 'closed'; });

  // The address names the open photo; closing returns to the album's own address.
  lightbox.on('change', () => {
    const tile = lightbox.pswp.currSlide.data.element;
    if (tile) history.replaceState(null, '', `#${slugOf(tile)}`);
  });
  lightbox.on('close', () => {
    history.replaceState(null, '', location.pathname + location.search);
  });
  // Other scripts of the page (a share's proofing.js) add to the lightbox through this.
  window.vernissageLightbox = lightbox;
  document.dispatchEvent(new CustomEvent('vernissage:lightbox', { detail: lightbox }));
  lightbox.init();

  const opened = decodeURIComponent(location.hash.slice(1));
  const index = tiles.findIndex((tile) => slugOf(tile) === opened);
  if (index >= 0) lightbox.loadAndOpen(index);
}
