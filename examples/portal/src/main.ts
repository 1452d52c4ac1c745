/**
 * The demo clinic portal: a hospital intranet page that embeds the rulecard
 * elements the way a portal developer would — attributes for the signed-in
 * user, `lang` for the language, the store passed as a property, CSS custom
 * properties for the theme (portal.css). No framework.
 */
import { EXPORT_FORMAT, SCHEMA_VERSION, openStore, type RulecardStore, type SyncConnection } from '@rulecard/store';
// The sync status shows in the header of every page; each page's element loads with its page (ELEMENT_OF).
import '@rulecard/elements/sync-status';
import { PEOPLE, TEAMS, isEmpty, preloadSeeding, seed, seedingDone, type Person } from './seed.js';
import { STRINGS, type Lang, type Strings } from './strings.js';
import './portal.css';

type PageId = keyof Strings['pages'];
type Role = Person['role'];

const PAGES_BY_ROLE: Record<Role, PageId[]> = {
  consultant: ['log', 'me'],
  lead: ['team', 'incidents', 'log', 'me'],
  manager: ['rules', 'roster', 'team', 'incidents'],
};
const PAGE_ICONS: Record<PageId, string> = { log: '✎', me: '◎', team: '▤', incidents: '⚑', rules: '§', roster: '☰' };

/** `mode`: `empty` after "start empty" (a clinic's first day: the store is not seeded again on load). */
const KEY = { user: 'rulecard-demo:user', lang: 'rulecard-demo:lang', mode: 'rulecard-demo:mode' };

const state = {
  lang: (localStorage.getItem(KEY.lang) === 'en' ? 'en' : 'zh-CN') as Lang,
  user: PEOPLE.find((p) => p.id === localStorage.getItem(KEY.user)) ?? PEOPLE.find((p) => p.id === 'c02')!,
  /** Team page: which team (managers) and which member ('' = whole team). */
  team: '',
  member: '',
  notice: '',
};

let store: RulecardStore;
/** The department's server (`npm start` runs it behind `/api`), when it answers: the browser syncs with it and seeds nothing. */
let server: { url: string; connection?: SyncConnection } | undefined;
const app = document.getElementById('app')!;

function t(): Strings {
  return STRINGS[state.lang];
}

/** A tiny element builder: `h('a', { href: '#', class: 'x' }, 'text', child)`. */
function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | boolean | undefined> = {},
  ...children: (Node | string | null | undefined | false)[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === false) continue;
    el.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children) if (c !== null && c !== undefined && c !== false) el.append(c);
  return el;
}

function displayName(p: Person): string {
  return state.lang === 'en' ? p.nameEn : p.name;
}

function personTitle(p: Person): string {
  if (state.lang === 'zh-CN') return p.title;
  const team = p.team === 'net' ? 'online team' : p.team === 'phone' ? 'phone team' : '';
  if (p.role === 'lead') return `Lead, ${team}`;
  if (p.role === 'consultant') return `Consultant, ${team}`;
  return p.id === 'm01' ? 'Director, customer service' : 'Planning manager';
}

function teamName(id: string): string {
  if (state.lang === 'zh-CN') return TEAMS.find((x) => x.id === id)?.name ?? id;
  return id === 'net' ? 'Online team' : id === 'phone' ? 'Phone team' : id;
}

function currentPage(): PageId {
  const pages = PAGES_BY_ROLE[state.user.role];
  const wanted = location.hash.replace(/^#\/?/, '') as PageId;
  return pages.includes(wanted) ? wanted : pages[0];
}

/** Attributes every element gets: the signed-in user and the language. */
function userAttrs(el: HTMLElement & { store?: RulecardStore }): void {
  el.setAttribute('consultant', state.user.id);
  el.setAttribute('role', state.user.role);
  el.setAttribute('lang', state.lang === 'en' ? 'en' : 'zh-CN');
  el.store = store;
}

// ------------------------------------------------------------------ header

function header(): HTMLElement {
  const s = t();
  const who = h('select', { id: 'who', 'aria-describedby': 'who-note' });
  for (const role of ['consultant', 'lead', 'manager'] as const) {
    const group = h('optgroup', { label: s.roleGroup[role] });
    for (const p of PEOPLE.filter((x) => x.role === role)) {
      group.append(h('option', { value: p.id, selected: p.id === state.user.id }, `${displayName(p)} · ${personTitle(p)}`));
    }
    who.append(group);
  }
  who.addEventListener('change', () => {
    state.user = PEOPLE.find((p) => p.id === who.value) ?? state.user;
    localStorage.setItem(KEY.user, state.user.id);
    void connect();
    state.team = '';
    state.member = '';
    location.hash = `#/${PAGES_BY_ROLE[state.user.role][0]}`;
    render();
  });
  const langButton = h(
    'button',
    { type: 'button', class: 'lang-toggle', id: 'lang-toggle', 'aria-label': s.languageLabel, lang: state.lang === 'en' ? 'zh-CN' : 'en' },
    s.language,
  );
  langButton.addEventListener('click', () => {
    state.lang = state.lang === 'en' ? 'zh-CN' : 'en';
    localStorage.setItem(KEY.lang, state.lang);
    render();
  });
  const initial = displayName(state.user).slice(0, 1);
  return h(
    'header',
    { class: 'topbar' },
    h(
      'div',
      { class: 'brand' },
      h('span', { class: 'logo', 'aria-hidden': 'true' }, '明'),
      h('div', {}, h('strong', {}, s.hospital), h('small', {}, s.system)),
    ),
    h(
      'nav',
      { class: 'modules', 'aria-label': s.system },
      ...s.modules.map((m, i) =>
        i === s.activeModule
          ? h('span', { class: 'module active', 'aria-current': 'true' }, m)
          : h('span', { class: 'module', title: s.moduleDisabled }, m),
      ),
    ),
    h(
      'div',
      { class: 'session' },
      h('span', { class: 'avatar', 'aria-hidden': 'true' }, initial),
      h('label', { class: 'who' }, h('span', {}, s.signedInAs), who),
      h('span', { id: 'who-note', class: 'visually-hidden' }, s.signInNote),
      langButton,
    ),
  );
}

// ------------------------------------------------------------------ sidebar

function sidebar(page: PageId): HTMLElement {
  const s = t();
  const links = PAGES_BY_ROLE[state.user.role].map((id) =>
    h(
      'li',
      {},
      h(
        'a',
        { href: `#/${id}`, class: id === page ? 'active' : undefined, 'aria-current': id === page ? 'page' : undefined, 'data-page': id },
        h('span', { class: 'icon', 'aria-hidden': 'true' }, PAGE_ICONS[id]),
        s.pages[id].nav,
      ),
    ),
  );
  const reset = h('button', { type: 'button', id: 'reset-demo', class: 'secondary' }, s.reset);
  reset.addEventListener('click', async () => {
    if (!confirm(t().resetConfirm)) return;
    reset.disabled = true;
    localStorage.removeItem(KEY.mode);
    await seed(store);
    state.notice = t().resetDone;
    render();
  });
  const empty = h('button', { type: 'button', id: 'empty-demo', class: 'secondary' }, s.startEmpty);
  empty.addEventListener('click', async () => {
    if (!confirm(t().startEmptyConfirm)) return;
    empty.disabled = true;
    localStorage.setItem(KEY.mode, 'empty');
    await clearStore(store);
    state.notice = t().startEmptyDone;
    render();
  });
  return h(
    'aside',
    { class: 'sidebar' },
    h('nav', { 'aria-label': s.menu }, h('h2', {}, s.menu), h('ul', {}, ...links)),
    server
      ? h('div', { class: 'demo-box' }, h('strong', {}, s.demo), h('p', {}, s.serverNote), syncStatus())
      : h('div', { class: 'demo-box' }, h('strong', {}, s.demo), h('p', {}, s.demoNote), reset, empty),
  );
}

// ------------------------------------------------------------------ pages

function scorecard(attrs: Record<string, string>): HTMLElement {
  const el = document.createElement('rulecard-scorecard');
  userAttrs(el);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  return el;
}

function teamPage(): HTMLElement[] {
  const s = t();
  const teams = state.user.role === 'manager' ? TEAMS.map((x) => x.id) : [state.user.team ?? 'net'];
  const team = teams.includes(state.team) ? state.team : teams[0];
  const members = PEOPLE.filter((p) => p.team === team);
  const picker = h('select', { id: 'team-member' });
  for (const id of teams) {
    picker.append(h('option', { value: `t:${id}`, selected: !state.member && id === team }, `${teamName(id)} · ${s.wholeTeam}`));
  }
  for (const p of members)
    picker.append(h('option', { value: `c:${p.id}`, selected: state.member === p.id }, `${displayName(p)} · ${personTitle(p)}`));
  picker.addEventListener('change', () => {
    const [kind, id] = picker.value.split(':');
    if (kind === 't') {
      state.team = id;
      state.member = '';
    } else state.member = id;
    render();
  });
  const toolbar = h('div', { class: 'toolbar' }, h('label', {}, h('span', {}, s.teamPicker), picker));
  const card = state.member ? scorecard({ 'for-consultant': state.member }) : scorecard({ team });
  return [toolbar, card];
}

/**
 * Each page loads the one element it shows, when it is first shown (the embed snippet's way: a page that shows a
 * call log never downloads the scorecard or the editor).
 */
const ELEMENT_OF: Record<PageId, () => Promise<unknown>> = {
  log: () => import('@rulecard/elements/call-log'),
  me: () => import('@rulecard/elements/scorecard'),
  team: () => import('@rulecard/elements/scorecard'),
  incidents: () => import('@rulecard/elements/incident'),
  rules: () => import('@rulecard/elements/editor'),
  roster: () => import('@rulecard/elements/roster'),
};

async function pageContent(page: PageId): Promise<HTMLElement[]> {
  await ELEMENT_OF[page]();
  switch (page) {
    case 'log': {
      const el = document.createElement('rulecard-call-log');
      userAttrs(el);
      return [el];
    }
    case 'me':
      return [state.user.role === 'consultant' ? scorecard({}) : scorecard({ 'for-consultant': state.user.id })];
    case 'team':
      return teamPage();
    case 'incidents': {
      const el = document.createElement('rulecard-incident');
      userAttrs(el);
      return [el];
    }
    case 'rules': {
      const el = document.createElement('rulecard-editor');
      userAttrs(el);
      return [el];
    }
    case 'roster': {
      const el = document.createElement('rulecard-roster');
      userAttrs(el);
      return [el];
    }
  }
}

/** A clinic's first day: nothing in the store (no roster, no rulebook), in one transaction. */
async function clearStore(target: RulecardStore): Promise<void> {
  await seedingDone();
  const records = {
    teams: [],
    members: [],
    rulebookVersions: [],
    drafts: [],
    formDrafts: [],
    callLogs: [],
    callLogHistory: [],
    events: [],
    appeals: [],
    periods: [],
    changes: [],
  };
  await target.importJson(
    { format: EXPORT_FORMAT, schemaVersion: SCHEMA_VERSION, exportedAt: new Date().toISOString(), timezone: target.timezone, records },
    { mode: 'replace' },
  );
}

// ------------------------------------------------------------------ render

let renderSeq = 0;

async function render(): Promise<void> {
  const seq = ++renderSeq;
  const s = t();
  document.documentElement.lang = state.lang;
  document.title = `${s.hospital} · ${s.system}`;
  const page = currentPage();
  const content = await pageContent(page);
  if (seq !== renderSeq) return;
  const today = new Intl.DateTimeFormat(state.lang, { timeZone: 'Asia/Shanghai', dateStyle: 'full' }).format(new Date());
  const main = h(
    'main',
    { id: 'main', 'data-page': page },
    h(
      'div',
      { class: 'crumbs' },
      h('span', {}, s.menu),
      h('span', { 'aria-hidden': 'true' }, ' › '),
      h('span', {}, s.pages[page].nav),
      h('span', { class: 'today' }, s.today(today)),
    ),
    h('h1', {}, s.pages[page].title),
    h('p', { class: 'intro' }, s.pages[page].intro),
    state.notice ? h('p', { class: 'notice', role: 'status' }, state.notice) : null,
    h('div', { class: 'content' }, ...content),
  );
  state.notice = '';
  app.replaceChildren(
    h('a', { href: '#main', class: 'skip' }, state.lang === 'en' ? 'Skip to content' : '跳到正文'),
    header(),
    h('div', { class: 'layout' }, sidebar(page), main),
    h('footer', { class: 'footer' }, s.footer),
  );
}

function message(text: string): void {
  app.replaceChildren(h('div', { class: 'splash', role: 'status' }, h('span', { class: 'logo', 'aria-hidden': 'true' }, '明'), text));
}

/** Whether the department's server answers behind `api/` (2 s at most). */
/** True when this browser has no portal database yet (`indexedDB.databases()`; false where it is missing). */
async function firstVisit(): Promise<boolean> {
  try {
    return !(await indexedDB.databases()).some((d) => d.name === 'rulecard');
  } catch {
    return false;
  }
}

async function serverAnswers(): Promise<boolean> {
  try {
    const res = await fetch(new URL('api/health', document.baseURI), { signal: AbortSignal.timeout(2000) });
    return res.ok && ((await res.json()) as { ok?: boolean }).ok === true;
  } catch {
    return false;
  }
}

const tokens = new Map<string, { token: string; until: number }>();

/** The signed-in member's token, from the demo server's token endpoint (the portal's sign-in stands in). */
async function demoToken(member: string): Promise<string> {
  const known = tokens.get(member);
  if (known && known.until > Date.now()) return known.token;
  const res = await fetch(`${server!.url}/demo/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ member }),
  });
  if (!res.ok) throw new Error(`demo token: ${res.status}`);
  const { token } = (await res.json()) as { token: string };
  tokens.set(member, { token, until: Date.now() + 60_000 });
  return token;
}

/** (Re)connect the store as the signed-in member; the first time on this browser, wait for the first pull. */
async function connect(): Promise<void> {
  if (!server) return;
  server.connection?.disconnect();
  const member = state.user.id;
  server.connection = await store.connect({ url: server.url, getToken: () => demoToken(member) });
  if (await isEmpty(store)) await server.connection.syncNow();
}

function syncStatus(): HTMLElement {
  const el = document.createElement('rulecard-sync-status');
  userAttrs(el);
  return el;
}

async function start(): Promise<void> {
  document.documentElement.lang = state.lang;
  message(t().seeding);
  // The first page's element loads while the store opens (and, on a first visit, is seeded).
  void ELEMENT_OF[currentPage()]().catch(() => undefined);
  // A first visit (no database yet): the seeding code downloads while the store opens and the server is asked.
  if (localStorage.getItem(KEY.mode) !== 'empty')
    void firstVisit().then((first) => {
      if (first) preloadSeeding();
    });
  try {
    const answers = serverAnswers();
    store = await openStore({ name: 'rulecard', timezone: 'Asia/Shanghai' });
    server = (await answers) ? { url: new URL('api', document.baseURI).href } : undefined;
    if (server) {
      // The server seeds the department: a first visit waits for the first pull.
      await connect();
    } else if (localStorage.getItem(KEY.mode) !== 'empty' && (await isEmpty(store))) {
      // No server (a static build): an empty store is seeded with the demo data, unless the user chose to start empty.
      await seed(store);
    }
  } catch (e) {
    message(t().seedFailed(e instanceof Error ? e.message : String(e)));
    throw e;
  }
  store.subscribe((change) => {
    if (change.type === 'closed') message(t().storeClosed);
  });
  window.addEventListener('hashchange', () => void render());
  // First run: the elements' setup steps open the page that holds the roster or the rulebook editor.
  document.addEventListener('rulecard-setup', (e) => {
    const page: PageId = e.detail.step === 'roster' ? 'roster' : 'rules';
    if (PAGES_BY_ROLE[state.user.role].includes(page)) location.hash = `#/${page}`;
  });
  await render();
}

void start();
