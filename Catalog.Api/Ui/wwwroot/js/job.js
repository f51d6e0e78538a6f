import { adminKey, api, query } from './api.js';
import { confirmAction } from './admin.js';
import { definitions, h, json, main, problemView, replace, setTitle, stateBadge, table, time } from './dom.js';
import { jobLabel } from './jobs.js';

export async function jobPage(id, notice)
{
    const path = `/api/v1/jobs/${encodeURIComponent(id)}`;
    let answer = await api(path);
    if (answer.status === 404 && adminKey.get())
    {
        // Hidden jobs are shown to admins (so that they can be restored).
        const hidden = await api(`${path}?include_deleted=true`, { admin: true });
        answer = hidden.ok ? hidden : answer;
    }
    if (!answer.ok)
    {
        setTitle('Job not found');
        replace(main(), notice ? noticeView(notice) : null, problemView(answer.status === 404 ? 'Job not found' : 'Job not shown', answer));
        return;
    }
    const job = answer.body;
    const label = jobLabel(job);
    setTitle(`Job ${label}`);
    const [events, files] = await Promise.all([
        api(`${path}/events${job.deleted ? '?include_deleted=true' : ''}`, { admin: job.deleted }),
        api(`${path}/files${job.deleted ? '?include_deleted=true' : ''}`, { admin: job.deleted })]);
    replace(main(),
        notice ? noticeView(notice) : null,
        h('header', { class: 'page-head' },
            h('h1', { id: 'job-title' }, label),
            h('p', {}, stateBadge(job.state), ' ', h('span', { class: 'mono', id: 'job-uuid' }, job.uuid),
                job.deleted ? h('span', { class: 'flag', id: 'job-hidden' }, 'hidden') : null,
                job.blocked ? h('span', { class: 'flag' }, 'blocked') : null),
            h('p', {}, h('a', { href: `/lineage/${encodeURIComponent(job.uuid)}`, class: 'button-link' }, 'Lineage graph'))),
        adminPanel(job, label),
        h('section', {}, h('h2', {}, 'Document'), documentView(job)),
        h('section', {}, h('h2', {}, 'Measurements'), measurementsView(job.measurements)),
        h('section', {}, h('h2', {}, 'Dependencies'), dependenciesView(job)),
        h('section', {}, h('h2', {}, 'Files'), filesView(files)),
        h('section', {}, h('h2', {}, 'History'), historyView(events, job)));
}

function noticeView(notice)
{
    return h('p', { class: `notice ${notice.ok ? 'ok' : 'bad'}`, id: 'action-result', role: 'status' }, notice.text);
}

function documentView(job)
{
    const links = list => (list ?? []).map(uuid => h('div', {}, h('a', { href: `/lineage/${encodeURIComponent(uuid)}`, class: 'mono' }, uuid),
        job.names?.[uuid] ? ` ${job.names[uuid]}` : ''));
    return definitions([
        ['Pipeline', h('a', { href: `/pipelines/${encodeURIComponent(job.pipeline_uuid)}`, class: 'mono' }, job.pipeline_uuid)],
        ['Group', job.group ? h('a', { href: `/groups/${encodeURIComponent(job.group)}`, class: 'mono' }, job.group) : null],
        ['Owner', job.owner],
        ['Notes', job.notes ? h('span', { id: 'job-notes' }, job.notes) : null],
        ['Tags', (job.tags ?? []).map(tag => h('span', { class: 'tag' }, tag))],
        ['Labels', Object.entries(job.labels ?? {}).map(([key, value]) => h('span', { class: 'tag' }, `${key}: ${value}`))],
        ['Child of', links(job.child_of)],
        ['Acted on', links(job.acted_on)],
        ['Acted using', links(job.acted_using)],
        ['Archive', job.archive_path ? `${job.archive_system ?? ''}:${job.archive_path}` : null],
        ['Agent', job.agent], ['Task', job.task], ['Session', job.session],
        ['Last event', job.last_event],
        ['Blocked because', job.blocked_reason],
        ['Created', time(job.created)], ['Started', time(job.started)], ['Ended', time(job.ended)], ['Updated', time(job.updated)],
        ['Version', job.version],
        ['Data', job.data && Object.keys(job.data).length ? json(job.data) : null],
    ]);
}

function measurementsView(measurements)
{
    const entries = Object.entries(measurements ?? {});
    return entries.length
        ? table(['Name', 'Latest value'], entries.map(([name, value]) => h('tr', {}, h('td', {}, name), h('td', {}, typeof value === 'string' ? value : JSON.stringify(value)))), { id: 'measurements' })
        : h('p', { class: 'empty' }, 'No measurement.');
}

function dependenciesView(job)
{
    const dependencies = job.depends_on ?? [];
    return dependencies.length
        ? table(['Job', 'Waits for'], dependencies.map(d => h('tr', {}, h('td', {}, h('a', { href: `/jobs/${encodeURIComponent(d.job)}`, class: 'mono' }, d.job)), h('td', {}, d.when ?? ''))))
        : h('p', { class: 'empty' }, 'No dependency.');
}

function filesView(answer)
{
    if (!answer.ok)
    {
        return h('p', { class: 'problem-detail' }, answer.message);
    }
    const files = answer.body.items ?? [];
    return files.length
        ? table(['File', 'Level', 'Size', 'Storage', 'Removed'], files.map(file => h('tr', { 'data-uuid': file.uuid },
            h('td', {}, h('a', { href: `/lineage/${encodeURIComponent(file.uuid)}` }, file.name ?? file.uuid), h('div', { class: 'muted mono' }, file.uuid)),
            h('td', {}, file.level ?? ''), h('td', {}, file.size ?? ''), h('td', {}, file.storage_system ?? ''), h('td', {}, time(file.removed_at)))),
            { id: 'files' })
        : h('p', { class: 'empty' }, 'No file indexed.');
}

function historyView(answer, job)
{
    const events = answer.ok && Array.isArray(answer.body) ? answer.body : null;
    if (!events)
    {
        return h('ol', { class: 'timeline' }, (job.history ?? []).map(entry => h('li', {}, time(entry.date), ' ', h('strong', {}, entry.name))));
    }
    return h('ol', { class: 'timeline', id: 'timeline' }, events.map(event => h('li', {},
        h('div', {}, time(event.date), ' ', h('strong', {}, event.name), ' ', actorText(event.actor)),
        event.data && Object.keys(event.data).length ? json(event.data) : null)));
}

function actorText(actor)
{
    if (!actor)
    {
        return '';
    }
    return h('span', { class: 'muted' }, typeof actor === 'string' ? `by ${actor}` : `by ${actor.kind}${actor.name ? ` ${actor.name}` : ''}`);
}

// Each admin action: what it asks of the API and what it does, said in its confirmation.
const actions = [
    { key: 'reset', label: 'Reset', what: 'Resets the job to RESET: its run starts over once it is made ready; its files stay indexed.', call: (u, r) => [`/api/v1/jobs/${u}/reset${query({ reason: r })}`, 'POST'] },
    { key: 'rerun', label: 'Rerun', what: 'Resets the job and makes it ready (CREATED) in one step, so its pipeline may run it again.', call: (u, r) => [`/api/v1/jobs/${u}/rerun`, 'POST', r ? { reason: r } : {}] },
    { key: 'hide', label: 'Hide', what: 'Hides the job from every list and query (DELETE); an admin can restore it.', hidden: false, call: (u, r) => [`/api/v1/jobs/${u}${query({ reason: r })}`, 'DELETE'] },
    { key: 'undelete', label: 'Restore', what: 'Restores the hidden job, so it is listed again.', hidden: true, call: (u, r) => [`/api/v1/jobs/${u}/undelete${query({ reason: r })}`, 'POST'] },
    { key: 'purge', label: 'Purge', what: 'Deletes the job for good: its events, document and lineage edges are gone; only an audit record stays. This cannot be undone.', call: (u, r) => [`/api/v1/jobs/${u}/purge${query({ reason: r })}`, 'POST'] },
    { key: 'token', label: 'Rotate token', what: 'Gives the job a new token: the current one stops working at once. The new token is not shown here (ask the API for it).', call: (u, r) => [`/api/v1/jobs/${u}/token${query({ reason: r })}`, 'POST'] },
];

function adminPanel(job, label)
{
    if (!adminKey.get())
    {
        return h('section', { class: 'admin muted' }, 'Admin actions (reset, rerun, hide, restore, purge, rotate token) need the admin key (top right).');
    }
    const available = actions.filter(a => a.hidden === undefined || a.hidden === job.deleted);
    return h('section', { class: 'admin', id: 'admin-actions' }, h('h2', {}, 'Admin'),
        available.map(action => h('button', { type: 'button', 'data-action': action.key, class: action.key === 'purge' ? 'danger' : '',
            onclick: () => runAction(action, job, label) }, action.label)));
}

async function runAction(action, job, label)
{
    const reason = await confirmAction({
        title: `${action.label} job ${label}?`,
        lines: [`Job ${job.uuid} (${label}), now ${job.state}${job.deleted ? ', hidden' : ''}.`, action.what],
        confirmLabel: action.label,
        withReason: true,
    });
    if (reason === null)
    {
        return;
    }
    const [path, method, body] = action.call(encodeURIComponent(job.uuid), reason);
    const answer = await api(path, { method, admin: true, body });
    const text = answer.ok
        ? `${action.label}: done.${answer.body?.state ? ` The job is now ${answer.body.state}.` : ''}${action.key === 'purge' ? ' The job is purged.' : ''}`
        : `${action.label} refused: ${answer.message}`;
    await jobPage(job.uuid, { ok: answer.ok, text });
}
