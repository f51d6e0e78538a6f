import { api, query } from './api.js';
import { definitions, h, json, main, pager, problemView, replace, setTitle, stateBadge, table, time } from './dom.js';
import { jobLabel } from './jobs.js';

export async function pipelinesPage()
{
    setTitle('Pipelines');
    const address = new URLSearchParams(location.search);
    const answer = await api(`/api/v1/pipelines${query({ limit: 100, after: address.get('after') })}`);
    if (!answer.ok)
    {
        replace(main(), problemView('Pipelines not shown', answer));
        return;
    }
    const pipelines = answer.body.items ?? [];
    replace(main(), h('h1', {}, 'Pipelines'),
        pipelines.length
            ? table(['Name', 'Id', 'UUID', 'Description'], pipelines.map(p => h('tr', { 'data-uuid': p.uuid },
                h('td', {}, h('a', { href: `/pipelines/${encodeURIComponent(p.uuid)}` }, p.name ?? p.uuid)),
                h('td', { class: 'mono' }, p.id ?? ''), h('td', { class: 'mono' }, p.uuid), h('td', {}, p.description ?? ''))), { id: 'pipelines' })
            : h('p', { class: 'empty' }, 'No pipeline registered yet.'),
        pager(answer.body.next && `/pipelines?after=${encodeURIComponent(answer.body.next)}`));
}

export async function pipelinePage(id)
{
    const answer = await api(`/api/v1/pipelines/${encodeURIComponent(id)}`);
    if (!answer.ok)
    {
        setTitle('Pipeline not found');
        replace(main(), problemView(answer.status === 404 ? 'Pipeline not found' : 'Pipeline not shown', answer));
        return;
    }
    const pipeline = answer.body;
    setTitle(`Pipeline ${pipeline.name ?? pipeline.uuid}`);
    const jobs = await api(`/api/v1/jobs${query({ pipeline_uuid: pipeline.uuid, limit: 100 })}`);
    const items = jobs.ok ? jobs.body.items ?? [] : [];
    replace(main(),
        h('h1', { id: 'pipeline-name' }, pipeline.name ?? pipeline.uuid),
        definitions([
            ['UUID', h('span', { class: 'mono' }, pipeline.uuid)], ['Id', pipeline.id], ['Description', pipeline.description],
            ['Lineage', h('a', { href: `/lineage/${encodeURIComponent(pipeline.uuid)}` }, 'graph')],
            ['Components', pipeline.components?.length ? json(pipeline.components) : null],
        ]),
        h('h2', {}, 'Jobs'),
        !jobs.ok ? h('p', { class: 'problem-detail' }, jobs.message)
            : items.length ? table(['State', 'Job', 'Updated'], items.map(job => h('tr', { 'data-uuid': job.uuid },
                h('td', {}, stateBadge(job.state)), h('td', {}, h('a', { href: `/jobs/${encodeURIComponent(job.uuid)}` }, jobLabel(job))), h('td', {}, time(job.updated)))), { id: 'pipeline-jobs' })
                : h('p', { class: 'empty' }, 'No job of this pipeline.'),
        jobs.ok && jobs.body.next ? h('p', {}, h('a', { href: `/jobs?pipeline=${encodeURIComponent(pipeline.uuid)}` }, 'All its jobs')) : null);
}
