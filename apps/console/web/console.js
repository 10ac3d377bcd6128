// The operations console page: fetches /api/panels and draws each panel. Read-only: nothing here changes any state.
/* global echarts */
'use strict';

const charts = new Map();
const number = new Intl.NumberFormat('en-GB');

function element(tag, attributes, text) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes || {})) node.setAttribute(name, value);
  if (text !== undefined) node.textContent = text;
  return node;
}

function readable(name, prefix) {
  const bare = prefix && name.startsWith(prefix) ? name.slice(prefix.length) : name;
  return bare.toLowerCase().replace(/_/g, ' ');
}

/** A figure tile: `data-figure` names it for people who script against the page (and for the browser test). */
function figure(name, value, label, tone) {
  const tile = element('div', { class: `figure${tone ? ` ${tone}` : ''}`, 'data-figure': name });
  tile.append(element('span', { class: 'value' }, typeof value === 'number' ? number.format(value) : String(value)));
  tile.append(element('span', { class: 'label' }, label));
  return tile;
}

function chart(id, option) {
  const host = document.getElementById(id);
  if (!host) return;
  let instance = charts.get(id);
  if (!instance) {
    instance = echarts.init(host, null, { renderer: 'canvas' });
    charts.set(id, instance);
  }
  instance.setOption(Object.assign({ animation: false, tooltip: { trigger: 'item' } }, option), true);
}

function panelOf(name) {
  return document.querySelector(`[data-panel="${name}"]`);
}

function show(name, result, draw) {
  const panel = panelOf(name);
  const figures = panel.querySelector('.figures');
  const problem = panel.querySelector('.problem');
  if (!result.ok) {
    panel.dataset.state = 'unavailable';
    problem.textContent = `Unavailable: ${result.problem}`;
    return;
  }
  problem.textContent = '';
  figures.replaceChildren();
  draw(result.data, figures, panel);
  panel.dataset.state = 'ready';
}

function drawChain(data, figures) {
  figures.append(figure('totalCases', data.totalCases, 'cases at the IND'));
  figures.append(figure('decidedCases', data.decidedCases, 'decided'));
  figures.append(figure('categories', data.categories.length, 'permit categories'));
  figures.append(
    figure(
      'flowRecords',
      data.flow.links.reduce((sum, link) => sum + link.records, 0),
      'records between agencies',
    ),
  );
  chart('chart-stages', {
    title: { text: 'Cases per category and stage', textStyle: { fontSize: 12 } },
    tooltip: { trigger: 'axis' },
    legend: { top: 26, type: 'scroll' },
    grid: { top: 66, left: 40, right: 10, bottom: 40 },
    xAxis: { type: 'category', data: data.categories.map((row) => row.label), axisLabel: { interval: 0, rotate: 20 } },
    yAxis: { type: 'value', minInterval: 1 },
    series: data.statuses.map((status) => ({
      name: status.label,
      type: 'bar',
      stack: 'cases',
      data: data.categories.map((row) => {
        const cell = data.cells.find((each) => each.category === row.category && each.status === status.status);
        return cell ? cell.cases : 0;
      }),
    })),
  });
  chart('chart-flow', {
    title: { text: 'Records between agencies', textStyle: { fontSize: 12 } },
    series: [
      {
        type: 'graph',
        layout: 'circular',
        circular: { rotateLabel: false },
        top: 40,
        bottom: 20,
        roam: false,
        label: { show: true, position: 'right', formatter: (params) => readable(params.name) },
        edgeSymbol: ['none', 'arrow'],
        edgeSymbolSize: 8,
        lineStyle: { curveness: 0.2, opacity: 0.7 },
        data: data.flow.nodes.map((node) => ({
          name: node.role,
          value: node.records,
          symbolSize: 14 + Math.min(30, Math.sqrt(node.records) * 2),
        })),
        links: data.flow.links.map((link) => ({
          source: link.from,
          target: link.to,
          value: link.records,
          lineStyle: { width: 1 + Math.min(8, Math.log2(1 + link.records)) },
        })),
      },
    ],
  });
}

function drawDeadlines(data, figures) {
  const statutory = data.clocks.find((clock) => clock.kind === 'STATUTORY_DECISION') || { atRisk: 0, breached: 0 };
  figures.append(figure('openCases', data.openCases, `open cases on ${data.today}`));
  figures.append(
    figure('statutoryAtRisk', statutory.atRisk, `statutory at risk (≤ ${data.atRiskWithinDays} days)`, statutory.atRisk ? 'warn' : ''),
  );
  figures.append(figure('statutoryBreached', statutory.breached, 'statutory breached', statutory.breached ? 'bad' : ''));
  chart('chart-deadlines', {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { top: 30, left: 170, right: 20, bottom: 20 },
    yAxis: { type: 'category', data: data.clocks.map((clock) => clock.label) },
    xAxis: { type: 'value', minInterval: 1 },
    series: [
      { name: 'on track', type: 'bar', stack: 'c', color: '#15803d', data: data.clocks.map((clock) => clock.onTrack) },
      { name: 'at risk', type: 'bar', stack: 'c', color: '#d97706', data: data.clocks.map((clock) => clock.atRisk) },
      { name: 'breached', type: 'bar', stack: 'c', color: '#b91c1c', data: data.clocks.map((clock) => clock.breached) },
    ],
  });
}

function drawOnceOnly(data, figures) {
  figures.append(figure('notAskedAgain', data.notAskedAgain, 'documents not asked again', 'good'));
  figures.append(figure('reusedFromVault', data.reusedFromVault, 'reused from the vault'));
  figures.append(figure('requestedFromSource', data.requestedFromSource, 'requested from the source'));
  figures.append(figure('pendingTotal', data.pendingTotal, 'requests pending at a source', data.pendingTotal ? 'warn' : ''));
  chart('chart-once-only', {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { top: 30, left: 150, right: 20, bottom: 20 },
    yAxis: {
      type: 'category',
      data: data.perEvidenceType.map((row) => row.label).concat(data.pendingPerSource.map((row) => `${row.label} (pending)`)),
    },
    xAxis: { type: 'value', minInterval: 1 },
    series: [
      { name: 'reused from the vault', type: 'bar', stack: 'e', data: data.perEvidenceType.map((row) => row.reusedFromVault) },
      { name: 'requested from the source', type: 'bar', stack: 'e', data: data.perEvidenceType.map((row) => row.requestedFromSource) },
      {
        name: 'pending at the source',
        type: 'bar',
        stack: 'e',
        color: '#d97706',
        data: data.perEvidenceType.map(() => 0).concat(data.pendingPerSource.map((row) => row.pending)),
      },
    ],
  });
}

function drawDeadLetters(data, figures, panel) {
  figures.append(figure('deadLetters', data.total, 'dead letters', data.total ? 'bad' : 'good'));
  figures.append(figure('deadLetterTopics', data.byTopic.length, 'topics with dead letters'));
  const reasons = data.byReason.map((row) => row.errorClass);
  chart('chart-dead-letters', {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { top: 30, left: 220, right: 20, bottom: 20 },
    yAxis: { type: 'category', data: data.byTopic.map((row) => row.sourceTopic) },
    xAxis: { type: 'value', minInterval: 1 },
    series: reasons.map((reason) => ({
      name: reason,
      type: 'bar',
      stack: 'd',
      data: data.byTopic.map((row) => (row.byReason.find((each) => each.errorClass === reason) || { count: 0 }).count),
    })),
  });
  const body = panel.querySelector('.dead-letter-entries tbody');
  body.replaceChildren(
    ...data.latest.map((entry) => {
      const row = element('tr', { class: 'dead-letter-entry', 'data-id': entry.id, 'data-at': entry.deadLetteredAt });
      row.append(element('td', {}, entry.deadLetteredAt.replace('T', ' ').slice(0, 19)));
      row.append(element('td', {}, entry.sourceTopic));
      row.append(element('td', { class: 'error-class' }, entry.errorClass));
      row.append(element('td', { class: 'reason' }, entry.reason));
      return row;
    }),
  );
}

function drawAudit(data, figures, panel) {
  const tone = data.status === 'ANCHORED' ? 'good' : data.status === 'NOT_INTACT' ? 'bad' : 'warn';
  figures.append(figure('auditStatus', readable(data.status), 'chain status', tone));
  figures.append(figure('checkpointsRead', data.checkpointsRead, 'signed checkpoints read'));
  figures.append(figure('recordsRefused', data.recordsRefused, 'records refused', data.recordsRefused ? 'bad' : ''));
  const list = panel.querySelector('dl.checkpoint');
  list.replaceChildren();
  for (const chain of data.chains) {
    const rows = [
      ['chain', chain.chainId],
      ['latest signed entry', chain.latest.sequence],
      ['entry hash', chain.latest.entryHash],
      ['signed at', chain.latest.takenAt || '—'],
    ];
    for (const [term, value] of rows) {
      list.append(element('dt', {}, term));
      list.append(element('dd', { 'data-checkpoint': term }, value));
    }
  }
  for (const problem of data.problems) {
    list.append(element('dt', {}, 'problem'));
    list.append(element('dd', { class: 'audit-problem' }, problem));
  }
  document.getElementById('verify-result').textContent =
    `verified ${data.verifiedAt.replace('T', ' ').slice(0, 19)}: ${readable(data.status)}`;
}

function drawConsular(data, figures) {
  figures.append(figure('slotsOffered', data.slotsOffered, 'slots offered'));
  figures.append(figure('slotsUsed', data.slotsUsed, 'slots used'));
  figures.append(figure('pooledToOtherPosts', data.pooledToOtherPosts, 'pooled to another post'));
  chart('chart-consular', {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { top: 30, left: 40, right: 40, bottom: 30 },
    xAxis: { type: 'category', data: data.posts.map((post) => post.post) },
    yAxis: [
      { type: 'value', minInterval: 1, name: 'slots' },
      { type: 'value', minInterval: 1, name: 'days' },
    ],
    series: [
      { name: 'offered', type: 'bar', data: data.posts.map((post) => post.slotsOffered) },
      { name: 'used', type: 'bar', data: data.posts.map((post) => post.slotsUsed) },
      { name: 'pooled away', type: 'bar', data: data.posts.map((post) => post.pooledToOtherPosts) },
      { name: 'waiting days p50', type: 'line', yAxisIndex: 1, data: data.posts.map((post) => post.waitingDaysP50) },
    ],
  });
}

function feedChart(id, title, block) {
  chart(id, {
    title: { text: title, textStyle: { fontSize: 12 } },
    tooltip: { trigger: 'axis' },
    legend: { top: 26, type: 'scroll' },
    grid: { top: 66, left: 60, right: 10, bottom: 30 },
    xAxis: { type: 'category', data: block.years.map(String) },
    yAxis: { type: 'value', minInterval: 1 },
    series: block.groups.flatMap((group) => [
      { name: `${readable(group.group)} applications`, type: 'bar', data: group.applications },
      { name: `${readable(group.group)} decisions`, type: 'line', data: group.decisions, connectNulls: false },
    ]),
  });
}

function drawEuFeed(data, figures) {
  figures.append(figure('publishedApplications', data.published.applications, 'applications 2015–2022 (IND, published)'));
  figures.append(
    figure(
      'liveApplications',
      data.live.applications,
      `applications in the live feed${data.live.asOf ? ` (as of ${data.live.asOf})` : ''}`,
    ),
  );
  figures.append(figure('withheldCells', data.live.withheldCells, 'live cells withheld (small cells)'));
  feedChart('chart-feed-published', 'Published: IND 2015–2022', data.published);
  feedChart('chart-feed-live', 'Live: the EU feed now', data.live);
}

async function refresh() {
  const response = await fetch('/api/panels', { cache: 'no-store' });
  if (!response.ok) throw new Error(`/api/panels answered HTTP ${response.status}`);
  const panels = await response.json();
  document.getElementById('generated-at').textContent = panels.generatedAt.replace('T', ' ').slice(0, 19) + ' UTC';
  show('chain', panels.chain, drawChain);
  show('deadlines', panels.deadlines, drawDeadlines);
  show('onceOnly', panels.onceOnly, drawOnceOnly);
  show('deadLetters', panels.deadLetters, drawDeadLetters);
  show('audit', panels.audit, drawAudit);
  show('consular', panels.consular, drawConsular);
  show('euFeed', panels.euFeed, drawEuFeed);
  document.body.dataset.refreshed = panels.generatedAt;
}

async function verifyAudit() {
  const result = document.getElementById('verify-result');
  result.textContent = 'verifying…';
  try {
    const response = await fetch('/api/audit/verify', { cache: 'no-store' });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    show('audit', { ok: true, data: await response.json() }, drawAudit);
  } catch (error) {
    result.textContent = `verification failed: ${error.message}`;
  }
}

function report(error) {
  document.getElementById('generated-at').textContent = `not available (${error.message})`;
}

document.getElementById('refresh').addEventListener('click', () => refresh().catch(report));
document.getElementById('verify-audit').addEventListener('click', () => void verifyAudit());
window.addEventListener('resize', () => charts.forEach((instance) => instance.resize()));
refresh().catch(report);
setInterval(() => refresh().catch(report), 30_000);
