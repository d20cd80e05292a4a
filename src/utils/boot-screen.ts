/**
 * H5 only: removes the frame index.html draws before the scripts arrive, once a page has
 * rendered something of its own (its content or its own loading state).
 */
export function removeBootScreenWhenPageShows(): void {
  if (process.env.TARO_ENV !== 'h5' || typeof document === 'undefined') return;
  const boot = document.getElementById('xf-boot');
  if (!boot) return;
  const pageShown = () => document.querySelector('.taro_page .xf-page') !== null;
  if (pageShown()) {
    boot.remove();
    return;
  }
  const observer = new MutationObserver(() => {
    if (!pageShown()) return;
    observer.disconnect();
    boot.remove();
  });
  observer.observe(document.body, { childList: true, subtree: true });
}
