// Entry point: sign-in, then a hash router over the four pages (#/apps, #/flows, …).
import { admin, ApiError, session } from './api.js';
import { field, h, note, show } from './dom.js';
import { appsPage } from './pages/apps.js';
import { flowsPage } from './pages/flows.js';
import { playgroundPage } from './pages/playground.js';
import { runsPage } from './pages/runs.js';

const PAGES = {
  apps: { title: 'Apps', render: appsPage },
  flows: { title: 'Flows', render: flowsPage },
  playground: { title: 'Playground', render: playgroundPage },
  runs: { title: 'Runs', render: runsPage },
};

const main = document.getElementById('main');
const nav = document.getElementById('nav');

document.getElementById('sign-out').addEventListener('click', () => {
  session.signOut();
  route();
});
window.addEventListener('hashchange', route);
route();

/** `#/flows?app=x` → {name: 'flows', params}; unknown names fall back to Apps. */
function parseHash() {
  const [path, query = ''] = location.hash.replace(/^#\/?/, '').split('?');
  const name = PAGES[path] ? path : 'apps';
  return { name, params: new URLSearchParams(query) };
}

async function route() {
  if (!session.token()) return signInPage();
  nav.hidden = false;
  const { name, params } = parseHash();
  const page = PAGES[name];
  for (const link of nav.querySelectorAll('a')) {
    if (link.getAttribute('href') === `#/${name}`) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  document.title = `${page.title} · Astron Workflow console`;
  const heading = h('h1', { tabindex: '-1' }, page.title);
  const body = h('div', { class: 'page-body' }, note('info', 'Loading…'));
  show(main, heading, body);
  try {
    await page.render(body, params);
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      session.signOut();
      return signInPage(error.message);
    }
    show(body, note('error', error instanceof Error ? error.message : String(error)));
  }
}

function signInPage(message) {
  nav.hidden = true;
  document.title = 'Sign in · Astron Workflow console';
  const input = h('input', {
    type: 'password',
    name: 'token',
    autocomplete: 'current-password',
    required: true,
  });
  const feedback = h('div', { 'aria-live': 'polite' }, message ? note('error', message) : null);
  const form = h(
    'form',
    { class: 'card sign-in' },
    field(
      'Admin token',
      input,
      'The ADMIN_TOKEN the service was started with. Kept for this tab only.',
    ),
    h('button', { type: 'submit' }, 'Sign in'),
    feedback,
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    session.signIn(input.value.trim());
    show(feedback, note('info', 'Checking the token…'));
    try {
      await admin('/apps', { query: { limit: 1 } });
    } catch (error) {
      session.signOut();
      show(feedback, note('error', error instanceof Error ? error.message : String(error)));
      input.focus();
      return;
    }
    if (!location.hash || location.hash === '#/') location.hash = '#/apps';
    route();
  });
  show(main, h('h1', {}, 'Sign in'), form);
  input.focus();
}
