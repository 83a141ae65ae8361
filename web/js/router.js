/**
 * Hash routes keep static serving trivial: every page is index.html. A view is
 * `render(container, params) → dispose?`; dispose closes its streams when the user leaves.
 */
export function startRouter(container, routes, onNavigate) {
  let dispose;
  const show = () => {
    const hash = location.hash || '#/board';
    const route = routes.find((candidate) => candidate.pattern.test(hash)) ?? routes[0];
    const params = hash.match(route.pattern)?.slice(1).map(decodeURIComponent) ?? [];
    dispose?.();
    container.replaceChildren();
    dispose = route.render(container, ...params);
    onNavigate(route.name);
  };
  window.addEventListener('hashchange', show);
  show();
}
