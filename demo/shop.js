// A tiny single-page router, so the widget's SPA page tracking can be seen at work.
import { loadChatWindow } from '/dist/chat.js';

const titles = {
  '/': 'Brewline · Coffee gear for home baristas',
  '/pricing': 'Subscriptions · Brewline',
  '/checkout': 'Checkout · Brewline',
  '/contact': 'Contact · Brewline',
};

function render() {
  const path = titles[location.pathname] ? location.pathname : '/';
  const view = document.getElementById('view');
  view.replaceChildren(document.getElementById(`route-${path}`).content.cloneNode(true));
  document.title = titles[path];
  document.body.dataset.route = path;
  for (const a of document.querySelectorAll('nav a')) a.toggleAttribute('aria-current', a.getAttribute('href') === path);
  if (path === '/contact') void loadChatWindow();
}

document.addEventListener('click', (e) => {
  const link = e.target.closest('a[data-link]');
  if (link && !e.metaKey && !e.ctrlKey) {
    e.preventDefault();
    if (link.getAttribute('href') !== location.pathname) history.pushState(null, '', link.getAttribute('href'));
    render();
    return;
  }
  if (e.target.closest('[data-open-chat]')) document.querySelector('chat-launcher')?.open();
  const add = e.target.closest('.add');
  if (add) addToCart(add);
});

// The cart feeds the chat's custom attributes, so a marketer can target proactive messages at,
// say, "cartValue greater than 100" or "plan is Pro" (attribute conditions in /admin).
const cart = { value: 0, plan: null };

function addToCart(button) {
  const card = button.closest('.card');
  const price = Number(card.querySelector('strong, .price')?.textContent.match(/\d+(?:\.\d+)?/)?.[0] ?? 0);
  cart.value += price;
  if (card.classList.contains('plan')) cart.plan = card.querySelector('h2').textContent;
  button.textContent = 'Added ✓';
  // The launcher may still be loading: setAttributes exists once the element is defined.
  void customElements.whenDefined('chat-launcher').then(() =>
    document.querySelector('chat-launcher')?.setAttributes({ cartValue: cart.value, plan: cart.plan }),
  );
}
document.addEventListener('submit', (e) => e.preventDefault());
window.addEventListener('popstate', render);

const lang = document.getElementById('lang');
lang.addEventListener('change', () => {
  document.documentElement.lang = lang.value;
  document.querySelector('chat-launcher')?.setAttribute('lang', lang.value);
  document.querySelector('chat-window')?.setAttribute('lang', lang.value);
});

// The host page can react to the widget's events.
document.addEventListener('chat-unread-count', (e) => {
  document.title = (e.detail.count ? `(${e.detail.count}) ` : '') + document.title.replace(/^\(\d+\) /, '');
});

render();
