// MeshLens dashboard: polls the REST API and redraws. No build step; Chart.js comes from its WebJar.
'use strict';

const REFRESH_MS = 5000;
// Where the API token lives: this tab's session only, gone when the tab closes.
const TOKEN_KEY = 'meshlens.token';
const COLORS = ['#c62828', '#ef6c00', '#6a1b9a', '#1565c0', '#00838f', '#2e7d32', '#ad1457', '#4e342e', '#546e7a'];
const state = { selected: null, charts: {} };

const $ = (id) => document.getElementById(id);
const esc = (s) => String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
const pct = (r) => (100 * r).toFixed(1) + '%';
// The API's times are UTC (ISO 8601, 'Z'), and so is every time shown: each says so, in its text or in its
// column or axis title, since a person reads a bare time as local.
const hhmm = (iso) => (iso ? iso.substring(11, 16) : '');
const hhmmUtc = (iso) => (iso ? hhmm(iso) + ' UTC' : '');
// Chart labels name windows, which may be shorter than a minute; the axis title names the zone.
const hhmmss = (iso) => (iso ? iso.substring(11, 19) : '');
const WINDOW_AXIS = { title: { display: true, text: 'window start (UTC)' } };

/** The API answered 401: no token, or not the right one. */
class Unauthorized extends Error {}

async function getJson(path) {
  const token = sessionStorage.getItem(TOKEN_KEY);
  const headers = { Accept: 'application/json' };
  if (token) {
    headers.Authorization = 'Bearer ' + token;
  }
  const response = await fetch(path, { headers });
  if (response.status === 401) {
    sessionStorage.removeItem(TOKEN_KEY);
    throw new Unauthorized(token ? 'the token was refused' : 'the API asks for a token');
  }
  if (!response.ok) {
    const body = await response.json().catch(() => ({}));
    throw new Error(body.error || response.statusText);
  }
  return response.json();
}

function range() {
  return 'from=' + encodeURIComponent($('range').value) + '&to=now';
}

/** "503 UF, mTLS / TLS mismatch" */
function headline(cause) {
  const codes = (cause.status_codes || []).join('/');
  const flags = (cause.flags || []).join(',');
  const what = [codes, flags].filter(Boolean).join(' ');
  return `${what ? `<span class="codes">${esc(what)}</span>, ` : ''}<span class="cause">${esc(cause.title)}</span>`;
}

function renderAlerts(alerts) {
  $('alert-count').textContent = alerts.length ? `(${alerts.length})` : '';
  $('alerts').innerHTML = alerts.length === 0 ? '<p class="empty">No alert is firing.</p>' : alerts.map((a) => `
    <div class="alert ${esc(a.severity)}" data-alert="${esc(a.id)}">
      <div class="headline">${esc(a.service)} (${esc(a.direction)}): ${esc(a.title)}, since ${esc(hhmmUtc(a.firing_since))}</div>
      <div>${a.count} of ${a.requests} requests (${pct(a.ratio)}) in the window from ${esc(hhmmUtc(a.window_start))}
        · rule ${esc(a.rule)}${a.sample_request_id ? ' · sample request ' + esc(a.sample_request_id) : ''}</div>
      <div class="hint">${esc(a.hint)}</div>
    </div>`).join('');
}

function renderServices(services) {
  const body = $('services').querySelector('tbody');
  if (services.length === 0) {
    body.innerHTML = '<tr><td colspan="7" class="empty">No traffic in this range yet.</td></tr>';
    return;
  }
  body.innerHTML = services.map((s) => {
    const top = s.top_cause;
    return `<tr data-service="${esc(s.service)}" class="${s.service === state.selected ? 'selected' : ''}">
      <td><strong>${esc(s.service)}</strong></td>
      <td class="num">${s.requests}</td>
      <td class="num ${s.errors ? 'bad' : ''}">${s.errors}</td>
      <td class="num ${s.errors ? 'bad' : ''}">${pct(s.error_ratio)}</td>
      <td>${top ? headline(top) : '<span class="empty">none</span>'}</td>
      <td>${top ? esc(hhmm(top.first_seen)) : ''}</td>
      <td class="hint">${top ? esc(top.hint) : ''}</td>
    </tr>`;
  }).join('');
  body.querySelectorAll('tr[data-service]').forEach((row) => row.addEventListener('click', () => {
    state.selected = row.dataset.service;
    refresh();
  }));
  if (!state.selected && services[0].errors > 0) {
    state.selected = services[0].service;
  }
}

function chart(id, config) {
  if (state.charts[id]) {
    state.charts[id].destroy();
  }
  state.charts[id] = new Chart($(id), { ...config, options: { animation: false, responsive: true, maintainAspectRatio: false, ...config.options } });
}

async function renderDetail(services) {
  const service = services.find((s) => s.service === state.selected);
  $('detail').hidden = !service;
  if (!service) {
    return;
  }
  const path = '/api/v1/services/' + encodeURIComponent(service.service);
  const [windows, latency] = await Promise.all([getJson(path + '/causes?' + range()), getJson(path + '/latency?' + range())]);
  const top = service.top_cause;
  $('detail-title').innerHTML = `${esc(service.service)}${top ? ': ' + headline(top) + ', since ' + esc(hhmmUtc(top.first_seen)) : ''}`;
  const causes = [...new Set(windows.flatMap((w) => Object.keys(w.causes)))];
  chart('causes-chart', {
    type: 'bar',
    data: {
      labels: windows.map((w) => hhmmss(w.window_start)),
      datasets: causes.map((cause, i) => ({ label: cause, data: windows.map((w) => w.causes[cause] || 0), backgroundColor: COLORS[i % COLORS.length] })),
    },
    options: { scales: { x: { stacked: true, ...WINDOW_AXIS }, y: { stacked: true, beginAtZero: true } } },
  });
  chart('latency-chart', {
    type: 'line',
    data: {
      labels: latency.map((w) => hhmmss(w.window_start)),
      datasets: ['p50', 'p90', 'p99', 'max'].map((p, i) => ({ label: p, data: latency.map((w) => w[p]), borderColor: COLORS[i + 3], fill: false })),
    },
    options: { scales: { x: WINDOW_AXIS, y: { beginAtZero: true } } },
  });
  $('upstream-cause').textContent = top ? top.title : 'all requests';
  const upstreams = await getJson(path + '/upstreams?' + range() + (top ? '&cause=' + encodeURIComponent(top.cause) : ''));
  $('upstreams').querySelector('tbody').innerHTML = upstreams.length === 0
    ? '<tr><td colspan="2" class="empty">No upstream host recorded.</td></tr>'
    : upstreams.map((u) => `<tr><td>${esc(u.host)}</td><td class="num">${u.count}</td></tr>`).join('');
}

async function refresh() {
  const status = $('status');
  try {
    const [services, alerts] = await Promise.all([getJson('/api/v1/services?' + range()), getJson('/api/v1/alerts?state=firing')]);
    renderAlerts(alerts);
    renderServices(services);
    await renderDetail(services);
    status.textContent = 'live · ' + hhmmss(new Date().toISOString()) + ' UTC';
    status.className = 'status ready';
    document.body.dataset.loaded = 'true';
  } catch (error) {
    status.textContent = 'waiting: ' + error.message;
    status.className = 'status down';
    if (error instanceof Unauthorized) {
      askForToken();
    }
  }
}

function askForToken() {
  const form = $('login');
  if (form.hidden) {
    form.hidden = false;
    $('token').focus();
  }
}

function useToken(event) {
  event.preventDefault();
  sessionStorage.setItem(TOKEN_KEY, $('token').value.trim());
  $('token').value = '';
  $('login').hidden = true;
  refresh();
}

async function start() {
  const config = await getJson('/dashboard/config.json');
  await new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = config.chart_js;
    script.onload = resolve;
    script.onerror = () => reject(new Error('Chart.js did not load'));
    document.head.appendChild(script);
  });
  $('range').addEventListener('change', refresh);
  $('login').addEventListener('submit', useToken);
  await refresh();
  setInterval(refresh, REFRESH_MS);
}

start();
