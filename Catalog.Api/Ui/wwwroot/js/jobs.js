import { api, query } from './api.js';
import { h, main, replace, setTitle, stateBadge, table, time } from './dom.js';

export const jobStates = ['CREATED', 'RUNNING', 'INDEXING', 'FINISHED', 'VALIDATING', 'VALIDATED', 'FINALIZED', 'FAILED',
    'CANCELLED', 'REJECTED', 'RETIRED', 'RESET'];

// The filters as they appear in the address (shareable) and the API's parameter each one becomes.
const filters = { state: 'state', pipeline: 'pipeline_uuid', tag: 'tag', owner: 'owner', group: 'group', stale: 'stale_after' };

const pollMs = 4000;

// Pipeline and group names by UUID, from the lists the filter form reads: the list shows names people recognise.
const names = new Map();

export async function jobsPage()
{
    setTitle('Jobs');
    const address = new URLSearchParams(location.search);
    const list = h('div', { id: 'job-list' });
    const status = h('p', { class: 'muted', id: 'list-status' });
    const form = await filterForm(address);
    replace(main(), h('h1', {}, 'Jobs'), form, status, list);

    const text = address.get('q') ?? '';
    const load = text ? () => searchJobs(text, address.get('after')) : () => listJobs(address);
    let timer = null;
    let stopped = false;
    const refresh = async () =>
    {
        const view = await load();
        if (stopped)
        {
            return;
        }
        replace(list, view.node);
        status.textContent = view.status;
        timer = setTimeout(refresh, pollMs);
    };
    await refresh();
    return () =>
    {
        stopped = true;
        clearTimeout(timer);
    };
}

async function filterForm(address)
{
    const [pipelines, groups] = await Promise.all([api('/api/v1/pipelines?limit=1000'), api('/api/v1/groups?limit=1000')]);
    for (const item of [...(pipelines.body?.items ?? []), ...(groups.body?.items ?? [])])
    {
        names.set(item.uuid, item.name ?? item.id ?? item.uuid);
    }
    const option = (value, label, selected) => h('option', { value, selected: selected === value }, label);
    const select = (name, label, options) => h('label', {}, label, ' ',
        h('select', { name }, option('', 'any', address.get(name) ?? ''), options));
    const form = h('form', { class: 'filters', id: 'job-filters' },
        h('label', {}, 'Text ', h('input', { type: 'search', name: 'q', value: address.get('q') ?? '', placeholder: 'identifier, tag, note…' })),
        select('state', 'State', jobStates.map(s => option(s, s, address.get('state')))),
        select('pipeline', 'Pipeline', (pipelines.body?.items ?? []).map(p => option(p.uuid, p.name ?? p.id ?? p.uuid, address.get('pipeline')))),
        h('label', {}, 'Tag ', h('input', { type: 'text', name: 'tag', value: address.get('tag') ?? '' })),
        h('label', {}, 'Owner ', h('input', { type: 'text', name: 'owner', value: address.get('owner') ?? '' })),
        select('group', 'Group', (groups.body?.items ?? []).map(g => option(g.uuid, g.name ?? g.uuid, address.get('group')))),
        h('label', {}, 'Stale for (s) ', h('input', { type: 'number', min: '1', name: 'stale', value: address.get('stale') ?? '', class: 'narrow' })),
        h('button', { type: 'submit' }, 'Apply'),
        h('a', { href: '/jobs', class: 'button-link' }, 'Clear'));
    form.addEventListener('submit', event =>
    {
        event.preventDefault();
        const values = Object.fromEntries([...new FormData(form)].map(([name, value]) => [name, String(value).trim()]));
        history.pushState(null, '', `/jobs${query(values)}`);
        window.dispatchEvent(new PopStateEvent('popstate'));
    });
    return form;
}

async function listJobs(address)
{
    const parameters = { limit: 50, after: address.get('after') };
    for (const [name, apiName] of Object.entries(filters))
    {
        parameters[apiName] = address.get(name);
    }
    const answer = await api(`/api/v1/jobs${query(parameters)}`);
    if (!answer.ok)
    {
        return { node: h('p', { class: 'problem-detail' }, answer.message), status: '' };
    }
    const jobs = answer.body.items ?? [];
    const rows = jobs.map(job => h('tr', { 'data-uuid': job.uuid },
        h('td', {}, stateBadge(job.state), job.blocked ? h('span', { class: 'flag', title: job.blocked_reason ?? '' }, 'blocked') : null),
        h('td', {}, h('a', { href: `/jobs/${encodeURIComponent(job.uuid)}` }, jobLabel(job)), h('div', { class: 'muted mono' }, job.uuid)),
        h('td', {}, named('pipelines', job.pipeline_uuid)),
        h('td', {}, job.owner ?? ''),
        h('td', {}, (job.tags ?? []).map(tag => h('span', { class: 'tag' }, tag))),
        h('td', {}, job.group ? named('groups', job.group) : ''),
        h('td', {}, time(job.updated))));
    const node = h('div', {},
        jobs.length ? table(['State', 'Job', 'Pipeline', 'Owner', 'Tags', 'Group', 'Updated'], rows, { class: 'jobs' })
            : h('p', { class: 'empty' }, 'No job matches these filters.'),
        pager(address, answer.body.next));
    return { node, status: `${jobs.length} job${jobs.length === 1 ? '' : 's'} on this page · states refresh every ${pollMs / 1000} s` };
}

// A link to a pipeline's or group's page, by its name when the filter form's lists had it, else by its UUID's start.
function named(kind, uuid)
{
    const name = names.get(uuid);
    return h('a', { href: `/${kind}/${encodeURIComponent(uuid)}`, class: name ? '' : 'mono', title: uuid }, name ?? short(uuid));
}

async function searchJobs(text, after)
{
    const answer = await api(`/api/v1/search${query({ q: text, type: 'job', limit: 50, after })}`);
    if (!answer.ok)
    {
        return { node: h('p', { class: 'problem-detail' }, answer.message), status: '' };
    }
    const hits = answer.body.items ?? [];
    const rows = hits.map(hit => h('tr', { 'data-uuid': hit.uuid },
        h('td', {}, h('a', { href: `/jobs/${encodeURIComponent(hit.uuid)}` }, hit.label ?? hit.uuid), h('div', { class: 'muted mono' }, hit.uuid)),
        h('td', {}, hit.matched ?? '')));
    const address = new URLSearchParams(location.search);
    return {
        node: h('div', {}, hits.length ? table(['Job', 'Matched'], rows, { class: 'jobs' }) : h('p', { class: 'empty' }, 'No job matches this text.'),
            pager(address, answer.body.next)),
        status: `Jobs matching “${text}” (text search; the other filters apply without text)`,
    };
}

function pager(address, next)
{
    const links = [];
    if (address.get('after'))
    {
        const first = new URLSearchParams(address);
        first.delete('after');
        links.push(h('a', { href: `/jobs${first.size ? `?${first}` : ''}`, class: 'button-link' }, 'First page'));
    }
    if (next)
    {
        const following = new URLSearchParams(address);
        following.set('after', next);
        links.push(h('a', { href: `/jobs?${following}`, class: 'button-link', rel: 'next' }, 'Next page'));
    }
    return h('nav', { class: 'pager' }, links);
}

export function jobLabel(job)
{
    const names = Object.values(job.names ?? {});
    return names.length ? names.join(', ') : job.uuid;
}

export function short(uuid)
{
    return String(uuid ?? '').slice(0, 8);
}
